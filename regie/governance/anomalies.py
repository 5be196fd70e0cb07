"""Access anomalies for the privacy officer, from the audit log (DESIGN.md §8):

- an employee viewing many distinct persons outside the cases they take part in,
- access to personal data at odd local hours (default 22:00–06:00),
- repeated refusals ("not found" / access denied).

Thresholds and hours are settings (``REGIE_ANOMALY_*``). These are signals to look into, not
verdicts: triage staff see every nominated person by their role, and the list says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractHour

from regie.accounts.models import User
from regie.audit.models import AuditAction, AuditEvent, AuditOutcome
from regie.cases.models import Case
from regie.cases.selectors import participating_case_q

DATA_ACTIONS = (AuditAction.VIEW, AuditAction.SEARCH, AuditAction.EXPORT, AuditAction.CHANGE)


@dataclass(frozen=True)
class Anomaly:
    user: User | None
    actor_id: int
    count: int
    last: datetime | None


def _users(ids: set[int]) -> dict[int, User]:
    return {
        u.pk: u
        for u in User.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("role_assignments")
    }


def _in_period(start: datetime, end: datetime) -> Q:
    return Q(occurred_at__gte=start, occurred_at__lt=end)


def _case_persons(user: User) -> set[int]:
    return set(Case.objects.filter(participating_case_q(user)).values_list("person_id", flat=True))


def many_persons(start: datetime, end: datetime, threshold: int | None = None) -> list[Anomaly]:
    """Employees who viewed at least ``threshold`` distinct persons outside their own cases."""
    threshold = threshold or settings.REGIE_ANOMALY_PERSONS_THRESHOLD
    views = AuditEvent.objects.filter(
        _in_period(start, end),
        action=AuditAction.VIEW,
        outcome=AuditOutcome.SUCCESS,
        person_id__isnull=False,
        actor_id__isnull=False,
    )
    candidates = (
        views.values("actor_id")
        .annotate(n=Count("person_id", distinct=True), last=Max("occurred_at"))
        .filter(n__gte=threshold)
        .order_by("-n")
    )
    rows = list(candidates)
    users = _users({r["actor_id"] for r in rows})
    found = []
    for row in rows:
        user = users.get(row["actor_id"])
        own = _case_persons(user) if user else set()
        outside = (
            views.filter(actor_id=row["actor_id"])
            .exclude(person_id__in=own)
            .values("person_id")
            .distinct()
            .count()
        )
        if outside >= threshold:
            found.append(Anomaly(user, row["actor_id"], outside, row["last"]))
    return sorted(found, key=lambda a: -a.count)


def odd_hours(start: datetime, end: datetime) -> list[Anomaly]:
    """Employees who read or changed personal data at odd local hours."""
    begin, until = settings.REGIE_ANOMALY_ODD_HOURS
    hour = ExtractHour("occurred_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
    odd = (
        Q(hour__gte=begin) | Q(hour__lt=until)
        if begin > until
        else Q(hour__gte=begin, hour__lt=until)
    )
    rows = list(
        AuditEvent.objects.filter(
            _in_period(start, end),
            action__in=DATA_ACTIONS,
            person_id__isnull=False,
            actor_id__isnull=False,
        )
        .annotate(hour=hour)
        .filter(odd)
        .values("actor_id")
        .annotate(n=Count("pk"), last=Max("occurred_at"))
        .order_by("-n")
    )
    users = _users({r["actor_id"] for r in rows})
    return [Anomaly(users.get(r["actor_id"]), r["actor_id"], r["n"], r["last"]) for r in rows]


def refusals(start: datetime, end: datetime, threshold: int | None = None) -> list[Anomaly]:
    """Employees refused ("not found") at least ``threshold`` times."""
    threshold = threshold or settings.REGIE_ANOMALY_DENIED_THRESHOLD
    rows = list(
        AuditEvent.objects.filter(
            _in_period(start, end), action=AuditAction.ACCESS_DENIED, actor_id__isnull=False
        )
        .values("actor_id")
        .annotate(n=Count("pk"), last=Max("occurred_at"))
        .filter(n__gte=threshold)
        .order_by("-n")
    )
    users = _users({r["actor_id"] for r in rows})
    return [Anomaly(users.get(r["actor_id"]), r["actor_id"], r["n"], r["last"]) for r in rows]
