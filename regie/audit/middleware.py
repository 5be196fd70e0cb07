from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from regie.audit.context import RequestContext, current


def client_ip(request: HttpRequest) -> str | None:
    """The client address; behind ``REGIE_TRUSTED_PROXIES`` proxies, from X-Forwarded-For."""
    hops = getattr(settings, "REGIE_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current.set(RequestContext(client_ip=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
