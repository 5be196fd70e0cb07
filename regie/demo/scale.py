"""``regie demo --persons N --years Y --seed S``: a coherent synthetic dataset at any scale, from a
few hundred persons to the national benchmark (50,000 persons, 15,000 active cases, 10 years,
5 million audit events). Demo mode only.

The small demo (``regie demo`` without ``--persons``) goes through the services, one change at a
time. At scale that would take hours, so this generator writes in bulk (``regie.demo.bulk``) —
but what it writes is what the services would have produced: the same statuses and fields, a
``CaseEvent`` with the service's payload shape for every transition, the audit event of every
change and of years of reading, all in one valid hash chain. The stages:

1. staff: users per role on top of the demo accounts (``regie.demo.scale_people``);
2. persons with offence histories (ages mostly 16–35, mostly male, offence mix per target group);
3. nominations in every state, triage assessments, decisions with the criteria evaluation frozen
   by the real criteria engine, letters (``regie.demo.scale_intake``);
4. cases with participants, plans, scenarios (some blocked by a shortage), actions, journal,
   conferences and family support (``regie.demo.scale_cases``), and their further life:
   reviews with ZRM scores on the 11 domains (improving for some, worsening for others; on
   time or late), outflow with four eyes for every reason, warm handovers, the follow-up
   "nog in beeld?" and closing (``regie.demo.scale_reviews``); subject requests in every
   state (``regie.demo.scale_rights``); experiences for the yearly monitor, with and without
   consent (``regie.demo.scale_experiences``);
5. the domain events in time order, and the audit log: the writes of stages 1–4 merged with the
   reads (case pages, lists, searches) and hashed into the chain (``regie.demo.scale_audit``).

`regie demo --persons` starts from an empty database (``regie flush``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from regie.audit.models import AuditEvent
from regie.demo.bulk import Bulk, indexes_deferred
from regie.demo.scale_audit import write_audit, write_events
from regie.demo.scale_base import EPOCH, Scale, Trail
from regie.demo.scale_cases import Cases
from regie.demo.scale_experiences import build_experiences
from regie.demo.scale_intake import Intake
from regie.demo.scale_people import build_persons, build_staff
from regie.demo.scale_rights import build_requests
from regie.events.models import CaseEvent


@dataclass(frozen=True)
class ScaleReport:
    persons: int
    active_cases: int
    cases: int
    events: int
    audit_events: int
    seconds: float
    rows: dict[str, int]


def _progress(enabled: bool) -> Callable[..., Iterable[Any]]:
    def wrap(items: Iterable[Any], *, desc: str, total: int | None = None) -> Iterable[Any]:
        if not enabled:
            return items
        return tqdm(items, desc=desc, total=total, unit=" rij", unit_scale=True, leave=True)

    return wrap


def _tune_sqlite() -> None:
    """A large page cache while writing millions of rows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -2000000")


def build_scale(*, persons: int, years: int, seed: int, progress: bool = True) -> ScaleReport:
    """Generate the dataset; the demo accounts (``build_region``) must exist already. Meant for
    an empty database; on top of an earlier run only with another ``seed`` (tests do that)."""
    started = time.perf_counter()
    now = timezone.now()
    scale = Scale(
        persons=persons,
        years=years,
        seed=seed,
        now_us=(now - EPOCH) // timedelta(microseconds=1),
        rng=random.Random(seed),
    )
    wrap = _progress(progress)
    bulk, trail = Bulk(), Trail()
    _tune_sqlite()
    with transaction.atomic():
        staff = build_staff(scale, bulk, trail)
        people = build_persons(scale, bulk, trail, staff)
        admissions = Intake(scale, bulk, trail, staff).build(people, wrap)
        lives = Cases(scale, bulk, trail, staff).build(admissions, wrap)
        build_requests(scale, bulk, trail, staff, people)
        build_experiences(scale, bulk, trail, staff)
        with indexes_deferred(CaseEvent, AuditEvent):
            events = write_events(bulk, trail, wrap)
            audits = write_audit(scale, bulk, trail, staff, lives, people, wrap)
        bulk.finish()
    with connection.cursor() as cursor:
        # Fresh planner statistics after the bulk load; on PostgreSQL also VACUUM, which sets
        # the visibility map so index-only scans need no heap fetches (not possible inside a
        # transaction, as in the tests: there ANALYZE alone).
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    active = sum(1 for p in people if p.fate == "active")
    return ScaleReport(
        persons=persons,
        active_cases=active,
        cases=len(lives),
        events=events,
        audit_events=audits,
        seconds=time.perf_counter() - started,
        rows=dict(bulk.written),
    )
