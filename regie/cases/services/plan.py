"""Changing the plan van aanpak: goals, actions and scenarios.

Every change carries ``seen_version``, the plan version the user was looking at; a stale one is
refused with a clear message and nothing is written (``plan_bump``). Only the case's regisseur
changes the plan; partners update the actions of their own organisation.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.cases.models import (
    Action,
    ActionStatus,
    Case,
    Goal,
    GoalStatus,
    Scenario,
    ScenarioKind,
    ScenarioStatus,
)
from regie.cases.services.base import (
    plan_bump,
    record,
    require_contributor,
    require_open,
    require_regisseur,
)
from regie.events.models import EventType


def _plan_changed(
    *,
    actor: User,
    case: Case,
    version: int,
    change: str,
    object_type: str,
    object_id: int,
    **ids: int | str | None,
) -> None:
    record(
        actor=actor,
        case=case,
        event=EventType.PLAN_CHANGED,
        payload={"change": change, "version": version, **ids},
        audit=AuditAction.CREATE if change.endswith("_added") else AuditAction.CHANGE,
        object_type=object_type,
        object_id=object_id,
        detail={"change": change, "version": version},
    )


def goal_add(
    *,
    actor: User,
    case: Case,
    domain: str,
    description: str,
    indicator: str,
    target_date: date,
    primary_scenario: str,
    alternative_scenarios: list[str],
    seen_version: int,
) -> Goal:
    """Add a goal on one life domain with its primary scenario (active at once) and the
    alternatives explored up front. Writes ``plan_changed`` (``goal_added``)."""
    require_regisseur(actor, case)
    require_open(case)
    alternatives = [text.strip() for text in alternative_scenarios if text.strip()]
    if not alternatives:
        raise ValidationError(
            {"alternative_scenario": _("Leg vooraf minstens één alternatief scenario vast.")}
        )
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        goal = Goal(
            plan_id=case.pk,
            domain=domain,
            description=description,
            indicator=indicator,
            target_date=target_date,
        )
        goal.full_clean()
        goal.save()
        scenarios = [
            Scenario(
                goal=goal,
                kind=ScenarioKind.PRIMARY,
                description=primary_scenario,
                status=ScenarioStatus.ACTIVE,
            )
        ]
        scenarios += [
            Scenario(goal=goal, kind=ScenarioKind.ALTERNATIVE, description=text)
            for text in alternatives
        ]
        for scenario in scenarios:
            scenario.full_clean()
            scenario.save()
        _plan_changed(
            actor=actor,
            case=case,
            version=version,
            change="goal_added",
            object_type="goal",
            object_id=goal.pk,
            goal_id=goal.pk,
            goal_domain=domain,
            scenarios=len(scenarios),
        )
    return goal


def goal_set_status(
    *,
    actor: User,
    goal: Goal,
    case: Case,
    status: str,
    reason: str,
    seen_version: int,
    target_date: date | None = None,
    indicator: str = "",
) -> Goal:
    """Close a goal (reached or dropped, writes ``goal_closed``) or adjust it (new indicator or
    target date, writes ``plan_changed``/``goal_adjusted``). A reason is always required."""
    require_regisseur(actor, case)
    require_open(case)
    if status == GoalStatus.OPEN:
        raise ValidationError({"status": _("Kies bereikt, bijgesteld of vervallen.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden.")})
    if not goal.is_current:
        raise ValidationError(_("Dit doel is al afgesloten."))
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        goal.status = status
        goal.status_reason = reason.strip()
        goal.status_changed_at = timezone.now()
        if status == GoalStatus.ADJUSTED:
            goal.target_date = target_date or goal.target_date
            goal.indicator = indicator.strip() or goal.indicator
        goal.full_clean()
        goal.save()
        if status == GoalStatus.ADJUSTED:
            _plan_changed(
                actor=actor,
                case=case,
                version=version,
                change="goal_adjusted",
                object_type="goal",
                object_id=goal.pk,
                goal_id=goal.pk,
                goal_domain=goal.domain,
            )
        else:
            goal.scenarios.filter(
                status__in=[ScenarioStatus.ACTIVE, ScenarioStatus.EXPLORED]
            ).update(status=ScenarioStatus.DROPPED)
            record(
                actor=actor,
                case=case,
                event=EventType.GOAL_CLOSED,
                payload={
                    "goal_id": goal.pk,
                    "goal_domain": goal.domain,
                    "status": status,
                    "version": version,
                },
                audit=AuditAction.CHANGE,
                object_type="goal",
                object_id=goal.pk,
                detail={"status": status, "version": version},
            )
    return goal


def action_add(
    *,
    actor: User,
    case: Case,
    goal: Goal,
    description: str,
    responsible_organisation: Organisation,
    owner: User | None,
    due_date: date,
    seen_version: int,
) -> Action:
    """Add an action to a goal, carried out by a participating organisation. Writes
    ``plan_changed`` (``action_added``)."""
    require_regisseur(actor, case)
    require_open(case)
    _check_action_parties(case, responsible_organisation, owner)
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        action = Action(
            goal=goal,
            description=description,
            responsible_organisation=responsible_organisation,
            owner=owner,
            due_date=due_date,
        )
        action.full_clean()
        action.save()
        _plan_changed(
            actor=actor,
            case=case,
            version=version,
            change="action_added",
            object_type="action",
            object_id=action.pk,
            action_id=action.pk,
            goal_id=goal.pk,
            organisation_id=responsible_organisation.pk,
        )
    return action


def _check_action_parties(case: Case, organisation: Organisation, owner: User | None) -> None:
    active = case.participants.filter(removed_at__isnull=True)
    if not active.filter(organisation=organisation).exists():
        raise ValidationError(
            {"responsible_organisation": _("Deze organisatie neemt niet deel aan de casus.")}
        )
    if owner is not None and owner.organisation_id != organisation.pk:
        raise ValidationError(
            {"owner": _("De uitvoerder werkt niet bij de verantwoordelijke organisatie.")}
        )


def action_update(
    *,
    actor: User,
    case: Case,
    action: Action,
    status: str,
    note: str,
    seen_version: int,
    description: str | None = None,
    due_date: date | None = None,
    owner: User | None = None,
) -> Action:
    """Update an action's status and note — the regisseur, or a participant of the responsible
    organisation (their own work). Only the regisseur also changes what, when and who.
    Writes ``action_updated``."""
    require_contributor(actor, case)
    require_open(case)
    is_regisseur = case.regisseur_id == actor.pk
    if not is_regisseur and actor.organisation_id != action.responsible_organisation_id:
        raise PermissionDenied
    changes_content = any(v is not None for v in (description, due_date, owner))
    if changes_content and not is_regisseur:
        raise PermissionDenied
    if owner is not None:
        _check_action_parties(case, action.responsible_organisation, owner)
    previous = action.status
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        action.status = status
        action.note = note.strip()
        action.completed_at = timezone.now() if status == ActionStatus.DONE else None
        if description is not None:
            action.description = description
        if due_date is not None:
            action.due_date = due_date
        if owner is not None:
            action.owner = owner
        action.full_clean()
        action.save()
        record(
            actor=actor,
            case=case,
            event=EventType.ACTION_UPDATED,
            payload={
                "action_id": action.pk,
                "goal_id": action.goal_id,
                "organisation_id": action.responsible_organisation_id,
                "previous_status": previous,
                "status": status,
                "version": version,
            },
            audit=AuditAction.CHANGE,
            object_type="action",
            object_id=action.pk,
            detail={"status": status, "version": version},
        )
    return action


def scenario_add(
    *, actor: User, case: Case, goal: Goal, description: str, seen_version: int
) -> Scenario:
    """Explore one more alternative for a goal. Writes ``plan_changed`` (``scenario_added``)."""
    require_regisseur(actor, case)
    require_open(case)
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        scenario = Scenario(goal=goal, kind=ScenarioKind.ALTERNATIVE, description=description)
        scenario.full_clean()
        scenario.save()
        _plan_changed(
            actor=actor,
            case=case,
            version=version,
            change="scenario_added",
            object_type="scenario",
            object_id=scenario.pk,
            scenario_id=scenario.pk,
            goal_id=goal.pk,
        )
    return scenario
