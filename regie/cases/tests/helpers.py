"""Small assertions shared by the case tests."""

from __future__ import annotations

from typing import Any

from regie.audit.models import AuditEvent
from regie.cases.models import Case
from regie.events.models import CaseEvent


def events_since(case: Case, after: int = 0) -> list[tuple[str, dict[str, Any]]]:
    """The (type, payload) of the case's events with id > ``after``, oldest first."""
    rows = CaseEvent.objects.filter(case_id=case.pk, pk__gt=after).order_by("pk")
    return [(e.type, e.payload) for e in rows]


def last_event_id() -> int:
    last = CaseEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def audits_since(after: int = 0) -> list[tuple[str, str, str]]:
    """The (action, object_type, outcome) of audit events after sequence ``after``."""
    rows = AuditEvent.objects.filter(seq__gt=after).order_by("seq")
    return [(a.action, a.object_type, a.outcome) for a in rows]


def last_audit_seq() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0
