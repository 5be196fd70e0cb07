"""The fairness monitor page and its downloads (analyst and oversight; others get 404)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from regie.access.rules import Action
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.fairness.exports import FLAG_RULE, to_csv, to_json
from regie.fairness.report import ReportError, build_report, p_text
from regie.fairness.selectors import fairness_allowed, nomination_years
from regie.fairness.steps import dimensions


def _require(
    action: Action,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not fairness_allowed(request.user, action):
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


def _choices(request: HttpRequest) -> tuple[int, str, dict[str, str], list[str]]:
    """Year, step and reference groups from the query string; Dutch errors for bad values."""
    errors = []
    year = timezone.localdate().year
    raw_year = request.GET.get("jaar", "").strip()
    if raw_year:
        if raw_year.isdigit() and 1900 <= int(raw_year) <= 2999:
            year = int(raw_year)
        else:
            errors.append(f"'{raw_year}' is geen geldig jaar; het huidige jaar wordt getoond.")
    step = request.GET.get("stap", "").strip() or "voorgedragen"
    references = {
        d.code: request.GET[f"ref_{d.code}"].strip()
        for d in dimensions()
        if request.GET.get(f"ref_{d.code}", "").strip()
    }
    return year, step, references, errors


def _audit(request: HttpRequest, kind: AuditAction, year: int, detail: dict[str, Any]) -> None:
    audit_record(
        action=kind,
        actor=request.user,
        object_type="fairness_monitor",
        object_id=year,
        detail={"year": year, **detail},
    )


@login_required
@_require(Action.VIEW)
def overview(request: HttpRequest) -> HttpResponse:
    year, step, references, errors = _choices(request)
    try:
        report = build_report(year, steps=[step], references=references)
    except ReportError as exc:
        errors.append(str(exc))
        report = build_report(year, steps=["voorgedragen"])
        step = "voorgedragen"
    _audit(request, AuditAction.VIEW, year, {"step": step})
    return render(
        request,
        "fairness/overview.html",
        {
            "report": report,
            "year": year,
            "years": nomination_years(),
            "step": step,
            "step_label": dict(report.steps)[step],
            "errors": errors,
            "flag_rule": FLAG_RULE,
            "tables": [
                {"table": t, "rows": [(r, p_text(r.p_value)) for r in t.rows]}
                for t in report.tables
            ],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@_require(Action.EXPORT)
def download(request: HttpRequest) -> HttpResponse:
    year, _step, references, errors = _choices(request)
    fmt = request.GET.get("formaat", "csv")
    if errors or fmt not in ("csv", "json"):
        return HttpResponse(
            " ".join(errors) or "Kies formaat csv of json.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        report = build_report(year, references=references)
    except ReportError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    _audit(request, AuditAction.EXPORT, year, {"format": fmt})
    body, content_type = (
        (to_csv(report), "text/csv; charset=utf-8")
        if fmt == "csv"
        else (to_json(report), "application/json; charset=utf-8")
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="eerlijkheidsmonitor-{year}.{fmt}"'
    return response
