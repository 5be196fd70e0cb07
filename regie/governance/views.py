"""Criteria governance screens (oversight and admin) and the public history of each set
(every logged-in user), plus the committees' documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.policy import access, scope
from regie.access.rules import Action
from regie.accounts.models import User
from regie.core.http import require_any_role
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.governance.forms import AdoptForm, AdviceForm, DocumentForm, ExpireForm, NoteForm
from regie.governance.models import CommitteeDocument, CriteriaTransition
from regie.governance.services import (
    committee_document_record,
    criteria_set_adopt,
    criteria_set_expire,
    criteria_set_propose,
    criteria_set_record_advice,
    proposer_of,
)

GOVERNORS = ("oversight", "admin")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _history(criteria_set: CriteriaSet) -> dict[str, Any]:
    return {
        "transitions": CriteriaTransition.objects.filter(criteria_set=criteria_set).select_related(
            "actor__organisation"
        ),
        "documents": CommitteeDocument.objects.filter(criteria_set=criteria_set),
    }


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """A set's path through governance, with the committees' advice: for every logged-in
    user, like the published criteria themselves (no personal data)."""
    criteria_set = get_object_or_404(CriteriaSet, pk=pk)
    return render(request, "governance/history.html", {"s": criteria_set, **_history(criteria_set)})


@login_required
@require_any_role(*GOVERNORS)
def criteria(request: HttpRequest) -> HttpResponse:
    sets = scope(request.user, Action.VIEW, CriteriaSet).order_by("target_group", "-version")
    return render(request, "governance/criteria.html", {"sets": sets})


STEP_FORMS: dict[str, type[forms.Form]] = {
    CriteriaStatus.CONCEPT: NoteForm,
    CriteriaStatus.PROPOSED: AdviceForm,
    CriteriaStatus.ADVICE_RECEIVED: AdoptForm,
    CriteriaStatus.ADOPTED: ExpireForm,
}


def _set_page(
    request: HttpRequest, criteria_set: CriteriaSet, form: forms.Form | None = None
) -> HttpResponse:
    form_class = STEP_FORMS.get(criteria_set.status)
    return render(
        request,
        "governance/criteria_set.html",
        {
            "s": criteria_set,
            "form": form or (form_class() if form_class else None),
            "proposer_id": proposer_of(criteria_set),
            **_history(criteria_set),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_any_role(*GOVERNORS)
def criteria_set(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_page(request, access(request.user, Action.VIEW, CriteriaSet, pk=pk, audit=False))


STEPS: dict[str, Callable[[User, CriteriaSet, dict[str, Any]], Any]] = {
    CriteriaStatus.CONCEPT: lambda u, s, d: criteria_set_propose(
        actor=u, criteria_set=s, note=d["note"]
    ),
    CriteriaStatus.PROPOSED: lambda u, s, d: criteria_set_record_advice(
        actor=u, criteria_set=s, **d
    ),
    CriteriaStatus.ADVICE_RECEIVED: lambda u, s, d: criteria_set_adopt(
        actor=u, criteria_set=s, **d
    ),
    CriteriaStatus.ADOPTED: lambda u, s, d: criteria_set_expire(actor=u, criteria_set=s, **d),
}


@login_required
@require_any_role(*GOVERNORS)
@require_POST
def criteria_set_step(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = access(request.user, Action.VIEW, CriteriaSet, pk=pk, audit=False)
    form_class = STEP_FORMS.get(criteria_set.status)
    if form_class is None:
        messages.error(request, _("Een vervallen criteriaset kan niet meer veranderen."))
        return redirect("governance:criteria_set", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            STEPS[criteria_set.status](_user(request), criteria_set, form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            criteria_set.refresh_from_db()
            messages.success(
                request,
                _("De criteriaset staat nu op '%(status)s'.")
                % {"status": criteria_set.get_status_display()},
            )
            return redirect("governance:criteria_set", pk=pk)
    return _set_page(request, criteria_set, form)


@login_required
@require_any_role(*GOVERNORS)
def documents(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee_document_record(actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Document vastgelegd."))
            return redirect("governance:documents")
    rows = scope(request.user, Action.VIEW, CommitteeDocument).select_related("criteria_set")
    return render(
        request,
        "governance/documents.html",
        {"documents": rows, "form": form},
        status=400 if form.errors else 200,
    )
