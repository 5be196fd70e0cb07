"""Reading criteria sets. Criteria sets hold no personal data: every logged-in user may read
them (DESIGN.md §7: "the adopted criteria are published on a page anyone with an account can
read"), so these selectors need no access scope."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from regie.criteria.models import CriteriaSet, CriteriaStatus

NOT_ADOPTED = (CriteriaStatus.CONCEPT, CriteriaStatus.PROPOSED, CriteriaStatus.ADVICE_RECEIVED)


def criteria_sets() -> QuerySet[CriteriaSet]:
    """Every set, per target group with the newest version first."""
    return CriteriaSet.objects.order_by("target_group", "-version")


def criteria_set_in_force(target_group: str, on_date: date) -> CriteriaSet | None:
    """The adopted set for ``target_group`` whose effective period (both ends inclusive)
    contains ``on_date``; the highest version if periods overlap; ``None`` if there is none."""
    return (
        CriteriaSet.objects.filter(
            target_group=target_group,
            status=CriteriaStatus.ADOPTED,
            effective_from__lte=on_date,
        )
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on_date))
        .order_by("-version")
        .first()
    )


def criteria_set_latest_concept(target_group: str) -> CriteriaSet | None:
    """The newest set for ``target_group`` that is not (yet) adopted: concept, voorgelegd or
    advies ontvangen. Evaluations against it are labelled as concept everywhere."""
    return (
        CriteriaSet.objects.filter(target_group=target_group, status__in=NOT_ADOPTED)
        .order_by("-version")
        .first()
    )


def criteria_set_for_evaluation(target_group: str, on_date: date) -> CriteriaSet | None:
    """The set in force at ``on_date``, or else the latest concept set (check ``.adopted``)."""
    return criteria_set_in_force(target_group, on_date) or criteria_set_latest_concept(target_group)
