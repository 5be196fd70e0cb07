"""Security headers on every response that Django's own middleware does not set."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; ``Cache-Control: no-store`` on every page served to a
    logged-in user (those pages may hold personal data) and on every HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.REGIE_PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        is_static = request.path.startswith(settings.STATIC_URL)
        user = getattr(request, "user", None)
        if not is_static and (
            (user is not None and user.is_authenticated)
            or response.get("Content-Type", "").startswith(
                ("text/html", "application/json", "text/csv")
            )
        ):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response
