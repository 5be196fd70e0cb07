"""Browsable API documentation: Swagger UI from the vendored drf-spectacular-sidecar assets,
started by a static script, so the page needs nothing from elsewhere and no inline code
(CSP ``script-src 'self'``, ``style-src 'self'``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html")
