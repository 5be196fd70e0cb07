"""The scale generator at a tiny size: a valid audit chain and data as the services make it."""

from __future__ import annotations

import re
from datetime import timedelta
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
def dataset(db: None) -> str:
    """What ``regie demo`` printed; ``make run`` passes its HOST as the address."""
    out = StringIO()
    with override_settings(DEMO_MODE=True):
        call_command(
            "demo",
            persons=200,
            years=3,
            seed=4,
            address="127.0.0.1:8765",
            no_progress=True,
            stdout=out,
        )
    return out.getvalue()


def test_the_login_line_names_the_address_the_server_will_run_on(dataset: str) -> None:
    assert "Inloggen op http://127.0.0.1:8765 met wachtwoord " in dataset
    assert ":8000" not in dataset


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


def test_most_actions_are_settled_around_their_due_date_and_a_few_stay_overdue(
    dataset: None,
) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    pending = ("open", "bezig")
    live = Action.objects.filter(goal__plan__case__status__in=("actief", "uitstroom_voorbereid"))
    past_due = live.filter(due_date__lt=today - timedelta(days=40), goal__status="open")
    overdue = past_due.filter(status__in=pending).count()
    assert 0 < overdue < 0.25 * past_due.count()
    assert set(Action.objects.values_list("status", flat=True)) == {
        "open", "bezig", "afgerond", "vervallen"}  # fmt: skip
    assert not live.exclude(goal__status="open").filter(status__in=pending).exists()
    settled = Action.objects.exclude(status__in=pending)
    events = CaseEvent.objects.filter(type="action_updated")
    assert events.count() == settled.count()
    assert not settled.filter(status="afgerond", completed_at__isnull=True).exists()


def test_every_generated_action_carries_the_case_of_its_goal(dataset: None) -> None:
    """The overdue counts read ``Action.case`` directly; the generator writes it as a column."""
    assert Action.objects.exists()
    assert not Action.objects.exclude(case_id=F("goal__plan_id")).exists()


def test_some_scenarios_are_blocked_by_a_shortage_with_an_event_each(dataset: None) -> None:
    blocked = Scenario.objects.filter(status="geblokkeerd")
    assert blocked.exists()
    assert not blocked.filter(Q(shortage_type="") | Q(blocked_on__isnull=True)).exists()
    assert CaseEvent.objects.filter(type="scenario_blocked").count() == blocked.count()


