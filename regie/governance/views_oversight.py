"""Oversight (aggregates, pseudonymised samples) and the privacy officer's anomaly view and
privacy audit report. No page here shows a regiepersoon's name or BSN."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.http import require_any_role
from regie.governance.anomalies import many_persons, odd_hours, refusals
from regie.governance.forms import PeriodForm, SampleForm
from regie.governance.oversight import aggregates, samples
from regie.governance.report import privacy_report, privacy_report_pdf

OVERSEERS = ("oversight", "privacy_officer")


@login_required
@require_any_role(*OVERSEERS)
def oversight(request: HttpRequest) -> HttpResponse:
    audit_record(action=AuditAction.VIEW, actor=request.user, object_type="oversight_aggregates")
    return render(request, "governance/oversight.html", {"tables": aggregates()})


@login_required
@require_any_role(*OVERSEERS)
def oversight_samples(request: HttpRequest) -> HttpResponse:
    form = SampleForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = samples(
        size=filters.get("size") or 20,
        target_group=filters.get("target_group", ""),
        start=filters.get("start"),
        end=filters.get("end"),
    )
    audit_record(
        action=AuditAction.VIEW,
        actor=request.user,
        object_type="oversight_sample",
        detail={"size": len(rows), "target_group": filters.get("target_group", "")},
    )
    return render(request, "governance/samples.html", {"form": form, "samples": rows})


def _bounds(form: PeriodForm) -> tuple[datetime, datetime]:
    start, end = form.period()
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


@login_required
@require_any_role("privacy_officer")
def anomalies(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    start, end = _bounds(form)
    audit_record(
        action=AuditAction.SEARCH,
        actor=request.user,
        object_type="access_anomalies",
        detail={"start": start.date().isoformat(), "end": end.date().isoformat()},
    )
    return render(
        request,
        "governance/anomalies.html",
        {
            "form": form,
            "many_persons": many_persons(start, end),
            "odd_hours": odd_hours(start, end),
            "refusals": refusals(start, end),
        },
    )


@login_required
@require_any_role("privacy_officer")
def privacy_report_view(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None, days=365)
    start, end = form.period()
    report = privacy_report(start, end)
    if request.GET.get("formaat") == "pdf" and form.is_valid():
        audit_record(
            action=AuditAction.EXPORT,
            actor=request.user,
            object_type="privacy_report",
            detail={"start": start.isoformat(), "end": end.isoformat()},
        )
        response = HttpResponse(privacy_report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="privacy-auditrapport-{start:%Y%m%d}-{end:%Y%m%d}.pdf"'
        )
        return response
    audit_record(
        action=AuditAction.VIEW,
        actor=request.user,
        object_type="privacy_report",
        detail={"start": start.isoformat(), "end": end.isoformat()},
    )
    return render(request, "governance/privacy_report.html", {"form": form, "report": report})
