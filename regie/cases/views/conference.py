"""Case conferences (casusoverleg): recording one, its agreements, and agreement → action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regie.accounts.models import User
from regie.cases import selectors
from regie.cases.forms import AgreementForm, AgreementToActionForm, ConferenceForm
from regie.cases.models import Case, CaseConference, GoalStatus
from regie.cases.services import agreement_add, agreement_to_action, conference_record
from regie.cases.views.common import (
    acting_user,
    apply_errors,
    case_context,
    deny,
    page_or_fragment,
    require_case_regisseur,
)


def _conference_url(case: Case, conference: CaseConference) -> str:
    return reverse("cases:conference", args=[case.pk, conference.pk])


def _conference_context(
    user: User,
    case: Case,
    conference: CaseConference,
    *,
    agreement_form: AgreementForm | None = None,
) -> dict[str, Any]:
    context = case_context(user, case)
    goals = selectors.plan_goals(case).filter(status__in=[GoalStatus.OPEN, GoalStatus.ADJUSTED])
    context.update(
        conference=conference,
        agreement_form=agreement_form
        or AgreementForm(organisations=selectors.participating_organisations(case)),
        to_action_form=AgreementToActionForm(
            goals=goals, initial={"plan_version": case.plan.version}
        ),
    )
    return context


@login_required
def conference_list(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id)
    context = {**case_context(user, case), "conferences": selectors.conferences(case)}
    return page_or_fragment(
        request,
        page="cases/conferences_page.html",
        fragment="cases/_conferences.html",
        context=context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    form = ConferenceForm(
        request.POST or None,
        organisations=selectors.participating_organisations(case),
        users=selectors.participating_users(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = conference_record(actor=user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Casusoverleg vastgelegd. Leg nu de afspraken vast."))
            return redirect(_conference_url(case, conference))
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "form": form,
            "title": _("Casusoverleg vastleggen"),
            "submit": _("Vastleggen"),
        },
    )


def _conference(request: HttpRequest, case: Case, conference_id: int) -> CaseConference:
    conference = selectors.conference_get(case, conference_id)
    if conference is None:
        deny(request, object_type="case_conference", object_id=conference_id)
    return conference


@login_required
def conference_detail(request: HttpRequest, case_id: int, conference_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id)
    conference = _conference(request, case, conference_id)
    return page_or_fragment(
        request,
        page="cases/conference_page.html",
        fragment="cases/_conference.html",
        context=_conference_context(user, case, conference),
    )


@login_required
def agreement_new(request: HttpRequest, case_id: int, conference_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=False)
    require_case_regisseur(request, case)
    conference = _conference(request, case, conference_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AgreementForm(request.POST, organisations=selectors.participating_organisations(case))
    if form.is_valid():
        try:
            agreement_add(actor=user, conference=conference, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Afspraak vastgelegd."))
            return redirect(_conference_url(case, conference))
    context = _conference_context(user, case, conference, agreement_form=form)
    return render(request, "cases/conference_page.html", context)


@login_required
def agreement_action(
    request: HttpRequest, case_id: int, conference_id: int, agreement_id: int
) -> HttpResponse:
    """Turn one agreement into an action on a goal, in one step."""
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=False)
    require_case_regisseur(request, case)
    conference = _conference(request, case, conference_id)
    agreement = conference.agreements.filter(pk=agreement_id).first()
    if agreement is None:
        deny(request, object_type="agreement", object_id=agreement_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    goals = selectors.plan_goals(case)
    form = AgreementToActionForm(request.POST, goals=goals)
    if not form.is_valid():
        messages.error(request, _("Kies het doel waar de actie bij hoort."))
        return redirect(_conference_url(case, conference))
    try:
        agreement_to_action(
            actor=user,
            agreement=agreement,
            goal=form.cleaned_data["goal"],
            seen_version=form.cleaned_data["plan_version"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De afspraak staat nu als actie in het plan."))
    return redirect(_conference_url(case, conference))
