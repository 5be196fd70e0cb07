"""Scale generator, last stage: the domain events in time order, and the audit log — the writes
collected by the earlier stages merged with the reads that years of daily work produce (case
pages, case lists, person searches, the triage queue, nominations), hashed into the chain."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator
from typing import Any

from regie.demo.bulk import AuditChain, AuditRow, Bulk
from regie.demo.scale_base import DAY, HOUR, Scale, Staff, Trail, at
from regie.demo.scale_cases import CaseLife
from regie.demo.scale_people import PersonPlan
from regie.events.models import CaseEvent

AUDIT_PER_PERSON = 100  # ≥ 5 million audit events at national scale (50,000 persons)
# Kind of read -> share of all reads.
READS = (("case", 70), ("case_list", 10), ("person_search", 8), ("triage_queue", 7),
         ("nomination", 5))  # fmt: skip


def write_events(bulk: Bulk, trail: Trail, progress: Callable[..., Any]) -> int:
    trail.events.sort(key=lambda e: e[0])
    ids = bulk.ids(CaseEvent, len(trail.events))
    rows = (
        (pk, type_, at(when), actor, person, case, nomination, payload)
        for pk, (when, type_, actor, person, case, nomination, payload) in zip(
            ids, progress(trail.events, desc="gebeurtenissen"), strict=True
        )
    )
    fields = ("id", "type", "occurred_at", "actor_id", "person_id", "case_id", "nomination_id",
              "payload")  # fmt: skip
    return bulk.insert(CaseEvent, fields, rows)


class Reads:
    """Generates the read events, compactly (when, kind, index) and then in full."""

    def __init__(self, scale: Scale, staff: Staff, lives: list[CaseLife],
                 persons: list[PersonPlan]) -> None:  # fmt: skip
        self.rng = random.Random(scale.seed * 7 + 4)
        self.scale, self.staff, self.lives = scale, staff, lives
        self.nominated = [p for p in persons if p.nominated_us is not None]
        self.persons = persons
        self.partner_users = [u for users in staff.partners.values() for u in users]

    def _moment(self, low: int, high: int) -> int:
        """A moment during office hours between ``low`` and ``high``."""
        us = low + self.rng.randrange(max(1, high - low))
        return us - us % DAY + 7 * HOUR + self.rng.randrange(11 * HOUR)

    def compact(self, count: int) -> list[tuple[int, int, int]]:
        rng, scale = self.rng, self.scale
        kinds = rng.choices(range(len(READS)), [w for _, w in READS], k=count)
        weights = [life.end_us - life.start_us for life in self.lives]
        cases = iter(rng.choices(range(len(self.lives)), weights, k=count)) if self.lives else None
        out = []
        for kind in kinds:
            if kind == 0 and cases is not None:
                index = next(cases)
                life = self.lives[index]
                when = self._moment(life.start_us, life.end_us)
            elif kind == 4 and self.nominated:
                index = rng.randrange(len(self.nominated))
                nominated = self.nominated[index].nominated_us or scale.now_us
                when = self._moment(nominated, min(scale.now_us, nominated + 200 * DAY))
            else:
                kind = kind if kind else 1
                index = rng.randrange(1 << 30)
                when = self._moment(scale.start_us, scale.now_us)
            out.append((min(when, scale.now_us - 1), kind, index))
        out.sort()
        return out

    def full(self, compact: list[tuple[int, int, int]]) -> Iterator[AuditRow]:
        rng, staff = self.rng, self.staff
        for when, kind, index in compact:
            moment = at(when)
            if kind == 0:
                life = self.lives[index]
                actor = life.regisseur
                if life.orgs and rng.random() < 0.3:
                    actor = rng.choice(staff.partners[rng.choice(life.orgs)])
                yield (moment, actor, "view", "case", str(life.id), life.person, {"action": "view"})
            elif kind == 1:
                actor = staff.regisseurs[index % len(staff.regisseurs)]
                yield (moment, actor, "view", "case_list", "", None,
                       {"view": "mijn_casussen", "page": 1})  # fmt: skip
            elif kind == 2:
                pool = staff.triage if index % 2 else self.partner_users
                found = sorted({self.persons[(index + k * 7919) % len(self.persons)].id
                                for k in range(index % 4)})  # fmt: skip
                yield (moment, pool[index % len(pool)], "search", "person", "", None,
                       {"by": "name", "results": len(found), "ids": found})  # fmt: skip
            elif kind == 3:
                actor = staff.triage[index % len(staff.triage)]
                yield (moment, actor, "search", "triage_queue", "", None,
                       {"filters": "", "nominations": [], "persons": []})  # fmt: skip
            else:
                person = self.nominated[index]
                pool = self.partner_users
                yield (moment, pool[index % len(pool)], "view", "nomination", "", person.id,
                       {"action": "view"})  # fmt: skip


def write_audit(scale: Scale, bulk: Bulk, trail: Trail, staff: Staff, lives: list[CaseLife],
                persons: list[PersonPlan], progress: Callable[..., Any]) -> int:  # fmt: skip
    """Merge writes and reads in time order and append them to the chain."""
    writes = sorted(trail.audits, key=lambda a: a[0])
    reads = Reads(scale, staff, lives, persons)
    total = max(AUDIT_PER_PERSON * scale.persons, len(writes))
    compact = reads.compact(max(scale.persons, total - len(writes)))
    written: Iterator[AuditRow] = ((at(w[0]), *w[1:]) for w in writes)
    merged = heapq.merge(written, reads.full(compact), key=lambda row: row[0])
    chain = AuditChain(bulk, staff.actors)
    count = chain.append(progress(merged, desc="auditlog", total=len(writes) + len(compact)))
    chain.close()
    return count
