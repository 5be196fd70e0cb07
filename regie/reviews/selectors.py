"""Every read of reviews, flags, outflows and handovers, scoped by the access policy.

Reviews and flags belong to a case and are read through it (``regie.cases.selectors.case_get``).
Outflows and handovers are resources of their own: a triage chair decides on outflows of cases
they do not take part in, and a receiving organisation sees only the handovers addressed to it.
Every list costs a fixed number of queries whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.db.models.sql.where import WhereNode
from django.http import Http404
from django.utils import timezone

from regie.access.policy import access, scope
from regie.access.rules import Action as Act
from regie.accounts.models import User
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.cases.models import Case, CaseStatus
from regie.cases.selectors import case_get
from regie.reviews.config import handover_chase_before
from regie.reviews.models import (
    GoalProgress,
    Handover,
    HandoverStatus,
    Outflow,
    OutflowStatus,
    Review,
    ReviewFlag,
    TransitionReview,
)

SECTION_SIZE = 50  # rows per list on "Toetsen en uitstroom"
START_PAGE_SECTION_SIZE = 10  # rows per list on the start pages, with a link to all
OPEN_HANDOVER = (HandoverStatus.PLANNED, HandoverStatus.DONE)


def _with_content(reviews: QuerySet[Review]) -> QuerySet[Review]:
    progress = GoalProgress.objects.select_related("goal").order_by("goal__created_at", "pk")
    return reviews.select_related("held_by", "corrects").prefetch_related(
        "scores", Prefetch("progress", queryset=progress)
    )


def case_reviews(case: Case) -> QuerySet[Review]:
    """Every review of the case, corrections included, newest first (three queries)."""
    return _with_content(Review.objects.filter(case=case)).order_by("-held_on", "-pk")


def review_get(user: User, review_id: int) -> Review:
    """One review, through its case: "not found" (audited) unless the user may view the case."""
    review = _with_content(Review.objects.filter(pk=review_id)).select_related("case").first()
    if review is None:
        audit_record(
            action=AuditAction.ACCESS_DENIED,
            actor=user,
            object_type="review",
            object_id=review_id,
            outcome=AuditOutcome.DENIED,
        )
        raise Http404
    review.case = case_get(user, review.case_id, audit=False)
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="review",
        object_id=review.pk,
        person_id=review.case.person_id,
        detail={"case": review.case_id},
    )
    return review


def open_flags(case: Case) -> QuerySet[ReviewFlag]:
    return ReviewFlag.objects.filter(case=case, resolved_at__isnull=True).order_by("detected_at")


def transition_of(case: Case) -> TransitionReview | None:
    return TransitionReview.objects.filter(case=case).select_related("review").first()


def outflows(case: Case) -> QuerySet[Outflow]:
    """The case's outflows (a returned proposal stays as history) with their follow-up."""
    return (
        Outflow.objects.filter(case=case)
        .select_related("proposed_by", "decided_by", "follow_up")
        .order_by("-pk")
    )


def handovers(case: Case) -> QuerySet[Handover]:
    return (
        Handover.objects.filter(case=case)
        .select_related("receiving_organisation", "confirmed_by")
        .order_by("handover_date", "pk")
    )


def outflow_get(user: User, outflow_id: int, *, action: Act = Act.VIEW) -> Outflow:
    """One outflow the user may ``action`` (view or decide), or "not found" (audited)."""
    outflows = Outflow.objects.select_related(
        "case__person", "case__regisseur__organisation", "proposed_by", "decided_by", "review"
    )
    return access(user, action, outflows, pk=outflow_id)


def handover_get(
    user: User, handover_id: int, *, action: Act = Act.VIEW, audit: bool = True
) -> Handover:
    """One handover the user may ``action``; ``Act.CONFIRM`` finds only handovers to the user's
    own organisation. Anything else is "not found" (audited). With ``audit``, reading it is
    audited whatever the action."""
    handovers = Handover.objects.select_related(
        "case__person", "case__regisseur__organisation", "receiving_organisation", "confirmed_by"
    )
    handover = access(user, action, handovers, audit=False, pk=handover_id)
    if audit:
        audit_record(
            action=AuditAction.VIEW,
            actor=user,
            object_type="handover",
            object_id=handover.pk,
            person_id=handover.case.person_id,
            detail={"case": handover.case_id},
        )
    return handover


