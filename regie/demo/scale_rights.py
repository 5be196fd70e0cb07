"""Scale generator, subject requests (verzoeken betrokkene) in every state: received, in
handling, extended (with the notice to the requester within the first month), handled and
refused — with the ``CaseEvent`` and audit row of every step exactly as
``regie.rights.services.requests`` writes them (payload ``request``, ``kind`` and the step's
detail; audit on ``subject_request`` with the person's internal number)."""

from __future__ import annotations

import random
from datetime import timedelta

from regie.demo.bulk import Bulk
from regie.demo.scale_base import DAY, HOUR, Scale, Staff, Trail, at, day_of, us_of
from regie.demo.scale_people import PersonPlan
from regie.rights.dates import add_months
from regie.rights.models import SubjectRequest

KINDS: tuple[tuple[str, int], ...] = (("access", 50), ("rectification", 20), ("objection", 12), ("restriction", 10),
         ("erasure", 8))  # fmt: skip
STATUSES: tuple[tuple[str, int], ...] = (("ontvangen", 10), ("in_behandeling", 15), ("verlengd", 10), ("afgehandeld", 45),
            ("afgewezen", 20))  # fmt: skip
GROUNDS = {"access": "AVG art. 15", "rectification": "AVG art. 16", "objection": "AVG art. 21",
           "restriction": "AVG art. 18", "erasure": "AVG art. 17 lid 3 sub b"}  # fmt: skip
COLUMNS = ("id", "kind", "person_id", "person_ref", "requester_kind", "requester_name",
           "description", "received_on", "deadline", "extension_notice_on",
           "extension_notice_text", "status", "handler_id", "outcome", "legal_ground",
           "closed_on", "created_by_id", "created_at")  # fmt: skip


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _step(trail: Trail, us: int, type_: str, audit: str, officer: int, person: int, pk: int,
          kind: str, detail: dict[str, object]) -> None:  # fmt: skip
    """``regie.rights.services.requests._record``: the event and the audit row of one step."""
    trail.event(us, type_, officer, person, {"request": pk, "kind": kind, **detail})
    trail.audit(us, officer, audit, "subject_request", pk, person, {"kind": kind, **detail})


def build_requests(scale: Scale, bulk: Bulk, trail: Trail, staff: Staff,
                   persons: list[PersonPlan]) -> int:  # fmt: skip
    """About one request per 80 persons (at least one in every state)."""
    rng = random.Random(scale.seed * 7 + 6)
    count = max(len(STATUSES) * 2, scale.persons // 80)
    officers = staff.privacy_officers
    rows = []
    for i, person in enumerate(rng.sample(persons, min(count, len(persons)))):
        status = (
            STATUSES[i][0] if i < len(STATUSES) else rng.choices(*zip(*STATUSES, strict=True))[0]
        )
        kind = _pick(rng, KINDS)
        if kind == "erasure" and status == "afgehandeld":
            status = "afgewezen"  # a granted erasure goes through ``person_erase``
        officer = rng.choice(officers)
        open_ = status in ("ontvangen", "in_behandeling", "verlengd")
        # Open requests arrived recently (an extended one within three months, the others
        # within one); closed ones any time after the person was registered.
        span = (80 if status == "verlengd" else 25) if open_ else None
        if span is not None:
            received = scale.today - timedelta(days=rng.randint(1, span))
        else:
            low = max(person.ref_us, scale.start_us) + DAY
            received = day_of(low + rng.randrange(max(1, scale.now_us - 120 * DAY - low)))
        received = max(received, day_of(person.ref_us))
        minor = (received - person.date_of_birth).days < 18 * 365
        parent = minor and rng.random() < 0.5
        received_us = us_of(received, rng)
        pk = bulk.ids(SubjectRequest, 1)[0]
        deadline = add_months(received, 1)
        notice_on, notice_text, handler, outcome, ground, closed_on = None, "", None, "", "", None

        def step(us: int, type_: str, audit: str, **detail: object) -> None:
            _step(trail, us, type_, audit, officer, person.id, pk, kind, detail)  # noqa: B023

        step(received_us, "subject_request_received", "create",
             requester="ouder" if parent else "betrokkene")  # fmt: skip
        moment = received_us
        if status != "ontvangen":
            moment = min(received_us + rng.randint(1, 5) * DAY, scale.now_us - HOUR)
            handler = officer
            step(moment, "subject_request_started", "change")
        if status == "verlengd" or (not open_ and rng.random() < 0.15):
            notice = min(received + timedelta(days=rng.randint(7, 25)), deadline, scale.today)
            notice_on, notice_text = notice, "Het verzoek vraagt meer tijd: gegevens van partners."
            deadline = add_months(add_months(received, 1), 2)
            moment = max(moment + HOUR, us_of(notice, rng))
            moment = min(moment, scale.now_us - HOUR)
            step(moment, "subject_request_extended", "change", deadline=deadline.isoformat())
        if not open_:
            closed_us = moment + rng.randint(3, 40) * DAY
            closed_us = min(closed_us, scale.now_us - HOUR)
            closed_on = day_of(closed_us)
            handler = officer
            done = status == "afgehandeld"
            outcome = "Verzoek ingewilligd." if done else "Verzoek afgewezen; zie de grondslag."
            ground = GROUNDS[kind] if done else "AVG art. 23 lid 1 sub d"
            step(closed_us, "subject_request_closed" if done else "subject_request_refused",
                 "change", status=status, in_time=closed_on <= deadline)  # fmt: skip
        rows.append((pk, kind, person.id, person.id, "ouder" if parent else "betrokkene",
                     "J. Jansen (ouder)" if parent else "", "", received, deadline, notice_on,
                     notice_text, status, handler, outcome, ground, closed_on, officer,
                     at(received_us)))  # fmt: skip
    return bulk.insert(SubjectRequest, COLUMNS, rows)
