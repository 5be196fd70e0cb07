"""Every read of case data, scoped by the access policy.

Views fetch the case with ``case_get`` (fetch and authorise in one call, 404 otherwise) and read
everything inside it through the functions below, so no child object is ever loaded by raw id
outside an authorised case. The journal's visibility rules live in exactly one place:
``journal_visible_q``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as SqlCase
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils import timezone

from regie.access.policy import access, scope
from regie.access.rules import Action as Act
from regie.accounts.models import Organisation, RoleAssignment, User
from regie.cases.models import (
    OPEN_STATUSES,
    PENDING_ACTION_STATUSES,
    Action,
    Agreement,
    Case,
    CaseConference,
    FamilyContact,
    Goal,
    GoalStatus,
    JournalEntry,
    Participant,
    ParticipantRole,
    Scenario,
    ScenarioStatus,
    Visibility,
)
from regie.events.models import CaseEvent, EventType

# A review counts as "due" on the start page from this many days before its date.
REVIEW_DUE_WITHIN = timedelta(days=14)
CURRENT_GOAL_STATUSES = (GoalStatus.OPEN, GoalStatus.ADJUSTED)


def participating_case_q(user: User) -> Q:
    """Cases in which ``user`` takes part: as a named participant, or because their organisation
    takes part as a whole. Only participations that have not been removed count, so removal
    ends access at once. A ``pk__in`` subquery, so it never repeats a case."""
    mine = Participant.objects.filter(removed_at__isnull=True).filter(
        Q(user_id=user.pk) | Q(user__isnull=True, organisation_id=user.organisation_id)
    )
    return Q(pk__in=mine.values("case_id"))


def case_get(user: User, case_id: int, *, action: Act = Act.VIEW, audit: bool = True) -> Case:
    """Fetch one case the user may ``action`` (with what every case page shows), or raise
    ``Http404``. A successful view is audited unless ``audit`` is false."""
    cases = Case.objects.select_related("person", "regisseur__organisation", "plan")
    return access(user, action, cases, audit=audit, pk=case_id)


def participants(case: Case) -> QuerySet[Participant]:
    """The active participants of a case, the regisseur first."""
    regisseur_first = SqlCase(
        When(role=ParticipantRole.REGISSEUR, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        case.participants.filter(removed_at__isnull=True)
        .select_related("organisation", "user")
        .order_by(regisseur_first, "organisation__name", "pk")
    )


def participating_organisations(case: Case) -> QuerySet[Organisation]:
    """The organisations taking part in a case (for choosing who carries out an action)."""
    ids = case.participants.filter(removed_at__isnull=True).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def participating_users(case: Case) -> QuerySet[User]:
    """The named users taking part in a case."""
    ids = case.participants.filter(removed_at__isnull=True, user__isnull=False).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).select_related("organisation")


def plan_goals(case: Case) -> QuerySet[Goal]:
    """The plan's goals with their actions and scenarios: three queries whatever the size."""
    actions = Action.objects.select_related("responsible_organisation", "owner").order_by(
        "due_date", "pk"
    )
    return (
        Goal.objects.filter(plan_id=case.pk)
        .prefetch_related(
            Prefetch("actions", queryset=actions),
            Prefetch(
                "scenarios", queryset=Scenario.objects.select_related("activated_alternative")
            ),
        )
        .order_by("created_at", "pk")
    )


def plan_goal(case: Case, goal_id: int) -> Goal | None:
    return Goal.objects.filter(plan_id=case.pk, pk=goal_id).first()


def plan_action(case: Case, action_id: int) -> Action | None:
    return (
        Action.objects.select_related("goal", "responsible_organisation", "owner")
        .filter(goal__plan_id=case.pk, pk=action_id)
        .first()
    )


def plan_scenario(case: Case, scenario_id: int) -> Scenario | None:
    return (
        Scenario.objects.select_related("goal")
        .filter(goal__plan_id=case.pk, pk=scenario_id)
        .first()
    )


def journal_visible_q(user: User) -> Q:
    """The journal entries ``user`` may read, over all cases — the one statement of journal
    visibility, used by pages, fragments and any export:

    - the case must be one the user may view (participation, teamlead, or break-glass);
    - ``alle_deelnemers``: everyone who may view the case;
    - ``alleen_regisseur``: the case's current regisseur, and the author of the entry;
    - ``eigen_organisatie``: users of the author's organisation.
    """
    viewable = scope(user, Act.VIEW, Case).values("pk")
    by_visibility = (
        Q(visibility=Visibility.ALL_PARTICIPANTS)
        | Q(visibility=Visibility.REGISSEUR_ONLY, case__regisseur_id=user.pk)
        | Q(visibility=Visibility.REGISSEUR_ONLY, author_id=user.pk)
        | Q(visibility=Visibility.OWN_ORGANISATION, organisation_id=user.organisation_id)
    )
    return Q(case_id__in=viewable) & by_visibility


