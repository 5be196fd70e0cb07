"""Audit every login, logout, failed login and failed second step; track sessions per user."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals
from django.dispatch import receiver
from django.http import HttpRequest

from regie.accounts.middleware import (
    MFA_CHECKED_KEY,
    SESSION_REFRESHED_KEY,
    SESSION_STARTED_KEY,
)
from regie.accounts.models import User, UserSession
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record


@receiver(signals.user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOGIN, actor=user, object_type="user", object_id=user.pk)
    if request is not None and hasattr(request, "session"):
        # Django gave the session a new key at login; the absolute lifetime counts from here,
        # and the idle expiry too (the login saves the session).
        now = time.time()
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_REFRESHED_KEY] = now
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[MFA_CHECKED_KEY] = True
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
    # The attempted account name is not recorded: it may be a person's name, and recording it
    # would tell the log's readers which names exist.
    audit_record(action=AuditAction.LOGIN_FAILED, outcome=AuditOutcome.FAILED)


@receiver(mfa_signals.authentication_failed)
def on_mfa_failed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """A wrong code at the second step of a login or a re-authentication.

    At login the password was right, so the account is known, but not yet who is typing: the
    account is then the subject of the event and there is no actor."""
    reauthentication = bool(kwargs.get("reauthentication"))
    audit_record(
        action=AuditAction.MFA_FAILED,
        actor=user if reauthentication else None,
        object_type="user",
        object_id=user.pk,
        outcome=AuditOutcome.FAILED,
        detail={"reauthentication": reauthentication},
    )


def _audit_own_account_change(user: User, **detail: str) -> None:
    audit_record(
        action=AuditAction.CHANGE, actor=user, object_type="user", object_id=user.pk, detail=detail
    )


@receiver(mfa_signals.authenticator_added)
def on_authenticator_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    _audit_own_account_change(user, mfa="authenticator_added", type=str(authenticator.type))


@receiver(mfa_signals.authenticator_reset)
def on_authenticator_reset(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    _audit_own_account_change(user, mfa="authenticator_reset", type=str(authenticator.type))


@receiver(account_signals.password_changed)
def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    _audit_own_account_change(user, password="changed")  # noqa: S106 (an event, not a secret)
