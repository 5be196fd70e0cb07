"""Small HTTP helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase

from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record


def require_any_role(
    *roles: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Pages for some roles only. Others get "not found" (the page's existence does not leak)
    and the refusal is audited."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated or not request.user.has_role(*roles):
                audit_record(
                    action=AuditAction.ACCESS_DENIED,
                    actor=request.user,
                    object_type="page",
                    object_id=request.resolver_match.view_name if request.resolver_match else "",
                    outcome=AuditOutcome.DENIED,
                )
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_htmx(request: HttpRequest) -> bool:
    """Whether HTMX asked (django-htmx's middleware sets ``request.htmx``): then a view answers
    with the fragment it swaps in, not the whole page."""
    return bool(getattr(request, "htmx", False))
