"""Reads for triage, always scoped by the access policy.

Triage sees a nomination when the policy lets the user *assess* it (triagist) or *decide* on it
(voorzitter). That is what keeps a partner out even of their own organisation's nominations here:
a partner may view a nomination but never assess or decide, so every triage page answers "not
found" to them. Drafts (concept) are the partner's own and never reach triage.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from regie.access.policy import NOTHING, access, scope_q
from regie.access.rules import Action
from regie.accounts.models import User
from regie.nominations.models import Nomination, NominationStatus, Urgency
from regie.triage.models import (
    Assessment,
    DecisionStatus,
    Letter,
    LetterStatus,
    TriageDecision,
)

OPEN_STATUSES = (NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)
# Days after admission within which the letter must be sent (unless postponed with a ground).
LETTER_DUE_DAYS: int = getattr(settings, "REGIE_LETTER_DUE_DAYS", 14)

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "12-17": (12, 17),
    "18-22": (18, 22),
    "23-29": (23, 29),
    "30+": (30, None),
}
WAITING_BANDS: dict[str, tuple[int, int | None]] = {
    "0-7": (0, 7),
    "8-28": (8, 28),
    "29+": (29, None),
}


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day`` (a birthday counts from the day itself)."""
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def triage_nominations(user: User | AnonymousUser) -> QuerySet[Nomination]:
    """Nominations this user may assess or decide on; never drafts."""
    conditions = [
        q
        for q in (
            scope_q(user, Action.ASSESS, Nomination),
            scope_q(user, Action.DECIDE, Nomination),
        )
        if q != NOTHING
    ]
    if not conditions:
        return Nomination.objects.none()
    # An empty Q() means "every nomination"; OR-ing it would silently drop it, so test first.
    q = Q() if any(not c for c in conditions) else reduce(operator.or_, conditions)
    return Nomination.objects.filter(q).exclude(status=NominationStatus.CONCEPT)


def nomination_for_triage(user: User | AnonymousUser, pk: int) -> Nomination:
    """Fetch one nomination for the triage file, or ``Http404`` (audited either way)."""
    qs = triage_nominations(user).select_related(
        "person", "nominating_organisation", "nominated_by"
    )
    return access(user, Action.VIEW, qs, pk=pk)


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    target_group: str = ""
    age_band: str = ""
    waiting: str = ""
    urgency: str = ""


def triage_queue(
    user: User | AnonymousUser, *, filters: QueueFilters, now: datetime | None = None
) -> QuerySet[Nomination]:
    """The triage queue: most urgent first, then longest waiting. One query per page, whatever
    the number of rows (persons and organisations joined, open proposals as an EXISTS)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = triage_nominations(user)
    if filters.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status != "alle":
        qs = qs.filter(status=filters.status)
    if filters.target_group:
        qs = qs.filter(proposed_target_group=filters.target_group)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    if filters.age_band in AGE_BANDS:
        low, high = AGE_BANDS[filters.age_band]
        qs = qs.filter(person__date_of_birth__lte=_years_before(today, low))
        if high is not None:
            qs = qs.filter(person__date_of_birth__gt=_years_before(today, high + 1))
    if filters.waiting in WAITING_BANDS:
        low, high = WAITING_BANDS[filters.waiting]
        qs = qs.filter(submitted_at__lte=now - timedelta(days=low))
        if high is not None:
            qs = qs.filter(submitted_at__gt=now - timedelta(days=high + 1))
    return (
        qs.select_related("person", "nominating_organisation")
        .annotate(
            urgency_rank=Case(
                When(urgency=Urgency.ACUTE, then=Value(0)),
                When(urgency=Urgency.HIGH, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            awaiting_confirmation=Exists(
                TriageDecision.objects.filter(
                    nomination=OuterRef("pk"), status=DecisionStatus.PROPOSED
                )
            ),
        )
        .order_by("urgency_rank", F("submitted_at").asc(nulls_last=True), "pk")
    )


def decisions_awaiting_confirmation(user: User | AnonymousUser) -> QuerySet[TriageDecision]:
    """Proposed decisions the user may confirm: for the chair, never their own proposals."""
    nominations = Nomination.objects.filter(scope_q(user, Action.DECIDE, Nomination))
    return (
        TriageDecision.objects.filter(
            status=DecisionStatus.PROPOSED, nomination__in=nominations.values("pk")
        )
        .exclude(proposed_by_id=getattr(user, "pk", None))
        .select_related("nomination__person", "proposed_by")
        .order_by("proposed_at")
    )


def overdue_letters(user: User | AnonymousUser, *, now: datetime | None = None) -> QuerySet[Letter]:
    """Admission letters past their term: a postponement that has ended, or an admission older
    than ``LETTER_DUE_DAYS`` without the letter sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = Q(status=LetterStatus.POSTPONED, postponed_until__lt=today) | Q(
        status=LetterStatus.TO_SEND, created_at__lt=now - timedelta(days=LETTER_DUE_DAYS)
    )
    return (
        # A correlated EXISTS: the few overdue letters are checked one by one, instead of
        # first listing every nomination the user may see (tens of thousands nationally).
        Letter.objects.filter(overdue)
        .filter(Exists(triage_nominations(user).filter(pk=OuterRef("nomination_id"))))
        .defer("pdf")
        .select_related("person")
        .order_by("created_at")
    )


def open_decision(nomination: Nomination) -> TriageDecision | None:
    """The proposed or confirmed decision of a nomination (there is at most one)."""
    return (
        TriageDecision.objects.filter(nomination=nomination)
        .exclude(status=DecisionStatus.RETURNED)
        .select_related("proposed_by", "confirmed_by", "regisseur")
        .first()
    )


def returned_decisions(nomination: Nomination) -> QuerySet[TriageDecision]:
    return (
        TriageDecision.objects.filter(nomination=nomination, status=DecisionStatus.RETURNED)
        .select_related("proposed_by", "returned_by")
        .order_by("-returned_at")
    )


def assessment_of(nomination: Nomination) -> Assessment | None:
    return (
        Assessment.objects.filter(nomination=nomination)
        .prefetch_related("scores")
        .select_related("updated_by")
        .first()
    )


def zrm_scores(assessment: Assessment | None) -> dict[str, int]:
    return {s.domain: s.score for s in assessment.scores.all()} if assessment else {}


def regisseurs() -> QuerySet[User]:
    """Active users with the regisseur role, to assign an admitted case to."""
    return (
        User.objects.filter(role_assignments__role="regisseur", is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