def handovers_received(user: User) -> QuerySet[Handover]:
    """Handovers to the user's organisation: to confirm first, then planned, then confirmed;
    newest first within each (one query)."""
    to_confirm_first = SqlCase(
        When(status=HandoverStatus.DONE, then=Value(0)),
        When(status=HandoverStatus.PLANNED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        scope(user, Act.CONFIRM, Handover)
        .select_related("case__person", "case__regisseur", "receiving_organisation")
        .order_by(to_confirm_first, "-handover_date", "-pk")
    )


# --- What needs attention: "Mijn casussen", the teamlead's overview, "Toetsen en uitstroom" ---


Within = Q | Exists


def _in_cases(user: User, *, mine: bool, within: Within | None = None) -> Within:
    """The row's case is one of ``_cases`` (or ``within``, when a page computed that once for
    all its lists). The user's own cases are few: their ids, read once, as an IN list. Every
    case the user may see (a teamlead: all) as a correlated EXISTS, so the list starts from its
    own (few) rows by status and checks the case per row, instead of walking every case (at
    national scale 20,000) to probe for rows."""
    if within is not None:
        return within
    if mine:
        return Q(case_id__in=list(_cases(user, mine=True).values_list("pk", flat=True)))
    return Exists(_cases(user, mine=False).filter(pk=OuterRef("case_id")))


def _cases(user: User, *, mine: bool) -> QuerySet[Case]:
    """The cases whose review work the user follows: with ``mine``, those they direct;
    otherwise every case they may view (a teamlead: all)."""
    cases = scope(user, Act.VIEW, Case)
    return cases.filter(regisseur_id=user.pk) if mine else cases


@dataclass(frozen=True)
class Section:
    """The first ``size`` rows of a list and how many there are in all."""

    rows: list[Any]
    total: int

    @classmethod
    def of(cls, queryset: QuerySet[Any], size: int = SECTION_SIZE) -> Section:
        # The order is taken over the bare ids, with the total as a window over all rows in
        # the same query, and only the rows shown are joined to their case, person and
        # regisseur: sorting a thousand open handovers with all their joined columns cost
        # more than the rest of the list. Two queries whatever the number of rows.
        counted = queryset.annotate(section_total=Window(Count("pk")))
        head = list(counted.values_list("pk", "section_total")[:size])
        ids = [pk for pk, _total in head]
        # The rows by their primary keys alone: the ids come from this very query, whose
        # conditions (access, states, dates) were just applied; repeating them let the planner
        # walk the list again instead of fetching ten rows by key. Also asked when there are
        # no rows (pk IS NULL finds nothing), so a page costs the same number of queries with
        # or without work in its lists.
        rows = queryset.all()
        if not rows.query.is_empty():  # an empty list (``none()``) stays without a query
            rows.query.where = WhereNode()
        found = {row.pk: row for row in rows.filter(Q(pk__in=ids) if ids else Q(pk=None))}
        return cls([found[pk] for pk in ids if pk in found], head[0][1] if head else 0)

    @classmethod
    def joined(cls, queryset: QuerySet[Any], size: int = SECTION_SIZE) -> Section:
        """One query: the rows with their joins, the total as a window beside them. For the
        lists of the user's own cases (an IN list of their few dozen cases), whose few rows
        cost nothing to sort with their joined columns: ``of`` would pay a second query."""
        rows = list(queryset.annotate(section_total=Window(Count("pk")))[:size])
        return cls(rows, rows[0].section_total if rows else 0)


def flags_open(user: User, *, mine: bool, within: Within | None = None) -> QuerySet[ReviewFlag]:
    return (
        ReviewFlag.objects.filter(
            _in_cases(user, mine=mine, within=within),
            resolved_at__isnull=True,
            case__status=CaseStatus.ACTIVE,
        )
        .select_related("case__person", "case__regisseur")
        .order_by("detected_at", "pk")
    )


def reviews_overdue(user: User, *, mine: bool) -> QuerySet[Case]:
    return (
        _cases(user, mine=mine)
        .filter(status=CaseStatus.ACTIVE, next_review_date__lt=timezone.localdate())
        .select_related("person", "regisseur")
        .order_by("next_review_date", "pk")
    )


def outflows_to_decide(user: User) -> QuerySet[Outflow]:
    """Proposals a triage chair or teamlead may confirm: never their own."""
    return (
        scope(user, Act.DECIDE, Outflow)
        .filter(status=OutflowStatus.PROPOSED)
        .exclude(proposed_by_id=user.pk)
        .select_related("case__person", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def outflows_awaiting(user: User, *, mine: bool, within: Within | None = None) -> QuerySet[Outflow]:
    """Proposals still waiting for the second person."""
    return (
        Outflow.objects.filter(
            _in_cases(user, mine=mine, within=within), status=OutflowStatus.PROPOSED
        )
        .select_related("case__person", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def handovers_to_chase(
    user: User, *, mine: bool, within: Within | None = None
) -> QuerySet[Handover]:
    """Handovers not confirmed by the receiver REGIE_HANDOVER_CONFIRM_DAYS after their date."""
    due = handover_chase_before(timezone.localdate())
    return (
        Handover.objects.filter(_in_cases(user, mine=mine, within=within), status__in=OPEN_HANDOVER)
        .annotate(since=Coalesce("handed_over_on", "handover_date"))
        .filter(since__lte=due)
        .select_related("case__person", "case__regisseur", "receiving_organisation")
        .order_by("since", "pk")
    )


def follow_ups_due(user: User, *, mine: bool, within: Within | None = None) -> QuerySet[Outflow]:
    """Confirmed outflows whose "nog in beeld?" check is due and not yet recorded."""
    return (
        Outflow.objects.filter(
            _in_cases(user, mine=mine, within=within),
            # The outflow's own flag, not a probe for its FollowUp: read from the index
            # ``outflow_follow_up``, so the outflows followed up in years before are never read.
            status=OutflowStatus.CONFIRMED,
            follow_up_recorded=False,
            follow_up_due__lte=timezone.localdate(),
        )
        .select_related("case__person", "case__regisseur")
        .order_by("follow_up_due", "pk")
    )


def attention(
    user: User, *, mine: bool, overdue: bool = True, size: int = SECTION_SIZE
) -> dict[str, Section]:
    """Everything about reviews, outflow and handover that needs the user's attention (without
    the overdue reviews when the page lists them already), the first ``size`` rows of each.
    Which cases count is worked out once for all the lists."""
    within = _in_cases(user, mine=mine)
    section = Section.joined if mine else Section.of
    sections = {
        "flags": section(flags_open(user, mine=mine, within=within), size),
        "overdue": section(
            reviews_overdue(user, mine=mine) if overdue else Case.objects.none(), size
        ),
        "chase": section(handovers_to_chase(user, mine=mine, within=within), size),
        "follow_ups": section(follow_ups_due(user, mine=mine, within=within), size),
    }
    if user.has_role("triage_chair", "teamlead"):
        sections["to_decide"] = Section.of(outflows_to_decide(user), size)
    else:
        sections["awaiting"] = section(outflows_awaiting(user, mine=mine, within=within), size)
    return sections
