"""Who is calling: bearer-token authentication, scope checks and throttling per client.

A valid token authenticates as its client's service account (``request.user``; organisation of
the client, role ``partner``), so the access policy applies exactly as on the web;
``request.auth`` is the ``ApiToken``. Failed tokens are audited as ``login_failed``; an address
that keeps failing is throttled without further audit rows, so nobody can flood the audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from regie.accounts.models import User
from regie.api.models import ApiToken
from regie.api.problems import ScopeMissing
from regie.api.services import api_client_mark_used
from regie.api.tokens import token_matches, token_prefix
from regie.audit.middleware import client_ip
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record

FAILED_WINDOW_SECONDS = 60


def _refuse(request: Request, reason: str, client_id: int | None = None) -> exceptions.APIException:
    key = f"regie-api-auth-failed:{client_ip(request._request) or '-'}"
    cache.add(key, 0, FAILED_WINDOW_SECONDS)
    try:
        failures = cache.incr(key)
    except ValueError:
        failures = 1
    if failures > settings.REGIE_API_FAILED_AUTH_PER_MINUTE:
        return exceptions.Throttled(wait=FAILED_WINDOW_SECONDS)
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        object_type="api_client",
        object_id=client_id or "",
        outcome=AuditOutcome.FAILED,
        detail={"channel": "api", "reason": reason, "api_client": client_id},
    )
    return exceptions.AuthenticationFailed()


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer rg_…``. No header: anonymous (then refused by ``HasScope``)."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        try:
            value = parts[1].decode("ascii") if len(parts) == 2 else ""
        except UnicodeDecodeError:
            value = ""
        prefix = token_prefix(value)
        token = (
            ApiToken.objects.select_related("client__user__organisation")
            .filter(prefix=prefix)
            .first()
            if prefix
            else None
        )
        if token is None or not token_matches(value, token.token_hash):
            raise _refuse(request, "unknown_token")
        client = token.client
        if not token.is_live:
            raise _refuse(request, "revoked" if token.revoked_at else "expired", client.pk)
        user = client.user
        organisation = user.organisation
        if not (client.active and user.is_active and organisation and organisation.is_active):
            raise _refuse(request, "inactive", client.pk)
        api_client_mark_used(client=client)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="regie"'


class HasScope(BasePermission):
    """The view's ``required_scopes[method]`` must be among the client's scopes."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False  # DRF answers 401: no (valid) token was sent
        method = "GET" if request.method == "HEAD" else request.method
        required = getattr(view, "required_scopes", {}).get(method)
        if required is None or token.client.has_scope(required):
            return True
        audit_record(
            action=AuditAction.ACCESS_DENIED,
            actor=request.user,
            object_type="api",
            object_id=getattr(view, "audit_object_type", ""),
            outcome=AuditOutcome.DENIED,
            detail={"api_client": token.client_id, "required_scope": required},
        )
        raise ScopeMissing(required)


class ApiClientRateThrottle(SimpleRateThrottle):
    """Requests per client (not per address or token), at ``settings.REGIE_API_RATE``."""

    scope = "api_client"

    def get_rate(self) -> str:
        return str(settings.REGIE_API_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return f"regie-api-throttle:{token.client_id}"
