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
    from regie.reviews.models import FollowUp, Handover

    statuses = set(Handover.objects.values_list("status", flat=True))
    assert {"overgedragen", "bevestigd"} <= statuses
    for handover in Handover.objects.all()[:40]:
        handover.full_clean()
    confirmed = Handover.objects.filter(status="bevestigd")
    assert CaseEvent.objects.filter(type="handover_confirmed").count() == confirmed.count()
    assert FollowUp.objects.filter(in_view=True).exists()
    assert FollowUp.objects.filter(in_view=False).exists()
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
    from datetime import timedelta

    from django.utils import timezone

    from regie.reviews.models import Outflow, Review
    from regie.rights.retention.run import retention_run

    later = timezone.localdate() + timedelta(days=6 * 365)
    ended = set(
        Case.objects.filter(status__in=["uitgestroomd", "afgesloten"]).values_list("pk", flat=True)
    )
    assert Review.objects.filter(case_id__in=ended).exists()

    dry = retention_run(dry_run=True, today=later)
    real = retention_run(today=later)

    deleted = sorted((row.kind, row.record_id) for row in real.deleted)
    assert sorted((row.kind, row.record_id) for row in dry.deleted) == deleted
    gone = {pk for kind, pk in deleted if kind == "case_ended"}
    assert gone
    assert gone <= ended
    assert not Case.objects.filter(pk__in=gone).exists()
    assert not Outflow.objects.filter(case_id__in=gone).exists()
    assert audit_verify().ok
