"""Triage's person pages: search, the person with their facts, merging duplicates."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.policy import can, scope
from regie.access.rules import Action
from regie.accounts.models import User
from regie.core.http import require_any_role
from regie.nominations.models import Nomination
from regie.persons.forms import FactForm, PersonSearchForm
from regie.persons.models import Person
from regie.persons.selectors import (
    person_duplicates,
    person_facts,
    person_get,
    person_merged_from,
    person_search,
)
from regie.persons.services import fact_create, person_merge, person_unmerge

TRIAGE_ROLES = ("triage", "triage_chair")


def _user(request: HttpRequest) -> User:
    # Every view here is behind login_required, so the user is a real account.
    return cast(User, request.user)


@login_required
@require_any_role(*TRIAGE_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    candidates = None
    if form.is_bound and form.is_valid():
        candidates = person_search(user=_user(request), **form.cleaned_data)
    return render(request, "persons/search.html", {"form": form, "candidates": candidates})


def _detail(
    request: HttpRequest, person: Person, fact_form: FactForm | None = None
) -> HttpResponse:
    user = _user(request)
    may_merge = can(user, Action.MERGE, person)
    context: dict[str, Any] = {
        "person": person,
        "facts": person_facts(person=person),
        "nominations": scope(user, Action.VIEW, Nomination)
        .filter(person=person)
        .select_related("nominating_organisation")
        .order_by("-created_at"),
        "may_merge": may_merge,
        "merged_from": person_merged_from(person=person) if may_merge else [],
        "duplicates": (
            person_duplicates(user=user, person=person)
            if may_merge and person.merged_into_id is None
            else []
        ),
    }
    if person.merged_into_id is None and can(user, Action.CHANGE, person):
        context["fact_form"] = fact_form or FactForm(
            initial={"source_organisation": user.organisation_id}
        )
    return render(request, "persons/detail.html", context, status=400 if fact_form else 200)


@login_required
@require_any_role(*TRIAGE_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, person_get(user=_user(request), pk=pk))


@login_required
@require_any_role(*TRIAGE_ROLES)
@require_POST
def fact_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(user=_user(request), pk=pk, action=Action.CHANGE)
    form = FactForm(request.POST)
    if form.is_valid():
        try:
            fact_create(actor=_user(request), person=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Feit vastgelegd."))
            return redirect("persons:detail", pk=person.pk)
    return _detail(request, person, fact_form=form)


@login_required
@require_any_role(*TRIAGE_ROLES)
@require_POST
def merge(request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    survivor = person_get(user=_user(request), pk=pk, action=Action.MERGE)
    duplicate = person_get(user=_user(request), pk=duplicate_pk, action=Action.MERGE)
    try:
        person_merge(actor=_user(request), duplicate=duplicate, survivor=survivor)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Samengevoegd: de feiten en voordrachten van de dubbele registratie staan nu hier."),
        )
    return redirect("persons:detail", pk=survivor.pk)


@login_required
@require_any_role(*TRIAGE_ROLES)
@require_POST
def unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    duplicate = person_get(user=_user(request), pk=pk, action=Action.MERGE)
    try:
        person_unmerge(actor=_user(request), duplicate=duplicate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Samenvoeging ongedaan gemaakt: de verplaatste gegevens staan weer hier.")
        )
    return redirect("persons:detail", pk=duplicate.pk)
