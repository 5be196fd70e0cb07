"""Turn ``ProcessingRestricted`` (raised by the access policy) into a page that says why."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regie.access.policy import ProcessingRestricted


class ProcessingRestrictedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ProcessingRestricted):
            return None
        return render(
            request,
            "rights/restricted.html",
            {"message": ProcessingRestricted.message},
            status=403,
        )
