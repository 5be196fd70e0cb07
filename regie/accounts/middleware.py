"""Front-door request checks, session lifetime and mandatory MFA.

The idle timeout (15 minutes) is Django's own: the session row expires ``SESSION_COOKIE_AGE``
seconds after it was last saved. ``SessionLifetimeMiddleware`` saves a logged-in user's session
again once ``REGIE_SESSION_REFRESH_SECONDS`` (a minute) have passed since the last save, rather
than on every request: the session then ends between 14 and 15 idle minutes after the last
request — never later — without a write transaction for every page. The absolute lifetime
(12 hours after login, however active) is enforced here too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from regie.audit.models import AuditAction
from regie.audit.services import audit_record

SESSION_STARTED_KEY = "regie_started_at"
SESSION_REFRESHED_KEY = "regie_refreshed_at"
MFA_CHECKED_KEY = "regie_mfa_ok"


class RejectNulBytesMiddleware:
    """Answers 400 to a URL or query string with a NUL byte.

    No legitimate link contains one, and PostgreSQL refuses NUL in text, so such a value
    reaching a query (``/account/oidc/%00/login/``) would otherwise end in a server error.
    Form fields refuse NUL themselves (Django's ``ProhibitNullCharactersValidator``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("NUL byte in URL")
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Ends a session ``REGIE_SESSION_ABSOLUTE_SECONDS`` after login, moves its idle expiry on
    at most once every ``REGIE_SESSION_REFRESH_SECONDS``, and keeps the link from user to
    session (``UserSession``) when Django gives the session a new key (for instance after a
    password change), so that deactivation can still find it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.REGIE_SESSION_ABSOLUTE_SECONDS:
                audit_record(
                    action=AuditAction.SESSION_EXPIRED,
                    actor=request.user,
                    object_type="user",
                    object_id=request.user.pk,
                    detail={"kind": "absolute"},
                )
                logout(request)
                return redirect(f"{reverse('account_login')}?verlopen=1")
            refreshed = request.session.get(SESSION_REFRESHED_KEY, 0)
            if now - refreshed >= settings.REGIE_SESSION_REFRESH_SECONDS:
                request.session[SESSION_REFRESHED_KEY] = now  # saved: expiry 15 minutes on
        key_before = request.session.session_key
        response = self.get_response(request)
        key_after = request.session.session_key
        if key_before and key_after and key_before != key_after and request.user.is_authenticated:
            from regie.accounts.models import UserSession

            UserSession.objects.filter(session_key=key_before).delete()
            UserSession.objects.get_or_create(
                session_key=key_after, defaults={"user": request.user}
            )
        return response


class RequireMFAMiddleware:
    """Every account must have a TOTP authenticator before it can do anything else.

    Until then the only pages open to a logged-in user are the one to set it up, the password
    confirmation that page may ask for first, logging out, and static files.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def open_paths(self) -> frozenset[str]:
        return frozenset(
            reverse(name)
            for name in ("mfa_activate_totp", "account_reauthenticate", "account_logout")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.session.get(MFA_CHECKED_KEY)
            and request.path not in self.open_paths
            and not request.path.startswith(settings.STATIC_URL)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect("mfa_activate_totp")
            # Checked once per session (at login when possible): the authenticator cannot be
            # removed by its user, and resetting it ends the user's sessions.
            request.session[MFA_CHECKED_KEY] = True
        return self.get_response(request)
