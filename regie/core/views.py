from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch

# Where each role starts its day after logging in: the page with its own work list.
ROLE_START_PAGES = (
    ("regisseur", "cases:mine"),
    ("teamlead", "cases:overview"),
    ("triage_chair", "triage:queue"),
    ("triage", "triage:queue"),
    ("partner", "nominations:mine"),
    ("privacy_officer", "audit:log"),
    ("analyst", "monitor:yearly"),
    ("oversight", "governance:oversight"),
    ("municipality", "monitor:yearly"),
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The landing page after login: the work list of the user's first role that has one."""
    roles = request.user.role_codes  # type: ignore[union-attr]
    for role, url_name in ROLE_START_PAGES:
        if role in roles:
            try:
                return redirect(url_name)
            except NoReverseMatch:
                continue
    return redirect("home")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_429(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Too many attempts (allauth's login rate limit calls ``handler429``): a Dutch page."""
    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