def journal_entries(user: User, case: Case) -> QuerySet[JournalEntry]:
    """The journal of one case as ``user`` may read it, newest first."""
    return (
        JournalEntry.objects.filter(case_id=case.pk)
        .filter(journal_visible_q(user))
        .select_related("author", "organisation")
        .order_by("-created_at", "-pk")
    )


def conferences(case: Case) -> QuerySet[CaseConference]:
    """The case conferences as their list shows them — date, organisations, the number of
    agreements (``agreement_count``): two queries in all."""
    return case.conferences.prefetch_related("organisations").annotate(
        agreement_count=Count("agreements")
    )


def conference_get(case: Case, conference_id: int) -> CaseConference | None:
    """One conference with who took part and its agreements: five queries in all."""
    agreements = Agreement.objects.select_related("responsible_organisation", "action")
    return (
        case.conferences.select_related("recorded_by")
        .prefetch_related("organisations", "attendees", Prefetch("agreements", queryset=agreements))
        .filter(pk=conference_id)
        .first()
    )


def family_contacts(user: User, case: Case) -> QuerySet[FamilyContact]:
    """Support offered to family members: the case's regisseur only, for everyone else none."""
    if case.regisseur_id != user.pk:
        return FamilyContact.objects.none()
    return case.family_contacts.all()


# --- Start page and teamlead overview ------------------------------------------------------


def _count(queryset: QuerySet[Any], outer: str) -> Coalesce:
    """A correlated ``COUNT(*)`` of ``queryset`` per outer row, 0 when there are none."""
    counted = queryset.filter(**{outer: OuterRef("pk")}).order_by().values(outer)
    counted = counted.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _flag(condition: Q | Combinable) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def letters_tracked() -> bool:
    """Letters to the regiepersoon exist once the triage app is installed (it sends them)."""
    return apps.is_installed("regie.triage")


def _overdue_actions(organisation_id: int | None) -> QuerySet[Action]:
    overdue = Action.objects.filter(
        status__in=PENDING_ACTION_STATUSES, due_date__lt=timezone.localdate()
    )
    if organisation_id is not None:
        overdue = overdue.filter(responsible_organisation_id=organisation_id)
    return overdue


def _blocked_scenarios() -> QuerySet[Scenario]:
    return Scenario.objects.filter(
        status=ScenarioStatus.BLOCKED, goal__status__in=CURRENT_GOAL_STATUSES
    )


def _review_due_q() -> Q:
    return Q(next_review_date__lte=timezone.localdate() + REVIEW_DUE_WITHIN)


def with_attention(cases: QuerySet[Case], *, organisation_id: int | None = None) -> QuerySet[Case]:
    """Annotate each case with what needs attention, in the same single query:

    - ``overdue_actions``: pending actions past their due date (of ``organisation_id`` only,
      when given — a partner's own work);
    - ``blocked_scenarios``: blocked scenarios of goals still being worked on;
    - ``review_due``: the next review is within ``REVIEW_DUE_WITHIN`` (or overdue);
    - ``letter_pending``: admitted, but no ``letter_sent`` event yet for the case or its
      nomination (only when letters are tracked at all).
    """
    annotated = cases.annotate(
        overdue_actions=_count(_overdue_actions(organisation_id), "case_id"),
        blocked_scenarios=_count(_blocked_scenarios(), "goal__plan_id"),
        review_due=_flag(_review_due_q()),
    )
    if letters_tracked():
        # Two lookups rather than one with OR: each uses its own index (case_id,
        # nomination_id), where the OR scanned every letter_sent event per case.
        sent = CaseEvent.objects.filter(type=EventType.LETTER_SENT)
        for_case = sent.filter(case_id=OuterRef("pk"))
        for_nomination = sent.filter(nomination_id=OuterRef("nomination_id"))
        annotated = annotated.annotate(
            letter_pending=_flag(
                Q(nomination_id__isnull=False) & ~Exists(for_case) & ~Exists(for_nomination)
            )
        )
    else:
        annotated = annotated.annotate(letter_pending=Value(False, output_field=BooleanField()))
    return annotated.select_related("person", "regisseur")


