"""Helpers shared by the case views: the acting user, refusals that answer "not found", and
turning a service's ``ValidationError`` into form errors."""

from __future__ import annotations

from typing import Any, NoReturn, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import User
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.cases import selectors
from regie.cases.models import ActionStatus, Case
from regie.core.http import is_htmx


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def deny(request: HttpRequest, *, object_type: str, object_id: Any) -> NoReturn:
    """Answer "not found" for something outside the user's part of a case, and audit it."""
    audit_record(
        action=AuditAction.ACCESS_DENIED,
        actor=request.user,
        object_type=object_type,
        object_id=object_id,
        outcome=AuditOutcome.DENIED,
    )
    raise Http404


def require_case_regisseur(request: HttpRequest, case: Case) -> None:
    """Pages that change the plan exist only for the case's own regisseur."""
    if case.regisseur_id != request.user.pk:
        deny(request, object_type="case", object_id=case.pk)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's Dutch validation messages on the form, at the field they concern."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def page_or_fragment(
    request: HttpRequest, *, page: str, fragment: str, context: dict[str, Any]
) -> HttpResponse:
    """The full page for a normal request, only the section for an HTMX request."""
    return render(request, fragment if is_htmx(request) else page, context)


def case_context(user: User, case: Case) -> dict[str, Any]:
    """What every case page and fragment needs to decide what the user may do."""
    return {
        "case": case,
        "is_regisseur": case.regisseur_id == user.pk,
        "can_contribute": can(user, Act.CONTRIBUTE, case),
    }


def plan_context(case: Case) -> dict[str, Any]:
    """The plan section: goals with actions and scenarios, and the version every form carries."""
    return {
        "goals": selectors.plan_goals(case),
        "plan_version": case.plan.version,
        "action_statuses": ActionStatus.choices,
        "today": timezone.localdate(),
    }
