"""Blocking a scenario by a shortage and switching to an alternative (DESIGN.md §5).

Both transitions stay queryable for the monitor: on the ``Scenario`` rows (shortage, date,
expected waiting time, the alternative that took over) and as events whose payload carries the
goal's life domain, the shortage type, the waiting time in days and the scenario ids.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.cases.models import Case, Scenario, ScenarioStatus, ShortageType
from regie.cases.services.base import plan_bump, record, require_open, require_regisseur
from regie.events.models import EventType


def scenario_block(
    *,
    actor: User,
    case: Case,
    scenario: Scenario,
    shortage_type: str,
    shortage_other: str = "",
    blocked_on: date,
    expected_wait_days: int,
    alternative: Scenario | None,
    seen_version: int,
) -> Scenario:
    """Record that a scenario is blocked by a shortage and, when ``alternative`` is given,
    activate that explored alternative in the same step. Writes ``scenario_blocked`` and, with
    an alternative, ``scenario_activated``.

    Raises ``ValidationError`` for a scenario that is not active or explored, "anders" without
    a description, an alternative of another goal or one that is not explored, or a stale plan.
    """
    require_regisseur(actor, case)
    require_open(case)
    if scenario.status not in (ScenarioStatus.ACTIVE, ScenarioStatus.EXPLORED):
        raise ValidationError(_("Alleen een actief of verkend scenario kan vastlopen."))
    if shortage_type == ShortageType.OTHER and not shortage_other.strip():
        raise ValidationError({"shortage_other": _("Beschrijf het tekort bij 'anders'.")})
    if alternative is not None and (
        alternative.goal_id != scenario.goal_id
        or alternative.pk == scenario.pk
        or alternative.status != ScenarioStatus.EXPLORED
    ):
        raise ValidationError(
            {"alternative": _("Kies een verkend alternatief van hetzelfde doel.")}
        )
    goal = scenario.goal
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        scenario.status = ScenarioStatus.BLOCKED
        scenario.shortage_type = shortage_type
        scenario.shortage_other = (
            shortage_other.strip() if shortage_type == ShortageType.OTHER else ""
        )
        scenario.blocked_on = blocked_on
        scenario.expected_wait_days = expected_wait_days
        scenario.activated_alternative = alternative
        scenario.full_clean()
        scenario.save()
        record(
            actor=actor,
            case=case,
            event=EventType.SCENARIO_BLOCKED,
            payload={
                "scenario_id": scenario.pk,
                "scenario_kind": scenario.kind,
                "goal_id": goal.pk,
                "goal_domain": goal.domain,
                "shortage_type": shortage_type,
                "waiting_days": expected_wait_days,
                "blocked_on": blocked_on.isoformat(),
                "alternative_id": alternative.pk if alternative else None,
                "version": version,
            },
            audit=AuditAction.CHANGE,
            object_type="scenario",
            object_id=scenario.pk,
            detail={"status": ScenarioStatus.BLOCKED.value, "version": version},
        )
        if alternative is not None:
            _activate(
                actor=actor, case=case, scenario=alternative, replaces=scenario, version=version
            )
    return scenario


def scenario_activate(
    *, actor: User, case: Case, scenario: Scenario, seen_version: int
) -> Scenario:
    """Activate an explored alternative when the goal has no active scenario (for instance after
    a block recorded without choosing one). It is linked to the latest blocked scenario of the
    goal that has no alternative yet. Writes ``scenario_activated``."""
    require_regisseur(actor, case)
    require_open(case)
    if scenario.status != ScenarioStatus.EXPLORED:
        raise ValidationError(_("Alleen een verkend scenario kan worden ingezet."))
    siblings = Scenario.objects.filter(goal_id=scenario.goal_id).exclude(pk=scenario.pk)
    if siblings.filter(status=ScenarioStatus.ACTIVE).exists():
        raise ValidationError(
            _("Dit doel heeft al een actief scenario. Leg eerst vast waardoor dat vastloopt.")
        )
    replaces = (
        siblings.filter(status=ScenarioStatus.BLOCKED, activated_alternative__isnull=True)
        .order_by("-blocked_on", "-pk")
        .first()
    )
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        if replaces is not None:
            replaces.activated_alternative = scenario
            replaces.save(update_fields=["activated_alternative"])
        _activate(actor=actor, case=case, scenario=scenario, replaces=replaces, version=version)
    return scenario


def _activate(
    *, actor: User, case: Case, scenario: Scenario, replaces: Scenario | None, version: int
) -> None:
    scenario.status = ScenarioStatus.ACTIVE
    scenario.activated_on = timezone.localdate()
    scenario.full_clean()
    scenario.save()
    record(
        actor=actor,
        case=case,
        event=EventType.SCENARIO_ACTIVATED,
        payload={
            "scenario_id": scenario.pk,
            "goal_id": scenario.goal_id,
            "goal_domain": scenario.goal.domain,
            "replaces_scenario_id": replaces.pk if replaces else None,
            "shortage_type": replaces.shortage_type if replaces else None,
            "version": version,
        },
        audit=AuditAction.CHANGE,
        object_type="scenario",
        object_id=scenario.pk,
        detail={"status": ScenarioStatus.ACTIVE.value, "version": version},
    )
