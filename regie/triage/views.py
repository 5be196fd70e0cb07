"""Triage screens: the queue, the triage file, the assessment and the decision.

Every page is for triage and the chair only (others get "not found", audited); every nomination
is fetched through the access policy (``nomination_for_triage``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.policy import can
from regie.access.rules import Action
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.http import require_any_role
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.triage import criteria_port
from regie.triage.forms import (
    AssessmentForm,
    DecisionForm,
    PostponeForm,
    QueueFilterForm,
    ReturnForm,
)
from regie.triage.models import DecisionStatus, Letter
from regie.triage.selectors import (
    age_on,
    assessment_of,
    decisions_awaiting_confirmation,
    nomination_for_triage,
    open_decision,
    overdue_letters,
    returned_decisions,
    triage_queue,
    zrm_scores,
)
from regie.triage.services import (
    assessment_save,
    decision_confirm,
    decision_propose,
    decision_return,
    triage_start,
)

TRIAGE_ROLES = ("triage", "triage_chair")
PAGE_SIZE = 25


def form_errors_from(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_any_role(*TRIAGE_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    now = timezone.now()
    today = timezone.localdate(now)
    page = Paginator(
        triage_queue(request.user, filters=form.filters(), now=now), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    rows = [
        (
            n,
            age_on(n.person.date_of_birth, today),
            (now - n.submitted_at).days if n.submitted_at else None,
        )
        for n in page
    ]
    letters = list(overdue_letters(request.user, now=now)[:50])
    awaiting = list(decisions_awaiting_confirmation(request.user)[:50])
    audit_record(
        action=AuditAction.SEARCH,
        actor=request.user,
        object_type="triage_queue",
        detail={
            "filters": ",".join(f"{k}={v}" for k, v in sorted(request.GET.items()) if v),
            "nominations": [n.pk for n, _age, _wait in rows],
            "persons": sorted({n.person_id for n, _age, _wait in rows}),
        },
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "triage/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "letters": letters,
            "awaiting": awaiting,
            "query": query.urlencode(),
            "today": today,
        },
    )


def render_file(
    request: HttpRequest,
    nomination: Nomination,
    *,
    return_form: ReturnForm | None = None,
    postpone_form: PostponeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    assessment = assessment_of(nomination)
    decision = open_decision(nomination)
    if decision is not None:
        evaluation = decision.evaluation
    else:
        evaluation = criteria_port.evaluate_for_triage(
            person=nomination.person,
            target_group=nomination.proposed_target_group,
            on_date=today,
            zrm_scores=zrm_scores(assessment),
            partner_domains=assessment.partner_domains if assessment else None,
        )
    scores = {s.domain: s for s in assessment.scores.all()} if assessment else {}
    may_assess = can(user, Action.ASSESS, nomination)
    may_decide = can(user, Action.DECIDE, nomination)
    editable = may_assess and nomination.status == NominationStatus.IN_TRIAGE and decision is None
    letter = (
        Letter.objects.filter(decision=decision).defer("pdf").first()
        if decision is not None and decision.status == DecisionStatus.CONFIRMED
        else None
    )
    context: dict[str, Any] = {
        "nomination": nomination,
        "person": nomination.person,
        "age": age_on(nomination.person.date_of_birth, today),
        "facts": nomination.person.facts.select_related("source_organisation").order_by("-date")[
            :100
        ],
        "concerns": nomination.concerns.all(),
        "evaluation": evaluation,
        "assessment": assessment,
        "scores": scores,
        "missing": assessment.missing(set(scores)) if assessment else None,
        "decision": decision,
        "returned": returned_decisions(nomination),
        "letter": letter,
        "may_start": may_assess and nomination.status == NominationStatus.SUBMITTED,
        "may_edit": editable,
        "may_review": (
            may_decide
            and decision is not None
            and decision.status == DecisionStatus.PROPOSED
            and decision.proposed_by_id != user.pk
        ),
        "own_proposal": decision is not None and decision.proposed_by_id == user.pk,
        "return_form": return_form or ReturnForm(),
        "postpone_form": postpone_form or PostponeForm(),
    }
    return render(request, "triage/file.html", context, status=status)


@login_required
@require_any_role(*TRIAGE_ROLES)
def nomination_file(request: HttpRequest, pk: int) -> HttpResponse:
    return render_file(request, nomination_for_triage(request.user, pk))


@login_required
@require_any_role("triage")
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_triage(request.user, pk)
    try:
        triage_start(actor=request_user(request), nomination=nomination)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De voordracht is in triage genomen."))
    return redirect("triage:file", pk=pk)


@login_required
@require_any_role("triage")
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_triage(request.user, pk)
    current = assessment_of(nomination)
    form = AssessmentForm(request.POST or None, assessment=current)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_save(
                actor=request_user(request),
                nomination=nomination,
                scores=form.scores(),
                answers=form.answers(),
                partner_domains=form.partner_domains(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_service_errors(exc.message_dict)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Beoordeling opgeslagen."))
            return redirect("triage:file", pk=pk)
    return render(request, "triage/assessment_form.html", {"nomination": nomination, "form": form})


@login_required
@require_any_role("triage")
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_triage(request.user, pk)
    form = DecisionForm(
        request.POST or None, initial={"target_group": nomination.proposed_target_group}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision_propose(
                actor=request_user(request),
                nomination=nomination,
                kind=NominationOutcome(data["kind"]),
                motivation=data["motivation"],
                target_group=data["target_group"],
                regisseur=data["regisseur"],
                first_review_date=data["first_review_date"],
                reason=data["reason"],
                referral_advice=data["referral_advice"],
                override_motivation=data["override_motivation"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Besluit voorgesteld; de voorzitter beoordeelt het."))
            return redirect("triage:file", pk=pk)
    assessment = assessment_of(nomination)
    evaluation = criteria_port.evaluate_for_triage(
        person=nomination.person,
        target_group=nomination.proposed_target_group,
        on_date=timezone.localdate(),
        zrm_scores=zrm_scores(assessment),
        partner_domains=assessment.partner_domains if assessment else None,
    )
    return render(
        request,
        "triage/decision_form.html",
        {"nomination": nomination, "form": form, "evaluation": evaluation},
    )


@login_required
@require_any_role("triage_chair")
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_triage(request.user, pk)
    decision = open_decision(nomination)
    if decision is None:
        messages.error(request, _("Er is geen voorgesteld besluit."))
        return redirect("triage:file", pk=pk)
    try:
        decision_confirm(actor=request_user(request), decision=decision)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Besluit bevestigd."))
    return redirect("triage:file", pk=pk)


@login_required
@require_any_role("triage_chair")
@require_POST
def return_to_triage(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_triage(request.user, pk)
    decision = open_decision(nomination)
    form = ReturnForm(request.POST)
    if decision is None:
        messages.error(request, _("Er is geen voorgesteld besluit."))
        return redirect("triage:file", pk=pk)
    if form.is_valid():
        try:
            decision_return(
                actor=request_user(request), decision=decision, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Voorstel teruggestuurd naar triage."))
            return redirect("triage:file", pk=pk)
    return render_file(request, nomination, return_form=form, status=400)


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # guaranteed by login_required
    return user
