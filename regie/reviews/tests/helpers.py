"""Building blocks for the review tests: a complete review, holding it, registering a fact, and
reading back the events and audit rows a service wrote."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from regie.accounts.models import Organisation, User
from regie.audit.models import AuditEvent
from regie.cases.models import Case, Goal
from regie.cases.services import goal_add
from regie.core.domain import LifeDomain
from regie.events.models import CaseEvent
from regie.persons.models import JusticeFact, Person
from regie.reviews.models import Answer, Decision, Progress, Review
from regie.reviews.services import ReviewContent, review_hold

_keys = count(1)


def add_goal(case: Case, regisseur: User) -> Goal:
    case.plan.refresh_from_db()
    return goal_add(
        actor=regisseur,
        case=case,
        domain=LifeDomain.HOUSING,
        description="Een eigen, stabiele woonplek",
        indicator="Heeft een huurcontract op eigen naam",
        target_date=date(2026, 12, 1),
        primary_scenario="Urgentieverklaring en sociale huurwoning",
        alternative_scenarios=["Tijdelijke kamer via begeleid wonen"],
        seen_version=case.plan.version,
    )


def content(case: Case, **overrides: Any) -> ReviewContent:
    """A complete review of ``case``: every domain scored 3, every current goal on track."""
    goals = Goal.objects.filter(plan_id=case.pk, status__in=["open", "bijgesteld"])
    values: dict[str, Any] = {
        "held_on": date(2026, 7, 1),
        "scores": {d.value: 3 for d in LifeDomain},
        "progress": {g.pk: (Progress.ON_TRACK, "") for g in goals},
        "added_value": Answer.YES,
        "added_value_motivation": "Partners werken samen aan wonen en zorg.",
        "proportional": Answer.YES,
        "proportionality_motivation": "Inzet past bij de problemen.",
        "next_review_date": date(2026, 12, 1),
    }
    values.update(overrides)
    return ReviewContent(**values)


def hold(case: Case, actor: User, *, decision: str = Decision.CONTINUE, **kwargs: Any) -> Review:
    """Hold a review with ``content(case)`` (overridable by keyword)."""
    outflow = {
        key: kwargs.pop(key)
        for key in ("outflow_reason", "outflow_reason_text", "care_needed")
        if key in kwargs
    }
    if decision == Decision.OUTFLOW:
        outflow.setdefault("outflow_reason", "doelen_bereikt")
        outflow.setdefault("care_needed", "Ambulante begeleiding door het wijkteam.")
        kwargs.setdefault("next_review_date", None)
    case.refresh_from_db()
    return review_hold(
        actor=actor,
        case=case,
        seen_version=case.version,
        content=content(case, **kwargs),
        decision=decision,
        **outflow,
    )


def add_fact(
    person: Person, source: Organisation, kind: str, when: date, **fields: Any
) -> JusticeFact:
    return JusticeFact.objects.create(
        person=person,
        source_organisation=source,
        external_key=f"test-{next(_keys)}",
        kind=kind,
        date=when,
        **fields,
    )


def events_since(after: int = 0) -> list[tuple[str, dict[str, Any]]]:
    """The (type, payload) of events with id > ``after``, oldest first."""
    return [(e.type, e.payload) for e in CaseEvent.objects.filter(pk__gt=after).order_by("pk")]


def last_event_id() -> int:
    last = CaseEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def audits_since(after: int = 0) -> list[tuple[str, str]]:
    """The (action, object_type) of audit events after sequence ``after``."""
    rows = AuditEvent.objects.filter(seq__gt=after).order_by("seq")
    return [(a.action, a.object_type) for a in rows]


def last_audit_seq() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0
