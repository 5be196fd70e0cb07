"""The privacy audit report for a period (HTML and PDF): access to personal data by
organisation and role, break-glass uses and their review, subject requests and their
timeliness, retention runs and erasures. Figures only: no names of regiepersonen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from regie.access.models import BreakGlassGrant, ReviewOutcome
from regie.accounts.models import Organisation, Role
from regie.audit.models import AuditAction, AuditEvent
from regie.rights.models import (
    OPEN_STATUSES,
    BatchKind,
    DeletionBatch,
    RequestKind,
    SubjectRequest,
)

ACCESS_ACTIONS = (
    AuditAction.VIEW,
    AuditAction.SEARCH,
    AuditAction.EXPORT,
    AuditAction.CREATE,
    AuditAction.CHANGE,
    AuditAction.DELETE,
)


@dataclass(frozen=True)
class AccessRow:
    organisation: str
    role: str
    count: int


@dataclass(frozen=True)
class RequestRow:
    kind: str
    received: int
    closed_in_time: int
    closed_late: int
    open_overdue: int


@dataclass
class PrivacyReport:
    start: date
    end: date
    access: list[AccessRow] = field(default_factory=list)
    denied: int = 0
    break_glass: list[tuple[str, int]] = field(default_factory=list)
    break_glass_grants: list[BreakGlassGrant] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)
    runs: list[DeletionBatch] = field(default_factory=list)

    @property
    def access_total(self) -> int:
        return sum(r.count for r in self.access)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def _roles(codes: str) -> str:
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(c, c)) for c in codes.split(",") if c) or "—"


def privacy_report(start: date, end: date) -> PrivacyReport:
    """Everything in the report for ``start`` to ``end`` (both inclusive)."""
    since, until = _bounds(start, end)
    report = PrivacyReport(start, end)
    events = AuditEvent.objects.filter(occurred_at__gte=since, occurred_at__lt=until)
    organisations = dict(Organisation.objects.values_list("pk", "name"))
    report.access = [
        AccessRow(organisations.get(r["organisation_id"], "—"), _roles(r["role"]), r["n"])
        for r in events.filter(action__in=ACCESS_ACTIONS, person_id__isnull=False)
        .values("organisation_id", "role")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    report.denied = events.filter(action=AuditAction.ACCESS_DENIED).count()
    grants = list(
        BreakGlassGrant.objects.filter(granted_at__gte=since, granted_at__lt=until)
        .select_related("user__organisation")
        .order_by("granted_at")
    )
    report.break_glass_grants = grants
    labels = dict(ReviewOutcome.choices)
    report.break_glass = sorted(
        Counter(
            str(labels[g.review_outcome]) if g.review_outcome else "nog niet beoordeeld"
            for g in grants
        ).items()
    )
    for kind in RequestKind:
        of_kind = SubjectRequest.objects.filter(kind=kind)
        in_time = [
            r.closed_in_time
            for r in of_kind.filter(closed_on__gte=start, closed_on__lte=end).only(
                "closed_on", "deadline"
            )
        ]
        report.requests.append(
            RequestRow(
                kind=str(kind.label),
                received=of_kind.filter(received_on__gte=start, received_on__lte=end).count(),
                closed_in_time=in_time.count(True),
                closed_late=in_time.count(False),
                open_overdue=of_kind.filter(status__in=OPEN_STATUSES, deadline__lt=end).count(),
            )
        )
    report.runs = list(
        DeletionBatch.objects.filter(started_at__gte=since, started_at__lt=until)
        .select_related("actor")
        .order_by("started_at")
    )
    return report


def privacy_report_pdf(report: PrivacyReport) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "governance/privacy_report_pdf.html",
        {"report": report, "erasure": BatchKind.ERASURE, "generated_at": timezone.now()},
    )
    return bytes(HTML(string=html).write_pdf())
