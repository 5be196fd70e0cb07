"""What the stages of the scale generator share: time in microseconds, the trail of domain and
audit events that the services would have written, and the users to act as."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SECOND = 1_000_000
HOUR = 3600 * SECOND
DAY = 24 * HOUR


def at(us: int) -> datetime:
    """The moment ``us`` microseconds after the epoch (exact, no float rounding)."""
    return EPOCH + timedelta(microseconds=us)


def day_of(us: int) -> date:
    return at(us).date()


def us_of(day: date, rng: random.Random) -> int:
    """A moment during office hours (8:00–18:00 UTC) on ``day``."""
    midnight = int((datetime(day.year, day.month, day.day, tzinfo=UTC) - EPOCH).total_seconds())
    return (midnight + 8 * 3600) * SECOND + rng.randrange(10 * HOUR)


# A domain event before it gets its id: (when, type, actor, person, case, nomination, payload).
EventRow = tuple[int, str, int | None, int | None, int | None, int | None, dict[str, Any]]
# An audit event before hashing: (when, actor, action, object type, object id, person, detail).
AuditTuple = tuple[int, int | None, str, str, str, int | None, dict[str, Any]]


@dataclass
class Trail:
    """The ``CaseEvent`` and audit rows the services would have written, collected per stage and
    written in time order at the end."""

    events: list[EventRow] = field(default_factory=list)
    audits: list[AuditTuple] = field(default_factory=list)

    def event(
        self,
        when: int,
        type_: str,
        actor: int | None,
        person: int | None,
        payload: dict[str, Any],
        *,
        case: int | None = None,
        nomination: int | None = None,
    ) -> None:
        self.events.append((when, type_, actor, person, case, nomination, payload))

    def audit(
        self,
        when: int,
        actor: int | None,
        action: str,
        object_type: str,
        object_id: int | str,
        person: int | None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.audits.append((when, actor, action, object_type, str(object_id), person, detail or {}))


@dataclass
class Staff:
    """The users the generated work is done by, per role, and every actor's organisation and
    roles as ``audit_record`` writes them."""

    regisseurs: list[int]
    triage: list[int]
    chairs: list[int]
    teamleads: list[int]
    privacy_officers: list[int]
    analysts: list[int]
    partners: dict[int, list[int]]  # organisation id -> partner users
    orgs: dict[str, list[int]]  # organisation type -> organisation ids
    actors: dict[int, tuple[int | None, str]]  # user id -> (organisation id, "role,role")

    def org_of(self, user: int) -> int | None:
        return self.actors[user][0]


@dataclass
class Scale:
    """The size of the dataset and the clock it is built against."""

    persons: int
    years: int
    seed: int
    now_us: int
    rng: random.Random

    @property
    def today(self) -> date:
        return day_of(self.now_us)

    @property
    def start_us(self) -> int:
        return self.now_us - self.years * 365 * DAY
