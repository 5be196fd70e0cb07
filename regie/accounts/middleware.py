"""Session lifetime (idle 15 minutes via SESSION_COOKIE_AGE, absolute 12 hours) and mandatory MFA."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from regie.audit.models import AuditAction
from regie.audit.services import audit_record

SESSION_STARTED_KEY = "regie_started_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login, however active it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = time.time()
            elif time.time() - started > settings.REGIE_SESSION_ABSOLUTE_SECONDS:
                audit_record(
                    action=AuditAction.SESSION_EXPIRED,
                    actor=request.user,
                    detail={"kind": "absolute"},
                )
                logout(request)
                return redirect(f"{reverse('account_login')}?verlopen=1")
        return self.get_response(request)


class RequireMFAMiddleware:
    """Every account must have a TOTP authenticator before it can do anything else.

    Until then the only pages open to a logged-in user are the ones to set it up and to log out.
    """

    OPEN_PREFIXES = ("/static/", "/account/logout/", "/account/2fa/", "/account/reauthenticate/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith(self.OPEN_PREFIXES):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)
