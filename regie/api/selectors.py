"""Reads for the API, always through the access policy."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import User
from regie.api.models import ApiClient
from regie.cases.models import Action as CaseAction
from regie.cases.models import Case
from regie.core.domain import TargetGroup
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.selectors import criteria_set_in_force, criteria_set_latest_concept
from regie.nominations.models import Nomination


def nominations_for(user: User, action: Action = Action.VIEW) -> QuerySet[Nomination]:
    """The nominations ``user`` may ``action``, ready for serialising (no N+1), newest first."""
    return (
        scope(user, action, Nomination)
        .select_related("person")
        .prefetch_related("concerns")
        .order_by("-created_at", "-pk")
    )


def api_clients() -> QuerySet[ApiClient]:
    """Every client with its organisation and tokens, for functional administration."""
    return ApiClient.objects.select_related("organisation").prefetch_related("tokens")


def criteria_published(on_date: date) -> tuple[QuerySet[CriteriaSet], set[int]]:
    """The criteria sets that govern admission on ``on_date``, per target group the newest
    version first, and the ids of those in force. Every adopted set is listed; for a target
    group without an adopted set in force, also the set triage evaluates against instead (the
    newest concept; see ``criteria_set_for_evaluation``). Criteria hold no personal data, so no
    access scope applies."""
    in_force: set[int] = set()
    fallback: set[int] = set()
    for group in TargetGroup.values:
        current = criteria_set_in_force(group, on_date)
        if current is not None:
            in_force.add(current.pk)
        elif (concept := criteria_set_latest_concept(group)) is not None:
            fallback.add(concept.pk)
    sets = CriteriaSet.objects.filter(Q(status=CriteriaStatus.ADOPTED) | Q(pk__in=fallback))
    return sets.order_by("target_group", "-version"), in_force


def actions_assigned(user: User, action: Action = Action.VIEW) -> QuerySet[CaseAction]:
    """The actions assigned to ``user``'s organisation in the cases the policy lets ``user``
    ``action`` (participation in the case), earliest due date first, with their case and person
    loaded."""
    cases = scope(user, action, Case).values("pk")
    return (
        CaseAction.objects.filter(
            responsible_organisation_id=user.organisation_id, goal__plan_id__in=cases
        )
        .select_related("goal__plan__case__person")
        .order_by("due_date", "pk")
    )
