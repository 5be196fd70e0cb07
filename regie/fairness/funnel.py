"""The funnel of one year's nominations, rebuilt from the recorded events (docs/fairness.md).

One :class:`Step` record per nomination submitted in the year (``nomination_submitted``, by its
moment of submission in the region's time zone). What happened next comes from the events that
carry the nomination's id: the hard-criteria outcome frozen with the latest decision proposal
(``decision_proposed``, replaced by the one in ``decision_confirmed``), the confirmed decision
with its override flag, and the confirmed outflow with its reason (``outflow_confirmed``).

A fixed number of aggregate queries, whatever the number of persons: the nominations of the
year with their person's attributes, their decision events, their outflow events, the
organisation types, the configured monitoring attributes of the persons concerned.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from regie.accounts.models import Organisation
from regie.events.models import CaseEvent, EventType
from regie.events.payload import PayloadKey
from regie.fairness.models import MonitoringAttribute
from regie.monitor.kanon import age_band, age_on
from regie.nominations.models import NominationOutcome


@dataclass
class Nominated:
    """One nomination and how far it came in the funnel; ``groups`` maps dimension → value."""

    nomination_id: int
    person_id: int | None
    submitted: datetime.date
    groups: dict[str, str] = field(default_factory=dict)
    hard_criteria: str = ""  # met / not_met / unknown; "" while no decision was proposed
    decided: bool = False
    admitted: bool = False
    override: bool = False
    outflow_reason: str = ""


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``year`` and of the next one, in the region's time zone."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return start, end


def _submitted(year: int) -> QuerySet[CaseEvent]:
    start, end = year_bounds(year)
    return CaseEvent.objects.filter(
        type=EventType.NOMINATION_SUBMITTED,
        occurred_at__gte=start,
        occurred_at__lt=end,
        nomination_id__isnull=False,
    )


def configured_dimensions() -> dict[str, str]:
    """The dimensions the region adopted (``REGIE_FAIRNESS_DIMENSIONS``): code → Dutch label."""
    return dict(getattr(settings, "REGIE_FAIRNESS_DIMENSIONS", {}) or {})


def funnel(year: int) -> list[Nominated]:
    """Every nomination submitted in ``year`` with its funnel steps and group per dimension."""
    submitted = _submitted(year)
    # PayloadKey extracts a payload key in SQL, parsing the JSON once: decoding whole JSON
    # values row by row in Python would cost more than everything else together at national
    # scale. On SQLite numbers and booleans come back as such (12, 1), on PostgreSQL as text.
    rows = submitted.order_by("occurred_at", "pk").values_list(
        "nomination_id",
        "person_id",
        "occurred_at",
        PayloadKey("organisation_id"),
        "person__gender",
        "person__municipality",
        "person__district",
        "person__date_of_birth",
    )
    org_types = {str(pk): type_ for pk, type_ in Organisation.objects.values_list("pk", "type")}
    zone = timezone.get_current_timezone()
    records: dict[int, Nominated] = {}
    for nomination_id, person_id, at, org_id, gender, municipality, district, born in rows:
        if nomination_id is None or nomination_id in records:
            continue
        day = at.astimezone(zone).date()
        records[nomination_id] = Nominated(
            nomination_id=nomination_id,
            person_id=person_id,
            submitted=day,
            groups={
                "age_band": age_band(age_on(born, day)) if born else "",
                "gender": gender or "",
                "municipality": municipality or "",
                "district": district or "",
                "organisation_type": org_types.get(str(org_id), "") if org_id else "",
            },
        )
    # Decisions and outflows come after the submission: reading their events from the start of
    # the year on the (type, occurred_at) index and keeping those of the cohort is far cheaper
    # than probing by nomination id, under which every case event of a nomination is indexed.
    if records:
        # The cohort's ids bound the rows further (the range holds every id of the cohort by
        # construction), so later years' events are filtered in SQL, not fetched.
        window = {
            "occurred_at__gte": year_bounds(year)[0],
            "nomination_id__gte": min(records),
            "nomination_id__lte": max(records),
        }
        _decisions(records, window)
        _outflows(records, window)
    _attributes(records.values(), submitted.values("person_id"))
    return list(records.values())


def _decisions(records: dict[int, Nominated], window: dict[str, Any]) -> None:
    """The confirmed decision of a nomination is final; without one, its latest proposal holds
    the hard-criteria snapshot."""
    confirmed = CaseEvent.objects.filter(type=EventType.DECISION_CONFIRMED, **window)
    for nomination_id, hard, override, outcome in confirmed.values_list(
        "nomination_id",
        PayloadKey("hard_criteria"),
        PayloadKey("is_override"),
        PayloadKey("outcome"),
    ):
        record = records.get(nomination_id or 0)
        if record is not None:
            record.hard_criteria = hard or "unknown"
            record.decided = True
            record.override = str(override).lower() in ("1", "true")
            record.admitted = outcome == NominationOutcome.ADMITTED
    proposals = (
        CaseEvent.objects.filter(type=EventType.DECISION_PROPOSED, **window)
        .order_by("occurred_at", "pk")
        .values_list("nomination_id", PayloadKey("hard_criteria"))
    )
    for nomination_id, hard in proposals:
        record = records.get(nomination_id or 0)
        if record is not None and not record.decided:
            record.hard_criteria = hard or "unknown"


def _outflows(records: dict[int, Nominated], window: dict[str, Any]) -> None:
    events = (
        CaseEvent.objects.filter(type=EventType.OUTFLOW_CONFIRMED, **window)
        .order_by("occurred_at", "pk")
        .values_list("nomination_id", PayloadKey("reason"))
    )
    for nomination_id, reason in events:
        record = records.get(nomination_id or 0)
        if record is not None and record.admitted:
            record.outflow_reason = reason or "anders"


def _attributes(records: Iterable[Nominated], person_ids: QuerySet[CaseEvent, Any]) -> None:
    codes = list(configured_dimensions())
    if not codes:
        return
    latest: dict[tuple[int, str], str] = {}
    values = (
        MonitoringAttribute.objects.filter(dimension__in=codes, person_id__in=person_ids)
        .order_by("recorded_at", "pk")
        .values_list("person_id", "dimension", "value")
    )
    for person_id, dimension, value in values:
        latest[(person_id, dimension)] = value
    for record in records:
        for code in codes:
            key = (record.person_id or 0, code)
            record.groups[code] = latest.get(key, "")