def test_generated_rows_pass_model_validation(dataset: None) -> None:
    from regie.reviews.models import FollowUp, Review, ReviewFlag
    from regie.rights.models import SubjectRequest

    for model in (
        Review,
        ReviewFlag,
        FollowUp,
        SubjectRequest,
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


def test_reviews_score_all_11_domains_some_improving_some_worsening(dataset: None) -> None:
    from regie.core.domain import LifeDomain
    from regie.reviews.models import Review, ReviewScore

    reviews = Review.objects.filter(corrects__isnull=True)
    assert reviews.count() > 50
    assert not reviews.annotate(n=Count("scores")).exclude(n=len(LifeDomain.values)).exists()
    assert set(ReviewScore.objects.values_list("domain", flat=True)) == set(LifeDomain.values)
    late = [r for r in reviews if not r.on_time]
    assert 0 < len(late) < reviews.count()
    better = worse = 0
    for case_id in set(reviews.values_list("case_id", flat=True)):
        held = list(reviews.filter(case_id=case_id).order_by("held_on", "pk"))
        if len(held) < 2:
            continue
        first = sum(s.score for s in held[0].scores.all())
        last = sum(s.score for s in held[-1].scores.all())
        better += last > first
        worse += last < first
    assert better > 0
    assert worse > 0


def test_review_events_carry_the_services_payload(dataset: None) -> None:
    from regie.reviews.models import Review

    held = CaseEvent.objects.filter(type="review_held")
    assert held.count() == Review.objects.filter(corrects__isnull=True).count()
    event = held.first()
    assert event is not None
    assert set(event.payload) == {"review_id", "kind", "decision", "on_time", "due_date",
                                  "held_on", "target_group", "added_value", "proportional",
                                  "zrm"}  # fmt: skip
    review = Review.objects.get(pk=event.payload["review_id"])
    assert event.case_id == review.case_id
    assert event.payload["on_time"] == review.on_time


def test_outflows_are_four_eyes_with_every_reason_and_matching_case_states(dataset: None) -> None:
    from regie.reviews.models import Outflow, OutflowReason

    outflows = Outflow.objects.all()
    assert set(outflows.values_list("status", flat=True)) == {
        "voorgesteld", "bevestigd", "teruggestuurd"}  # fmt: skip
    assert set(outflows.values_list("reason", flat=True)) == set(OutflowReason.values)
    assert not outflows.filter(decided_by=F("proposed_by")).exists()
    for outflow in outflows.select_related("case")[:40]:
        outflow.full_clean()
    confirmed = outflows.filter(status="bevestigd")
    assert not confirmed.exclude(case__status__in=["uitgestroomd", "afgesloten"]).exists()
    assert CaseEvent.objects.filter(type="outflow_confirmed").count() == confirmed.count()
    pending = outflows.filter(status="voorgesteld")
    assert not pending.exclude(case__status="uitstroom_voorbereid").exists()
    assert Case.objects.filter(status="uitstroom_voorbereid").count() == pending.count()


def test_handovers_follow_ups_and_closing_as_the_services_write_them(dataset: None) -> None:
    from regie.reviews.models import FollowUp, Handover, Outflow

    statuses = set(Handover.objects.values_list("status", flat=True))
    assert {"overgedragen", "bevestigd"} <= statuses
    for handover in Handover.objects.all()[:40]:
        handover.full_clean()
    confirmed = Handover.objects.filter(status="bevestigd")
    assert CaseEvent.objects.filter(type="handover_confirmed").count() == confirmed.count()
    assert FollowUp.objects.filter(in_view=True).exists()
    assert FollowUp.objects.filter(in_view=False).exists()
    # The outflow's flag says exactly which outflows have their follow-up.
    flagged = set(Outflow.objects.filter(follow_up_recorded=True).values_list("pk", flat=True))
    assert flagged == set(FollowUp.objects.values_list("outflow_id", flat=True))
    closed = Case.objects.filter(status="afgesloten")
    assert closed.exists()
    assert CaseEvent.objects.filter(type="case_closed").count() == closed.count()


def test_subject_requests_exist_in_every_state_with_their_events(dataset: None) -> None:
    from regie.rights.models import RequestStatus, SubjectRequest

    requests = SubjectRequest.objects.all()
    assert set(requests.values_list("status", flat=True)) == set(RequestStatus.values)
    for request in requests:
        request.full_clean()
    received = CaseEvent.objects.filter(type="subject_request_received")
    assert received.count() == requests.count()
    assert set(received.first().payload) == {"request", "kind", "requester"}  # type: ignore[union-attr]


def test_retention_removes_ended_cases_with_their_reviews_and_the_dry_run_agrees(
    dataset: None,
) -> None:
    from django.utils import timezone

    from regie.reviews.models import Outflow, Review
    from regie.rights.retention.run import retention_run

    later = timezone.localdate() + timedelta(days=6 * 365)
    ended = set(
        Case.objects.filter(status__in=["uitgestroomd", "afgesloten"]).values_list("pk", flat=True)
    )
    assert Review.objects.filter(case_id__in=ended).exists()
    person_of_case = dict(Case.objects.values_list("pk", "person_id"))

    dry = retention_run(dry_run=True, today=later)
    real = retention_run(today=later)

    deleted = sorted((row.kind, row.record_id) for row in real.deleted)
    assert sorted((row.kind, row.record_id) for row in dry.deleted) == deleted
    assert sorted(dry.held, key=str) == sorted(real.held, key=str)
    # a person goes once their cases and those cases' nominations have gone, in both runs
    persons = {pk for kind, pk in deleted if kind == "person_unused"}
    assert {person_of_case[pk] for kind, pk in deleted if kind == "case_ended"} & persons
    gone = {pk for kind, pk in deleted if kind == "case_ended"}
    assert gone
    assert gone <= ended
    assert not Case.objects.filter(pk__in=gone).exists()
    assert not Outflow.objects.filter(case_id__in=gone).exists()
    assert audit_verify().ok


def test_experiences_every_year_every_kind_consent_rules_and_the_services_audit(
    dataset: None,
) -> None:
    from datetime import UTC, datetime, timedelta

    from regie.accounts.models import User
    from regie.monitor.models import Experience, ExperienceKind

    experiences = list(Experience.objects.all())
    now = datetime.now(UTC)
    years = set(range((now - timedelta(days=3 * 365)).year, now.year + 1))
    assert {e.year for e in experiences} == years
    assert {e.kind for e in experiences} == set(ExperienceKind.values)
    assert any(not e.consent_given for e in experiences)
    analysts = set(
        User.objects.filter(role_assignments__role="analyst").values_list("pk", flat=True)
    )
    for experience in experiences:
        experience.full_clean()
        assert experience.consent_given or not experience.included
        assert experience.consent_recorded_by_id in analysts
        if experience.consent_given:
            assert experience.consent_date is not None
            assert experience.consent_date.year == experience.year
        else:
            assert experience.consent_date is None
    for year in years:
        assert any(e.included and e.year == year for e in experiences)
    # The quotes name nobody: no name of a generated person, no date.
    words = {w.strip(".,;").lower() for e in experiences for w in e.text.split()}
    names = {n.lower() for p in Person.objects.values_list("first_name", "last_name") for n in p}
    assert not words & names
    assert not any(re.search(r"\d", e.text) for e in experiences)
    audits = AuditEvent.objects.filter(object_type="experience")
    assert audits.count() == len(experiences)
    for experience in experiences:
        event = audits.get(object_id=str(experience.pk))
        assert event.action == "create"
        assert event.person_id is None
        assert event.actor_id == experience.consent_recorded_by_id
        assert event.role == "analyst"
        assert event.occurred_at == experience.recorded_at
        assert event.detail == {"year": experience.year, "kind": experience.kind,
                                "included": experience.included,
                                "consent_given": experience.consent_given}  # fmt: skip
    result = audit_verify()
    assert result.ok, result.reason


def test_experiences_are_the_same_for_the_same_seed_and_differ_for_another() -> None:
    import random
    from datetime import UTC, datetime, timedelta

    from regie.demo.scale_base import EPOCH, Scale
    from regie.demo.scale_experiences import plan_experiences

    now_us = (datetime(2026, 5, 1, tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)

    def plan(seed: int) -> list[object]:
        scale = Scale(persons=5000, years=4, seed=seed, now_us=now_us, rng=random.Random(seed))
        return list(plan_experiences(scale, [11, 12]))

    first = plan(3)
    assert len(first) >= 4 * 5000 // 250  # three whole years and parts of two
    assert plan(3) == first
    assert plan(4) != first


def test_the_yearly_monitor_shows_the_included_experiences_of_a_generated_year(
    dataset: None,
) -> None:
    from django.test import Client
    from django.utils import timezone
    from django.utils.html import escape

    from regie.accounts.models import User
    from regie.monitor.models import Experience

    year = timezone.localdate().year - 1
    client = Client()
    client.force_login(User.objects.get(username="analist"))
    html = client.get(f"/monitor/?year={year}").content.decode()
    shown = Experience.objects.filter(year=year, included=True)
    assert shown.exists()
    for experience in shown:
        assert f"“{escape(experience.text)}”" in html
    for experience in Experience.objects.filter(year=year, included=False):
        if not shown.filter(text=experience.text).exists():
            assert f"“{escape(experience.text)}”" not in html
