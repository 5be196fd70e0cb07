"""Audit every login, logout and failed login; track sessions per user."""

from __future__ import annotations

from typing import Any

from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals
from django.dispatch import receiver
from django.http import HttpRequest

from regie.accounts.models import User, UserSession
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record


@receiver(signals.user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOGIN, actor=user, object_type="user", object_id=user.pk)
    if request is not None and hasattr(request, "session"):
        if request.session.session_key is None:
            request.session.save()
        UserSession.objects.get_or_create(
            session_key=request.session.session_key, defaults={"user": user}
        )


@receiver(signals.user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    audit_record(action=AuditAction.LOGOUT, actor=user, object_type="user", object_id=user.pk)
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(signals.user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    # The attempted account name is not recorded: it may be a person's name.
    audit_record(action=AuditAction.LOGIN_FAILED, outcome=AuditOutcome.FAILED)


@receiver(mfa_signals.authenticator_added)
def on_authenticator_added(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(
        action=AuditAction.CHANGE,
        actor=user,
        object_type="user",
        object_id=user.pk,
        detail={"mfa": "authenticator_added"},
    )
