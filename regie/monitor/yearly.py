"""The yearly monitor's raw figures, computed from the recorded ``CaseEvent``s (docs/monitor.md).

``yearly_counts(scope)`` answers one question: what did the work look like in ``scope.year`` as
recorded by the end of ``scope.peildatum``? Every event with ``occurred_at`` after the end of the
peildatum is left out, so the figures for a past peildatum can be recomputed at any time and
come out the same. Where an event lacks a fact, the table it points at supplies it: the person's
municipality of residence (``Person.municipality``, as it is now), the nominating organisation's
type, the ZRM scores of the triage assessment at admission.

The counts here are exact and unsuppressed; they never leave the server as they are.
``regie.monitor.tables`` turns them into the published, suppressed tables.

The query count is fixed (seven queries whatever the data): per-case facts are read once as
plain rows and counted in Python, period events with a few JSON keys each.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.db import connection
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from regie.accounts.models import Municipality
from regie.cases.models import CaseOrigin
from regie.core.dates import start_of_day
from regie.core.domain import TargetGroup
from regie.events.models import CaseEvent, EventType
from regie.events.payload import PayloadKey
from regie.monitor.zrm import zrm_changes
from regie.nominations.models import Nomination, NominationOutcome
from regie.triage.models import Assessment

#: How the municipality of a person shows when it is not known (the person was erased).
UNKNOWN = "onbekend"
#: Inflow categories of a transition from one of the former approaches (``CaseOrigin``).
TRANSITIONS = tuple(origin for origin in CaseOrigin.values if origin != CaseOrigin.NEW)
#: The reason a nomination was declined, derived from the recorded decision and assessment: the
#: hard criteria first, then the first question of the beoordelingskader answered "nee".
DECLINE_REASONS = (
    "harde_criteria",
    "necessity",
    "added_value",
    "proportionality",
    "subsidiarity",
    "anders",
)
ZRM_CHANGES = ("beter", "gelijk", "slechter")


@dataclass(frozen=True)
class Scope:
    """What to compute: a year, the peildatum that bounds what counts, and optional filters."""

    year: int
    peildatum: date
    municipality: str = ""
    target_group: str = ""

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period: the peildatum, or 31 December when that comes first."""
        return min(self.peildatum, date(self.year, 12, 31))


def default_peildatum(year: int, today: date | None = None) -> date:
    """31 December of the year, or today for the current year."""
    today = today or timezone.localdate()
    return today if year == today.year else date(year, 12, 31)


