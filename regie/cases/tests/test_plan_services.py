"""The plan: goals, actions and scenarios, each transition with its events, and who may."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.cases.models import (
    Action,
    ActionStatus,
    CaseStatus,
    Goal,
    GoalStatus,
    Scenario,
    ScenarioKind,
    ScenarioStatus,
)
from regie.cases.services import (
    action_add,
    action_update,
    goal_add,
    goal_set_status,
    participant_add,
    scenario_activate,
    scenario_add,
    scenario_block,
)
from regie.cases.tests.helpers import events_since, last_event_id
from regie.core.domain import LifeDomain
from regie.events.models import EventType

pytestmark = pytest.mark.django_db


def _version(case) -> int:
    case.plan.refresh_from_db()
    return case.plan.version


def test_a_goal_comes_with_an_active_primary_and_an_explored_alternative(case, regisseur) -> None:
    after = last_event_id()

    goal = goal_add(
        actor=regisseur,
        case=case,
        domain=LifeDomain.DAYTIME,
        description="Werk of opleiding",
        indicator="Staat ingeschreven bij een mbo-opleiding",
        target_date=date(2026, 9, 1),
        primary_scenario="Entreeopleiding met stagebegeleiding",
        alternative_scenarios=["Werkervaringsplek bij de gemeente", " "],
        seen_version=1,
    )

    scenarios = list(goal.scenarios.values_list("kind", "status"))
    assert scenarios == [
        (ScenarioKind.PRIMARY, ScenarioStatus.ACTIVE),
        (ScenarioKind.ALTERNATIVE, ScenarioStatus.EXPLORED),
    ]
    assert _version(case) == 2
    assert events_since(case, after) == [
        (
            EventType.PLAN_CHANGED,
            {
                "change": "goal_added",
                "version": 2,
                "goal_id": goal.pk,
                "goal_domain": "dagbesteding",
                "scenarios": 2,
            },
        )
    ]


def test_a_goal_needs_an_alternative_explored_up_front(case, regisseur) -> None:
    with pytest.raises(ValidationError, match="minstens één alternatief"):
        goal_add(
            actor=regisseur,
            case=case,
            domain=LifeDomain.DAYTIME,
            description="Werk",
            indicator="Heeft werk",
            target_date=date(2026, 9, 1),
            primary_scenario="Baan",
            alternative_scenarios=[""],
            seen_version=1,
        )
    assert not Goal.objects.exists()
    assert _version(case) == 1


def test_only_the_cases_own_regisseur_changes_the_plan(
    case, reclasseringswerker, make_user, acvz, regisseur
) -> None:
    # Another regisseur taking part in the case may view and contribute, but not change the plan.
    collega = make_user(acvz, "regisseur")
    participant_add(actor=regisseur, case=case, organisation=acvz, user=collega, role="overig")
    for actor in (reclasseringswerker, collega):
        with pytest.raises(PermissionDenied):
            goal_add(
                actor=actor,
                case=case,
                domain=LifeDomain.DAYTIME,
                description="Werk",
                indicator="Heeft werk",
                target_date=date(2026, 9, 1),
                primary_scenario="Baan",
                alternative_scenarios=["Stage"],
                seen_version=1,
            )


def test_reaching_a_goal_needs_a_reason_and_closes_its_scenarios(case, goal, regisseur) -> None:
    with pytest.raises(ValidationError, match="reden"):
        goal_set_status(
            actor=regisseur,
            case=case,
            goal=goal,
            status=GoalStatus.REACHED,
            reason=" ",
            seen_version=_version(case),
        )
    after = last_event_id()

    goal_set_status(
        actor=regisseur,
        case=case,
        goal=goal,
        status=GoalStatus.REACHED,
        reason="Huurcontract getekend",
        seen_version=_version(case),
    )

    goal.refresh_from_db()
    assert (goal.status, goal.status_reason) == (GoalStatus.REACHED, "Huurcontract getekend")
    assert set(goal.scenarios.values_list("status", flat=True)) == {ScenarioStatus.DROPPED}
    assert events_since(case, after) == [
        (
            EventType.GOAL_CLOSED,
            {"goal_id": goal.pk, "goal_domain": "huisvesting", "status": "bereikt", "version": 3},
        )
    ]
    with pytest.raises(ValidationError, match="al afgesloten"):
        goal_set_status(
            actor=regisseur,
            case=case,
            goal=goal,
            status=GoalStatus.DROPPED,
            reason="x",
            seen_version=_version(case),
        )


def test_adjusting_a_goal_keeps_it_running_with_a_new_target(case, goal, regisseur) -> None:
    after = last_event_id()
    goal_set_status(
        actor=regisseur,
        case=case,
        goal=goal,
        status=GoalStatus.ADJUSTED,
        reason="Wachtlijst langer dan verwacht",
        target_date=date(2027, 6, 1),
        seen_version=_version(case),
    )
    goal.refresh_from_db()
    assert (goal.status, goal.target_date, goal.is_current) == (
        GoalStatus.ADJUSTED,
        date(2027, 6, 1),
        True,
    )
    assert events_since(case, after) == [
        (
            EventType.PLAN_CHANGED,
            {
                "change": "goal_adjusted",
                "version": 3,
                "goal_id": goal.pk,
                "goal_domain": "huisvesting",
            },
        )
    ]


def test_an_action_is_carried_out_by_a_participating_organisation(
    case, goal, regisseur, politie, reclassering
) -> None:
    with pytest.raises(ValidationError, match="neemt niet deel"):
        action_add(
            actor=regisseur,
            case=case,
            goal=goal,
            description="Gesprek wijkagent",
            responsible_organisation=politie,
            owner=None,
            due_date=date(2026, 3, 1),
            seen_version=_version(case),
        )
    after = last_event_id()
    action = action_add(
        actor=regisseur,
        case=case,
        goal=goal,
        description="Urgentieaanvraag",
        responsible_organisation=reclassering,
        owner=None,
        due_date=date(2026, 3, 1),
        seen_version=_version(case),
    )
    assert Action.objects.get(pk=action.pk).case_id == case.pk  # from its goal
    assert events_since(case, after) == [
        (
            EventType.PLAN_CHANGED,
            {
                "change": "action_added",
                "version": 3,
                "action_id": action.pk,
                "goal_id": goal.pk,
                "organisation_id": reclassering.pk,
            },
        )
    ]


def test_a_partner_completes_their_own_organisations_action(
    case, action, reclasseringswerker, reclassering
) -> None:
    after = last_event_id()

    action_update(
        actor=reclasseringswerker,
        case=case,
        action=action,
        status=ActionStatus.DONE,
        note="Aanvraag ingediend",
        seen_version=_version(case),
    )

    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_at is not None
    assert events_since(case, after) == [
        (
            EventType.ACTION_UPDATED,
            {
                "action_id": action.pk,
                "goal_id": action.goal_id,
                "organisation_id": reclassering.pk,
                "previous_status": "open",
                "status": "afgerond",
                "version": 4,
            },
        )
    ]


def test_a_partner_cannot_update_another_organisations_action_or_change_its_content(
    case, action, regisseur, politie, make_user, reclasseringswerker
) -> None:
    wijkagent = make_user(politie, "partner")
    participant_add(actor=regisseur, case=case, organisation=politie, user=None, role="wijkagent")
    with pytest.raises(PermissionDenied):
        action_update(
            actor=wijkagent,
            case=case,
            action=action,
            status=ActionStatus.DONE,
            note="",
            seen_version=_version(case),
        )
    with pytest.raises(PermissionDenied):
        action_update(
            actor=reclasseringswerker,
            case=case,
            action=action,
            status=ActionStatus.IN_PROGRESS,
            note="",
            due_date=date(2027, 1, 1),
            seen_version=_version(case),
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_blocking_the_primary_for_a_care_waiting_list_activates_the_alternative(
    case, goal, regisseur
) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    alternative = goal.scenarios.get(kind=ScenarioKind.ALTERNATIVE)
    after = last_event_id()

    scenario_block(
        actor=regisseur,
        case=case,
        scenario=primary,
        shortage_type="wachtlijst_zorg",
        blocked_on=date(2026, 4, 1),
        expected_wait_days=84,
        alternative=alternative,
        seen_version=_version(case),
    )

    primary.refresh_from_db()
    alternative.refresh_from_db()
    assert (primary.status, primary.shortage_type, primary.expected_wait_days) == (
        ScenarioStatus.BLOCKED,
        "wachtlijst_zorg",
        84,
    )
    assert primary.activated_alternative == alternative
    assert alternative.status == ScenarioStatus.ACTIVE
    assert alternative.activated_on is not None
    assert events_since(case, after) == [
        (
            EventType.SCENARIO_BLOCKED,
            {
                "scenario_id": primary.pk,
                "scenario_kind": "primair",
                "goal_id": goal.pk,
                "goal_domain": "huisvesting",
                "shortage_type": "wachtlijst_zorg",
                "waiting_days": 84,
                "blocked_on": "2026-04-01",
                "alternative_id": alternative.pk,
                "version": 3,
            },
        ),
        (
            EventType.SCENARIO_ACTIVATED,
            {
                "scenario_id": alternative.pk,
                "goal_id": goal.pk,
                "goal_domain": "huisvesting",
                "replaces_scenario_id": primary.pk,
                "shortage_type": "wachtlijst_zorg",
                "version": 3,
            },
        ),
    ]
    # The monitor can count shortages straight from the rows as well.
    assert (
        Scenario.objects.filter(status="geblokkeerd", shortage_type="wachtlijst_zorg").count() == 1
    )


def test_a_shortage_of_another_kind_must_be_described(case, goal, regisseur) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    with pytest.raises(ValidationError, match="Beschrijf het tekort"):
        scenario_block(
            actor=regisseur,
            case=case,
            scenario=primary,
            shortage_type="anders",
            blocked_on=date(2026, 4, 1),
            expected_wait_days=10,
            alternative=None,
            seen_version=_version(case),
        )


def test_an_alternative_can_be_activated_after_a_block_without_one(case, goal, regisseur) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    alternative = goal.scenarios.get(kind=ScenarioKind.ALTERNATIVE)
    with pytest.raises(ValidationError, match="al een actief scenario"):
        scenario_activate(
            actor=regisseur, case=case, scenario=alternative, seen_version=_version(case)
        )
    scenario_block(
        actor=regisseur,
        case=case,
        scenario=primary,
        shortage_type="woningnood",
        blocked_on=date(2026, 4, 1),
        expected_wait_days=365,
        alternative=None,
        seen_version=_version(case),
    )
    after = last_event_id()

    scenario_activate(actor=regisseur, case=case, scenario=alternative, seen_version=_version(case))

    primary.refresh_from_db()
    assert primary.activated_alternative == alternative
    assert events_since(case, after) == [
        (
            EventType.SCENARIO_ACTIVATED,
            {
                "scenario_id": alternative.pk,
                "goal_id": goal.pk,
                "goal_domain": "huisvesting",
                "replaces_scenario_id": primary.pk,
                "shortage_type": "woningnood",
                "version": 4,
            },
        )
    ]


def test_exploring_another_alternative(case, goal, regisseur) -> None:
    after = last_event_id()
    scenario = scenario_add(
        actor=regisseur,
        case=case,
        goal=goal,
        description="Logeerkamer bij oom",
        seen_version=_version(case),
    )
    assert (scenario.kind, scenario.status) == (ScenarioKind.ALTERNATIVE, ScenarioStatus.EXPLORED)
    assert events_since(case, after) == [
        (
            EventType.PLAN_CHANGED,
            {
                "change": "scenario_added",
                "version": 3,
                "scenario_id": scenario.pk,
                "goal_id": goal.pk,
            },
        )
    ]


def test_two_users_on_one_plan_never_overwrite_each_other(
    case, action, regisseur, reclasseringswerker
) -> None:
    seen_by_both = _version(case)
    action_update(
        actor=reclasseringswerker,
        case=case,
        action=action,
        status=ActionStatus.IN_PROGRESS,
        note="Gestart",
        seen_version=seen_by_both,
    )
    after = last_event_id()

    with pytest.raises(ValidationError, match="Iemand anders heeft het plan intussen gewijzigd"):
        action_update(
            actor=regisseur,
            case=case,
            action=action,
            status=ActionStatus.DROPPED,
            note="Niet meer nodig",
            seen_version=seen_by_both,
        )

    action.refresh_from_db()
    assert (action.status, action.note) == (ActionStatus.IN_PROGRESS, "Gestart")
    assert _version(case) == seen_by_both + 1
    assert events_since(case, after) == []


def test_the_plan_of_a_case_that_left_the_approach_cannot_change(case, goal, regisseur) -> None:
    case.status = CaseStatus.OUTFLOWN
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="niet meer actief"):
        scenario_add(
            actor=regisseur, case=case, goal=goal, description="x", seen_version=_version(case)
        )
