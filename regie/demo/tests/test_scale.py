"""The scale generator at a tiny size: a valid audit chain and data as the services make it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.test import override_settings

from regie.audit.models import AuditEvent
from regie.audit.selectors import audit_verify
from regie.cases.models import Action, Case, Goal, Participant, Plan, Scenario
from regie.events.models import CaseEvent
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.models import JusticeFact, Person
from regie.triage.models import Letter, TriageDecision


@pytest.fixture
def dataset(db: None) -> None:
    with override_settings(DEMO_MODE=True):
        call_command("demo", persons=200, years=3, seed=3, no_progress=True, stdout=StringIO())


def test_the_generated_audit_log_is_one_valid_chain(dataset: None) -> None:
    result = audit_verify()
    assert result.ok, result.reason
    assert result.checked == AuditEvent.objects.count() >= 100 * 200


def test_nominations_exist_in_every_state(dataset: None) -> None:
    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses == set(NominationStatus.values)


def test_every_admission_has_one_case_with_plan_participants_and_an_opening_event(
    dataset: None,
) -> None:
    admitted = Nomination.objects.filter(outcome="toegelaten")
    assert admitted.count() == Case.objects.count() > 0
    assert not Case.objects.annotate(n=Count("nomination__cases")).exclude(n=1).exists()
    assert Plan.objects.count() == Case.objects.count()
    assert Participant.objects.filter(role="regisseur").count() == Case.objects.count()
    opened = CaseEvent.objects.filter(type="case_opened")
    assert sorted(c for c in opened.values_list("case_id", flat=True) if c) == sorted(
        Case.objects.values_list("pk", flat=True)
    )
    assert Letter.objects.count() == Case.objects.count()


def test_decisions_are_four_eyes_with_a_frozen_evaluation(dataset: None) -> None:
    confirmed = TriageDecision.objects.filter(status="bevestigd")
    assert confirmed.exists()
    assert not confirmed.filter(confirmed_by=F("proposed_by")).exists()
    for decision in confirmed[:20]:
        assert decision.evaluation["hard_criteria"] == decision.hard_criteria
        assert decision.evaluation["criteria_set_id"] == decision.criteria_set_id
        assert decision.is_override == (
            (decision.kind == "toegelaten" and decision.hard_criteria == "not_met")
            or (decision.kind == "afgewezen" and decision.hard_criteria == "met")
        )


def test_some_scenarios_are_blocked_by_a_shortage_with_an_event_each(dataset: None) -> None:
    blocked = Scenario.objects.filter(status="geblokkeerd")
    assert blocked.exists()
    assert not blocked.filter(Q(shortage_type="") | Q(blocked_on__isnull=True)).exists()
    assert CaseEvent.objects.filter(type="scenario_blocked").count() == blocked.count()


def test_generated_rows_pass_model_validation(dataset: None) -> None:
    for model in (
        Person,
        JusticeFact,
        Nomination,
        TriageDecision,
        Letter,
        Case,
        Goal,
        Action,
        Scenario,
    ):
        for row in model.objects.order_by("?")[:15]:
            row.full_clean()


def test_ages_are_mostly_16_to_35_and_persons_mostly_male(dataset: None) -> None:
    persons = list(Person.objects.all())
    young = sum(16 <= (p.created_at.date() - p.date_of_birth).days // 365 <= 35 for p in persons)
    assert young / len(persons) > 0.6
    assert sum(p.gender == "m" for p in persons) / len(persons) > 0.7


def test_every_account_has_its_authenticator_set_up(dataset: None) -> None:
    from allauth.mfa.models import Authenticator

    from regie.accounts.models import User

    with_totp = Authenticator.objects.filter(type="totp").values("user_id")
    assert User.objects.count() > 20
    assert not User.objects.exclude(pk__in=with_totp).exists()