def attention_totals(
    cases: QuerySet[Case], *, organisation_id: int | None = None
) -> dict[str, int]:
    """What needs attention summed over ``cases`` (an unsliced ``with_attention`` queryset),
    in four queries whatever the number of cases."""
    ids = cases.values("pk")
    totals = cases.aggregate(cases=Count("pk"), reviews_due=Count("pk", filter=_review_due_q()))
    totals["overdue_actions"] = _overdue_actions(organisation_id).filter(case_id__in=ids).count()
    totals["blocked_scenarios"] = _blocked_scenarios().filter(goal__plan_id__in=ids).count()
    totals["letters_pending"] = (
        cases.filter(Q(letter_pending=True)).count() if letters_tracked() else 0
    )
    return totals


def my_cases_organisation(user: User) -> int | None:
    """Whose overdue actions count on "Mijn casussen": all for a regisseur, else the user's
    own organisation's."""
    return None if user.has_role("regisseur") else user.organisation_id


def my_cases(user: User) -> QuerySet[Case]:
    """The regisseur's start page: the open cases they direct; for a partner, the open cases they
    take part in (overdue counted for their own organisation's actions)."""
    open_cases = scope(user, Act.VIEW, Case).filter(status__in=OPEN_STATUSES)
    if user.has_role("regisseur"):
        open_cases = open_cases.filter(regisseur_id=user.pk)
    else:
        open_cases = open_cases.filter(participating_case_q(user))
    return with_attention(open_cases, organisation_id=my_cases_organisation(user)).order_by(
        "next_review_date", "pk"
    )


def page_of(cases: QuerySet[Case], ids: list[int]) -> list[Case]:
    """The rows of one page of an annotated case list, in the list's order. Paginate over the
    ids (``cases.values_list("pk", flat=True)``) first: the attention subqueries then run for the
    page's rows only, not for every open case before the sort."""
    rows = {case.pk: case for case in cases.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def active_cases(user: User, *, regisseur_id: int | None = None) -> QuerySet[Case]:
    """The teamlead's overview: every open case they may see, optionally of one regisseur."""
    cases = scope(user, Act.REASSIGN, Case).filter(status__in=OPEN_STATUSES)
    if regisseur_id is not None:
        cases = cases.filter(regisseur_id=regisseur_id)
    return with_attention(cases).order_by("next_review_date", "pk")


@dataclass
class CaseloadRow:
    """One regisseur's line in the teamlead's caseload table."""

    regisseur_id: int
    name: str
    cases: int = 0
    reviews_due: int = 0
    overdue_actions: int = 0


def caseload(user: User) -> list[CaseloadRow]:
    """Open cases and reviews due per regisseur (one GROUP BY, one query for the regisseurs),
    including regisseurs without cases, sorted by caseload. The overdue actions are left to
    ``caseload_overdue``, for the rows actually shown: counting them walks every open case.
    The regisseurs are read as plain values (at national scale 375 of them, for a name and the
    sort): building a model instance for each cost more than both queries."""
    cases = scope(user, Act.REASSIGN, Case).filter(status__in=OPEN_STATUSES)
    per_regisseur = {
        regisseur_id: (n, due)
        for regisseur_id, n, due in cases.order_by()
        .values("regisseur_id")
        .annotate(cases=Count("pk"), reviews_due=Count("pk", filter=_review_due_q()))
        .values_list("regisseur_id", "cases", "reviews_due")
    }
    regisseurs = (
        User.objects.filter(
            Q(pk__in=_regisseur_ids(), is_active=True) | Q(pk__in=list(per_regisseur))
        )
        .order_by()
        .values_list("pk", "username", "first_name", "last_name")
    )
    rows = [
        CaseloadRow(
            pk,
            f"{first_name} {last_name}".strip() or username,
            *per_regisseur.get(pk, (0, 0)),
        )
        for pk, username, first_name, last_name in regisseurs
    ]
    rows.sort(key=lambda row: (-row.cases, row.name))
    return rows


def caseload_overdue(user: User, rows: Sequence[CaseloadRow]) -> None:
    """Fill in the overdue actions of the open cases of the regisseurs in ``rows`` (one
    query, limited to those regisseurs)."""
    ids = [row.regisseur_id for row in rows]
    cases = scope(user, Act.REASSIGN, Case).filter(status__in=OPEN_STATUSES, regisseur_id__in=ids)
    overdue = dict(
        _overdue_actions(None)
        .filter(case_id__in=cases.values("pk"))
        .order_by()
        .values("case__regisseur_id")
        .annotate(n=Count("pk"))
        .values_list("case__regisseur_id", "n")
    )
    for row in rows:
        row.overdue_actions = overdue.get(row.regisseur_id, 0)


def _regisseur_ids() -> QuerySet[Any]:
    return RoleAssignment.objects.filter(role="regisseur").values("user_id")


def assignable_regisseurs() -> QuerySet[User]:
    """Active users with the regisseur role, for reassigning a case."""
    return (
        User.objects.filter(is_active=True, pk__in=_regisseur_ids())
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
    )