def same_day(year: int, day: date) -> date:
    """The same day of the year in another year (29 February becomes 28 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def _moment(day: date) -> datetime:
    """The first moment after ``day`` ends: events before it count."""
    return start_of_day(day + timedelta(days=1))


@dataclass(frozen=True)
class CaseRow:
    """One case as its ``case_opened`` event recorded it."""

    case_id: int
    person_id: int | None
    municipality: str
    target_group: str
    origin: str
    opened: date
    nominated_by: str


@dataclass
class YearlyCounts:
    """Exact counts for one scope. Keys are ``(category, target group)`` unless said otherwise."""

    scope: Scope
    population: Counter[tuple[str, str]] = field(default_factory=Counter)  # (municipality, tg)
    inflow: Counter[tuple[str, str]] = field(default_factory=Counter)  # (org type|origin, tg)
    declined: Counter[tuple[str, str]] = field(default_factory=Counter)
    outflow: Counter[tuple[str, str]] = field(default_factory=Counter)
    durations: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    reviews: Counter[tuple[str, str]] = field(default_factory=Counter)  # (op_tijd|te_laat, tg)
    zrm: Counter[tuple[str, str]] = field(default_factory=Counter)  # (domain, change)
    goals: Counter[tuple[str, str]] = field(default_factory=Counter)  # (goal status, tg)
    blocked: Counter[tuple[str, str]] = field(default_factory=Counter)  # (shortage, domain)
    activated: Counter[tuple[str, str]] = field(default_factory=Counter)  # (shortage, tg)
    waiting_days: list[int] = field(default_factory=list)
    handovers: Counter[str] = field(default_factory=Counter)  # tg
    follow_up: Counter[tuple[str, str]] = field(default_factory=Counter)  # (in_beeld|…, tg)
    reentries: Counter[str] = field(default_factory=Counter)  # tg
    requests: Counter[str] = field(default_factory=Counter)  # op_tijd|te_laat


@dataclass(frozen=True)
class History:
    """Every case opened and every outflow recorded up to the peildatum: enough to compute the
    population, inflow, outflow and re-entries for this and earlier peildata without another
    query (the year-over-year table)."""

    cases: dict[int, CaseRow]
    outflows: list[tuple[int, date, str, int | None]]  # (case, date, reason, duration days)


def _local_date() -> Any:
    """The event's day in the local time zone, for ``_day``. PostgreSQL works it out itself
    (converting 27,000 timestamps in Python was a third of the history's time there); SQLite
    would call a Python function per row for it, slower than converting the timestamps it
    returns, so there the timestamp comes back as it is."""
    if connection.vendor == "postgresql":
        return TruncDate("occurred_at", tzinfo=timezone.get_current_timezone())
    return F("occurred_at")


def _day(value: date, zone: tzinfo) -> date:
    return value.astimezone(zone).date() if isinstance(value, datetime) else value


def _events(types: tuple[str, ...], scope: Scope, *, since: date | None = None) -> Any:
    events = CaseEvent.objects.filter(type__in=types, occurred_at__lt=_moment(scope.peildatum))
    if since is not None:
        events = events.filter(occurred_at__gte=_moment(since - timedelta(days=1)))
    return events


def _each_type(
    types: tuple[str, ...], scope: Scope, shape: Callable[[Any], Any], *, since: date | None = None
) -> Any:
    """The events of ``types`` as one query, one ``UNION ALL`` branch per type, each shaped by
    ``shape`` (annotations and ``values_list``). With ``type IN (…)`` the planner may walk the
    time index over every event; one type per branch keeps it on the (type, time) index."""
    branches = [shape(_events((type_,), scope, since=since).order_by()) for type_ in types]
    return branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]


def load_history(scope: Scope) -> History:
    """Three queries: the cases opened and the outflows confirmed up to the end of the
    peildatum, limited to the scope's municipality (of residence) and target group (at
    admission), and the type of each nominating organisation."""
    opened = _events((EventType.CASE_OPENED,), scope).annotate(
        tg=PayloadKey("target_group"),
        origin=PayloadKey("origin"),
        municipality=F("person__municipality"),
        day=_local_date(),
    )
    if scope.municipality:
        opened = opened.filter(person__municipality=scope.municipality)
    if scope.target_group:
        opened = opened.filter(payload__target_group=scope.target_group)
    # Every nomination's organisation type in one plain query (38,000 rows at national scale,
    # a few milliseconds), rather than a subquery per opened case, which cost more than the
    # rest of the query, or a semi-join, which ran the events query twice.
    nominated_by = dict(
        Nomination.objects.values_list("pk", "nominating_organisation__type").order_by()
    )
    zone = timezone.get_current_timezone()
    cases = {
        case_id: CaseRow(
            case_id=case_id,
            person_id=person_id,
            municipality=municipality or UNKNOWN,
            target_group=tg or "",
            origin=origin or CaseOrigin.NEW,
            opened=_day(day, zone),
            nominated_by=nominated_by.get(nomination_id) or "",
        )
        for case_id, person_id, municipality, tg, origin, day, nomination_id in opened.values_list(
            "case_id", "person_id", "municipality", "tg", "origin", "day", "nomination_id"
        )
        if case_id is not None
    }
    outflows = [
        (case_id, _day(on, zone), reason or "", int(days) if days not in (None, "") else None)
        for case_id, on, reason, days in _events((EventType.OUTFLOW_CONFIRMED,), scope)
        .annotate(on=_local_date(), reason=PayloadKey("reason"), days=PayloadKey("duration_days"))
        .values_list("case_id", "on", "reason", "days")
        if case_id in cases
    ]
    return History(cases=cases, outflows=outflows)


def population_at(history: History, day: date) -> Counter[tuple[str, str]]:
    """Persons in the approach at the end of ``day``: a case opened on or before it and not
    outflown on or before it; a person with two open cases counts once."""
    outflown = {case_id for case_id, on, _reason, _days in history.outflows if on <= day}
    persons: dict[int | str, tuple[str, str]] = {}
    for case in history.cases.values():
        if case.opened <= day and case.case_id not in outflown:
            key = case.person_id if case.person_id is not None else f"case-{case.case_id}"
            persons[key] = (case.municipality, case.target_group)
    return Counter(persons.values())


def inflow_between(history: History, start: date, end: date) -> Counter[tuple[str, str]]:
    """Cases opened in ``[start, end]`` by how they came in: the nominating organisation's type
    for a new admission, the former approach for a transition."""
    counts: Counter[tuple[str, str]] = Counter()
    for case in history.cases.values():
        if start <= case.opened <= end:
            category = case.origin if case.origin in TRANSITIONS else case.nominated_by or "overig"
            counts[(category, case.target_group)] += 1
    return counts


def outflow_between(history: History, start: date, end: date) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for case_id, on, reason, _days in history.outflows:
        if start <= on <= end:
            counts[(reason, history.cases[case_id].target_group)] += 1
    return counts


def _durations(history: History, start: date, end: date) -> dict[str, list[int]]:
    durations: dict[str, list[int]] = defaultdict(list)
    for case_id, on, _reason, days in history.outflows:
        case = history.cases[case_id]
        if start <= on <= end:
            durations[case.target_group].append(
                days if days is not None else (on - case.opened).days
            )
    return durations


def _reentries(history: History, start: date, end: date) -> Counter[str]:
    """Cases opened in the period for a person whose earlier case outflowed at most 365 days
    before."""
    outflown_on: dict[int, list[date]] = defaultdict(list)
    for case_id, on, _reason, _days in history.outflows:
        person = history.cases[case_id].person_id
        if person is not None:
            outflown_on[person].append(on)
    counts: Counter[str] = Counter()
    for case in history.cases.values():
        if not start <= case.opened <= end or case.person_id is None:
            continue
        if any(
            timedelta(0) <= case.opened - on <= timedelta(days=365)
            for on in outflown_on[case.person_id]
        ):
            counts[case.target_group] += 1
    return counts


def _decline_reason(hard_criteria: str | None, answers: tuple[str | None, ...]) -> str:
    if hard_criteria == "not_met":
        return "harde_criteria"
    for reason, answer in zip(DECLINE_REASONS[1:5], answers, strict=True):
        if answer == "nee":
            return reason
    return "anders"


def _declined(scope: Scope) -> Counter[tuple[str, str]]:
    """Nominations declined in the period (the chair's confirmation), by derived reason."""
    assessment = Assessment.objects.filter(nomination_id=OuterRef("nomination_id"))
    events = (
        _events((EventType.DECISION_CONFIRMED,), scope, since=scope.start)
        .annotate(
            tg=PayloadKey("target_group"),
            hard=PayloadKey("hard_criteria"),
            **{
                question: Subquery(assessment.values(question)[:1])
                for question in DECLINE_REASONS[1:5]
            },
        )
        .filter(payload__outcome=NominationOutcome.DECLINED)
    )
    if scope.municipality:
        events = events.filter(person__municipality=scope.municipality)
    if scope.target_group:
        events = events.filter(payload__target_group=scope.target_group)
    counts: Counter[tuple[str, str]] = Counter()
    for tg, hard, *answers in events.values_list("tg", "hard", *DECLINE_REASONS[1:5]):
        counts[(_decline_reason(hard, tuple(answers)), tg or "")] += 1
    return counts


PERIOD_TYPES = (
    EventType.REVIEW_HELD,
    EventType.GOAL_CLOSED,
    EventType.SCENARIO_BLOCKED,
    EventType.SCENARIO_ACTIVATED,
    EventType.HANDOVER_CONFIRMED,
    EventType.FOLLOW_UP_RECORDED,
)


def _case_work(scope: Scope, history: History, counts: YearlyCounts) -> None:
    """One query over the period's case events that carry a monitor fact in their payload."""

    def shape(events: Any) -> Any:
        return events.annotate(
            on_time=PayloadKey("on_time"),
            status=PayloadKey("status"),
            shortage=PayloadKey("shortage_type"),
            domain=PayloadKey("goal_domain"),
            waiting=PayloadKey("waiting_days"),
            replaces=PayloadKey("replaces_scenario_id"),
            in_view=PayloadKey("in_view"),
        ).values_list(
            "type",
            "case_id",
            "on_time",
            "status",
            "shortage",
            "domain",
            "waiting",
            "replaces",
            "in_view",
        )

    rows = _each_type(PERIOD_TYPES, scope, shape, since=scope.start)
    for type_, case_id, on_time, status, shortage, domain, waiting, replaces, in_view in rows:
        case = history.cases.get(case_id)
        if case is None:  # outside the municipality or target group filtered on
            continue
        tg = case.target_group
        if type_ == EventType.REVIEW_HELD:
            counts.reviews[("op_tijd" if _true(on_time) else "te_laat", tg)] += 1
        elif type_ == EventType.GOAL_CLOSED:
            counts.goals[(status or "", tg)] += 1
        elif type_ == EventType.SCENARIO_BLOCKED:
            counts.blocked[(shortage or "anders", domain or "")] += 1
            if waiting not in (None, ""):
                counts.waiting_days.append(int(waiting))
        elif type_ == EventType.SCENARIO_ACTIVATED and replaces not in (None, ""):
            counts.activated[(shortage or "anders", tg)] += 1
        elif type_ == EventType.HANDOVER_CONFIRMED:
            counts.handovers[tg] += 1
        elif type_ == EventType.FOLLOW_UP_RECORDED:
            counts.follow_up[("in_beeld" if _true(in_view) else "niet_in_beeld", tg)] += 1


def _true(value: object) -> bool:
    # PayloadKey gives JSON booleans as text "true" on PostgreSQL, as 1 on SQLite.
    return str(value).lower() in {"true", "1"}


def _zrm(scope: Scope, history: History, counts: YearlyCounts) -> None:
    """ZRM change per life domain for every person in the approach at the peildatum who had a
    review by then, against the score at admission (``regie.monitor.zrm``; one query)."""
    counts.zrm = zrm_changes(_open_cases(history, scope.peildatum), _moment(scope.peildatum))


def _open_cases(history: History, day: date) -> set[int]:
    outflown = {case_id for case_id, on, _reason, _days in history.outflows if on <= day}
    return {
        case.case_id
        for case in history.cases.values()
        if case.opened <= day and case.case_id not in outflown
    }


def _requests(scope: Scope) -> Counter[str]:
    """Subject requests closed (granted or refused) in the period, in time or late. They have no
    target group; with a target group filter they are not counted."""
    counts: Counter[str] = Counter()
    if scope.target_group:
        return counts

    def shape(events: Any) -> Any:
        if scope.municipality:
            events = events.filter(person__municipality=scope.municipality)
        return events.annotate(in_time=PayloadKey("in_time")).values_list("in_time", flat=True)

    events = _each_type(
        (EventType.SUBJECT_REQUEST_CLOSED, EventType.SUBJECT_REQUEST_REFUSED),
        scope,
        shape,
        since=scope.start,
    )
    for in_time in events:
        counts["op_tijd" if _true(in_time) else "te_laat"] += 1
    return counts


def yearly_counts(scope: Scope, history: History | None = None) -> YearlyCounts:
    """Every figure of the yearly monitor for ``scope``, exact and unsuppressed (seven queries;
    pass ``history`` from :func:`load_history` to save three)."""
    history = history or load_history(scope)
    counts = YearlyCounts(scope=scope)
    counts.population = population_at(history, scope.peildatum)
    counts.inflow = inflow_between(history, scope.start, scope.end)
    counts.outflow = outflow_between(history, scope.start, scope.end)
    counts.durations = _durations(history, scope.start, scope.end)
    counts.reentries = _reentries(history, scope.start, scope.end)
    counts.declined = _declined(scope)
    _case_work(scope, history, counts)
    _zrm(scope, history, counts)
    counts.requests = _requests(scope)
    return counts


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def municipalities() -> list[tuple[str, str]]:
    """The municipalities a figure can be broken down by, in the order of ``Municipality``."""
    return [(value, str(label)) for value, label in Municipality.choices]


def target_groups(scope: Scope) -> list[tuple[str, str]]:
    return [
        (value, str(label))
        for value, label in TargetGroup.choices
        if not scope.target_group or value == scope.target_group
    ]
