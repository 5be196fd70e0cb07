"""The partner's nomination pages: search the person, write and submit the nomination, follow
it in "mijn voordrachten", withdraw it before the decision."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.rules import Action
from regie.accounts.models import User
from regie.core.http import require_any_role
from regie.nominations.forms import NominationForm
from regie.nominations.models import NominationStatus
from regie.nominations.selectors import (
    audit_list_view,
    nomination_for_partner,
    nominations_of_own_organisation,
)
from regie.nominations.services import (
    WITHDRAWABLE,
    nomination_save_draft,
    nomination_submit,
    nomination_withdraw,
)
from regie.persons.forms import PersonForm, PersonSearchForm
from regie.persons.selectors import person_get, person_search
from regie.persons.services import person_find_or_create

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    # Every view here is behind login_required, so the user is a real account.
    return cast(User, request.user)


def _start_page(
    request: HttpRequest,
    search_form: PersonSearchForm,
    person_form: PersonForm | None,
    candidates: list[Any] | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "nominations/start.html",
        {"search_form": search_form, "person_form": person_form, "candidates": candidates},
        status=status,
    )


@login_required
@require_any_role("partner")
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: search the person (GET) and pick a candidate (POST ``person``)."""
    if request.method == "POST":
        chosen = request.POST.get("person", "")
        person = person_get(user=_user(request), pk=int(chosen) if chosen.isdigit() else 0)
        nomination = nomination_save_draft(actor=_user(request), person=person)
        return redirect("nominations:edit", pk=nomination.pk)
    search_form = PersonSearchForm(request.GET or None)
    candidates = person_form = None
    if search_form.is_bound and search_form.is_valid():
        candidates = person_search(user=_user(request), **search_form.cleaned_data)
        person_form = PersonForm(initial=search_form.cleaned_data)
    return _start_page(request, search_form, person_form, candidates)


@login_required
@require_any_role("partner")
@require_POST
def person_new(request: HttpRequest) -> HttpResponse:
    """Step 1b: register a new person. When the identity matches persons the partner can see and
    the partner has not confirmed yet, show those first."""
    form = PersonForm(request.POST)
    search_form = PersonSearchForm()
    if not form.is_valid():
        return _start_page(request, search_form, form, None, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_new"}
    if not form.cleaned_data["confirm_new"]:
        identity = {k: data[k] for k in PersonSearchForm.base_fields}
        candidates = person_search(user=_user(request), **identity)
        if candidates:
            form = PersonForm(initial={**data, "confirm_new": True})
            return _start_page(request, PersonSearchForm(initial=identity), form, candidates)
    try:
        person = person_find_or_create(actor=_user(request), **data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _start_page(request, search_form, form, None, status=400)
    nomination = nomination_save_draft(actor=_user(request), person=person)
    return redirect("nominations:edit", pk=nomination.pk)


@login_required
@require_any_role("partner")
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: the nomination itself. "Opslaan als concept" keeps a draft; "Indienen" checks
    the required fields and submits it to triage."""
    nomination = nomination_for_partner(user=_user(request), pk=pk)
    if nomination.status != NominationStatus.CONCEPT:
        return redirect("nominations:detail", pk=nomination.pk)
    nomination_for_partner(user=_user(request), pk=pk, action=Action.CHANGE)
    form = NominationForm(request.POST or None, initial=NominationForm.initial_for(nomination))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            nomination = nomination_save_draft(
                actor=_user(request),
                nomination=nomination,
                **form.service_data(),
            )
            if request.POST.get("action") != "indienen":
                messages.success(request, _("Concept opgeslagen. U kunt het later indienen."))
                return redirect("nominations:edit", pk=nomination.pk)
            try:
                nomination_submit(actor=_user(request), nomination=nomination)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(None if field == "concerns" else field, errors)
                messages.warning(request, _("Het concept is opgeslagen, maar nog niet ingediend."))
            else:
                messages.success(
                    request, _("Voordracht ingediend. Triage neemt haar in behandeling.")
                )
                return redirect("nominations:detail", pk=nomination.pk)
        status = 400
    return render(
        request, "nominations/form.html", {"form": form, "nomination": nomination}, status=status
    )


@login_required
@require_any_role("partner")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_partner(user=_user(request), pk=pk)
    return render(
        request,
        "nominations/detail.html",
        {
            "nomination": nomination,
            "concerns": nomination.concerns.order_by("pk"),
            "may_withdraw": nomination.status in WITHDRAWABLE,
        },
    )


@login_required
@require_any_role("partner")
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_for_partner(user=_user(request), pk=pk, action=Action.WITHDRAW)
    try:
        nomination_withdraw(actor=_user(request), nomination=nomination)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Voordracht ingetrokken."))
    return redirect("nominations:detail", pk=nomination.pk)


@login_required
@require_any_role("partner")
def mine(request: HttpRequest) -> HttpResponse:
    """ "Mijn voordrachten": status and outcome of the organisation's nominations."""
    nominations = nominations_of_own_organisation(user=_user(request))
    page = Paginator(nominations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_list_view(user=_user(request), nominations=list(page))
    return render(request, "nominations/mine.html", {"page": page})
