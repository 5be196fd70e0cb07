"""The raw material of a research export: one ``Episode`` per nomination in the period.

Everything is read in a fixed number of queries (eight, whatever the period's size), each
streamed with ``iterator()``. An episode still holds exact dates and the person id: they never
leave this module's callers unprocessed — ``rows.py`` turns them into months, bands and a keyed
pseudonym.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils import timezone

from regie.cases.models import Case
from regie.core.dates import start_of_day
from regie.monitor.kanon import age_on
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.persons.models import FactKind, JusticeFact
from regie.reviews.models import Outflow, OutflowStatus, Review, ReviewScore
from regie.triage.models import AssessmentScore

#: Final outcomes of a nomination that the export covers. A nomination still in triage has no
#: outcome yet and is left out (counted in the metadata); a concept was never a nomination.
WITHDRAWN = "ingetrokken"
ADMITTED_GROUP = "toegelaten"
COMPARISON_GROUP = "vergelijkingsgroep"
FINAL_STATUSES = (NominationStatus.DECIDED, NominationStatus.WITHDRAWN)
PENDING_STATUSES = (NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    return items


@dataclass
class ReviewRecord:
    held_on: date
    kind: str
    decision: str
    scores: dict[str, int] = field(default_factory=dict)


@dataclass
class Episode:
    """One nomination of one person, with what followed from it. Exact dates: internal only."""

    nomination_id: int
    person_id: int
    birth_date: date
    gender: str
    municipality: str
    organisation_type: str
    target_group: str
    submitted: date
    outcome: str  # toegelaten | afgewezen | ingetrokken
    reference: date  # decision, or withdrawal
    sequence: int = 1
    intake_scores: dict[str, int] = field(default_factory=dict)
    admitted: date | None = None
    reviews: list[ReviewRecord] = field(default_factory=list)
    outflow: date | None = None
    outflow_reason: str = ""
    offences: list[tuple[date, str]] = field(default_factory=list)
    window_counts: dict[str, Counter[str | None]] | None = field(default=None, repr=False)

    @cached_property
    def age(self) -> int:
        """Completed years at submission."""
        return age_on(self.birth_date, self.submitted)

    @cached_property
    def group(self) -> str:
        """``toegelaten``, or ``vergelijkingsgroep`` for a declined or withdrawn nomination."""
        return ADMITTED_GROUP if self.outcome == NominationOutcome.ADMITTED else COMPARISON_GROUP


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


def nominations_in(period_from: date, period_to: date) -> QuerySet[Nomination]:
    """Nominations submitted between the two days (inclusive, local time), any status."""
    return Nomination.objects.filter(
        submitted_at__gte=start_of_day(period_from),
        submitted_at__lt=start_of_day(period_to + timedelta(days=1)),
    )


def pending_count(period_from: date, period_to: date) -> int:
    """Nominations of the period without an outcome yet (not in the export)."""
    return nominations_in(period_from, period_to).filter(status__in=PENDING_STATUSES).count()


def _stream(queryset: QuerySet[Any], *fields: str) -> Iterator[dict[str, Any]]:
    return queryset.values(*fields).iterator(chunk_size=5000)


def load_episodes(
    period_from: date, period_to: date, *, progress: Progress[Any] = no_progress
) -> list[Episode]:
    """Every nomination submitted in the period with a final outcome, oldest first."""
    nominations = nominations_in(period_from, period_to).filter(status__in=FINAL_STATUSES)
    episodes: dict[int, Episode] = {}
    rows = _stream(
        nominations.order_by("submitted_at", "pk"),
        "pk",
        "person_id",
        "person__date_of_birth",
        "person__gender",
        "person__municipality",
        "nominating_organisation__type",
        "proposed_target_group",
        "status",
        "outcome",
        "submitted_at",
        "decided_at",
        "withdrawn_at",
    )
    for row in progress(rows, "Voordrachten"):
        withdrawn = row["status"] == NominationStatus.WITHDRAWN
        ended = row["withdrawn_at"] if withdrawn else row["decided_at"]
        submitted = _day(row["submitted_at"])
        episodes[row["pk"]] = Episode(
            nomination_id=row["pk"],
            person_id=row["person_id"],
            birth_date=row["person__date_of_birth"],
            gender=row["person__gender"],
            municipality=row["person__municipality"],
            organisation_type=row["nominating_organisation__type"],
            target_group=row["proposed_target_group"],
            submitted=submitted,
            outcome=WITHDRAWN if withdrawn else row["outcome"],
            reference=_day(ended) if ended else submitted,
        )
    if not episodes:
        return []
    persons = nominations.values("person_id")

    # Which nomination of the person this is (1 = first ever submitted, also outside the period).
    seen: dict[int, int] = defaultdict(int)
    earlier = Nomination.objects.filter(submitted_at__isnull=False, person__in=persons)
    for row in _stream(earlier.order_by("submitted_at", "pk"), "pk", "person_id"):
        seen[row["person_id"]] += 1
        if row["pk"] in episodes:
            episodes[row["pk"]].sequence = seen[row["person_id"]]

    scores = AssessmentScore.objects.filter(assessment__nomination__in=nominations)
    for row in _stream(scores, "assessment__nomination_id", "domain", "score"):
        episodes[row["assessment__nomination_id"]].intake_scores[row["domain"]] = row["score"]

    cases = Case.objects.filter(nomination__in=nominations)
    case_episode: dict[int, Episode] = {}
    for row in _stream(
        cases.order_by("start_date", "pk"), "pk", "nomination_id", "start_date", "target_group"
    ):
        episode = episodes[row["nomination_id"]]
        if episode.admitted is None:
            episode.admitted = row["start_date"]
            episode.target_group = row["target_group"]
            case_episode[row["pk"]] = episode

    # A corrected review is replaced by the review that corrects it: count only the latest word.
    reviews = Review.objects.filter(case__in=cases, corrected_by__isnull=True)
    review_records: dict[int, ReviewRecord] = {}
    ordered = reviews.order_by("held_on", "recorded_at", "pk")
    for row in _stream(ordered, "pk", "case_id", "held_on", "kind", "decision"):
        if row["case_id"] not in case_episode:
            continue
        record = ReviewRecord(held_on=row["held_on"], kind=row["kind"], decision=row["decision"])
        review_records[row["pk"]] = record
        case_episode[row["case_id"]].reviews.append(record)
    review_scores = ReviewScore.objects.filter(review__in=reviews)
    for row in _stream(review_scores, "review_id", "domain", "score"):
        if row["review_id"] in review_records:
            review_records[row["review_id"]].scores[row["domain"]] = row["score"]

    outflows = Outflow.objects.filter(case__in=cases, status=OutflowStatus.CONFIRMED)
    for row in _stream(outflows, "case_id", "outflow_date", "reason"):
        if row["case_id"] in case_episode:
            episode = case_episode[row["case_id"]]
            episode.outflow = row["outflow_date"]
            episode.outflow_reason = row["reason"]

    by_person: dict[int, list[Episode]] = defaultdict(list)
    for episode in episodes.values():
        by_person[episode.person_id].append(episode)
    facts = JusticeFact.objects.filter(kind=FactKind.OFFENCE, person__in=persons)
    for row in progress(_stream(facts, "person_id", "date", "category"), "Delicten"):
        for episode in by_person[row["person_id"]]:
            episode.offences.append((row["date"], row["category"]))
    return list(episodes.values())
