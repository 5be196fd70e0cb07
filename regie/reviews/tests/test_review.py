"""Holding a review: the cadence per target group, what a review must record, who may hold it,
and that a held review never changes (a correction is a new record)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from regie.cases.models import CaseStatus
from regie.core.domain import LifeDomain, TargetGroup
from regie.events.models import EventType
from regie.reviews.config import next_review_due
from regie.reviews.models import Decision, Review, ReviewKind, ReviewScore
from regie.reviews.services import review_correct
from regie.reviews.tests.helpers import (
    audits_since,
    content,
    events_since,
    hold,
    last_audit_seq,
    last_event_id,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


def test_cadence_defaults_to_three_months_for_youths_and_six_for_adults() -> None:
    held = date(2026, 7, 1)
    assert next_review_due(TargetGroup.YOUTH, held) == date(2026, 10, 1)
    assert next_review_due(TargetGroup.ADULT_VIOLENCE, held) == date(2027, 1, 1)
    assert next_review_due(TargetGroup.DOORGROEIERS, held) == date(2027, 1, 1)


def test_cadence_is_configuration(settings) -> None:
    settings.REGIE_REVIEW_CADENCE_MONTHS = {"jeugd": 2, "volwassenen": 4, "doorgroeiers": 12}
    assert next_review_due(TargetGroup.YOUTH, date(2026, 7, 31)) == date(2026, 9, 30)
    assert next_review_due(TargetGroup.ADULT_VIOLENCE, date(2026, 7, 1)) == date(2026, 11, 1)


def test_review_sets_the_next_due_date_of_the_case(case, regisseur) -> None:
    seen = case.version
    review = hold(case, regisseur, next_review_date=date(2026, 11, 15))
    case.refresh_from_db()
    assert case.next_review_date == date(2026, 11, 15)
    assert case.version == seen + 1
    assert review.kind == ReviewKind.REGULAR
    assert review.due_date == date(2026, 7, 5)
    assert review.on_time


def test_next_review_may_not_lie_beyond_the_cadence(case, regisseur) -> None:
    with pytest.raises(ValidationError) as error:
        hold(case, regisseur, next_review_date=date(2027, 1, 2))
    assert error.value.message_dict == {
        "next_review_date": ["Voor deze doelgroep is de volgende toets uiterlijk op 01-01-2027."]
    }
    assert not Review.objects.exists()


def test_youth_review_falls_due_after_three_months(open_case, regisseur) -> None:
    youth = open_case(target_group=TargetGroup.YOUTH, first_review=date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        hold(youth, regisseur, next_review_date=date(2026, 10, 2))
    assert "01-10-2026" in error.value.message_dict["next_review_date"][0]
    hold(youth, regisseur, next_review_date=date(2026, 10, 1))


def test_review_held_after_its_due_date_is_not_on_time(open_case, regisseur) -> None:
    late = open_case(first_review=date(2026, 6, 1))
    review = hold(late, regisseur, held_on=date(2026, 6, 20))
    assert not review.on_time


def test_holding_a_review_writes_its_event_and_audit(case, regisseur) -> None:
    event, seq = last_event_id(), last_audit_seq()
    review = hold(case, regisseur, held_on=date(2026, 7, 1))
    assert events_since(event) == [
        (
            EventType.REVIEW_HELD,
            {
                "review_id": review.pk,
                "kind": "regulier",
                "decision": "continue",
                "on_time": True,
                "due_date": "2026-07-05",
                "held_on": "2026-07-01",
                "target_group": "volwassenen",
                "added_value": "ja",
                "proportional": "ja",
                "zrm": {d.value: 3 for d in LifeDomain},
            },
        )
    ]
    assert audits_since(seq) == [("create", "review")]


def test_review_stores_the_criteria_evaluation_at_its_date(case, regisseur) -> None:
    review = hold(case, regisseur)
    assert review.evaluation is not None
    assert review.evaluation["on_date"] == "2026-07-01"
    assert review.evaluation["inputs"]["zrm_scores"] == {d.value: 3 for d in LifeDomain}


def test_review_needs_every_score_progress_and_motivation(case, regisseur) -> None:
    goal_id = case.plan.goals.get().pk
    scores = {d.value: 3 for d in LifeDomain if d != LifeDomain.FINANCES}
    with pytest.raises(ValidationError) as error:
        hold(
            case,
            regisseur,
            scores=scores,
            progress={},
            added_value="",
            proportionality_motivation="  ",
        )
    assert error.value.message_dict == {
        "score_financien": ["Geef een ZRM-score van 1 tot en met 5."],
        f"progress_{goal_id}": ["Geef aan hoe dit doel ervoor staat."],
        "added_value": ["Kies ja of nee."],
        "proportionality_motivation": ["Motiveer uw antwoord."],
    }


def test_review_cannot_be_held_in_the_future_or_before_the_last_one(case, regisseur) -> None:
    with pytest.raises(ValidationError) as error:
        hold(case, regisseur, held_on=date(2026, 7, 2))
    assert error.value.message_dict["held_on"] == [
        "Een toets kan niet in de toekomst zijn gehouden."
    ]
    hold(case, regisseur, held_on=date(2026, 6, 10))
    with pytest.raises(ValidationError) as error:
        hold(case, regisseur, held_on=date(2026, 6, 9))
    assert error.value.message_dict["held_on"] == [
        "De toets kan niet vóór 10-06-2026 zijn gehouden."
    ]


def test_only_the_case_regisseur_holds_a_review(case, reclasseringswerker, teamleider) -> None:
    for other in (reclasseringswerker, teamleider):
        with pytest.raises(PermissionDenied):
            hold(case, other)


def test_a_stale_case_version_is_refused(case, regisseur) -> None:
    case.refresh_from_db()
    stale = case.version
    hold(case, regisseur, held_on=date(2026, 6, 1))
    from regie.reviews.services import review_hold

    with pytest.raises(ValidationError) as error:
        review_hold(
            actor=regisseur,
            case=case,
            seen_version=stale,
            content=content(case),
            decision=Decision.CONTINUE,
        )
    assert error.value.code == "stale"
    assert Review.objects.count() == 1


def test_a_held_review_cannot_be_changed(case, regisseur) -> None:
    review = hold(case, regisseur)
    review.added_value_motivation = "Anders"
    with pytest.raises(ValueError, match="onveranderlijk"):
        review.save()
    for update in (
        lambda: Review.objects.filter(pk=review.pk).update(added_value_motivation="Anders"),
        lambda: ReviewScore.objects.filter(review=review).update(score=1),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            update()
    review.refresh_from_db()
    assert review.added_value_motivation == "Partners werken samen aan wonen en zorg."


def test_a_correction_is_a_new_review_that_names_the_old_one(case, regisseur) -> None:
    review = hold(case, regisseur, next_review_date=date(2026, 12, 1))
    case.refresh_from_db()
    event = last_event_id()
    scores = {d.value: 4 for d in LifeDomain}
    correction = review_correct(
        actor=regisseur,
        review=review,
        seen_version=case.version,
        content=content(case, scores=scores, next_review_date=date(2026, 11, 1)),
        reason="Scores van een andere casus overgenomen.",
    )
    assert correction.corrects == review
    assert correction.decision == review.decision
    assert {s.score for s in review.scores.all()} == {3}
    assert {s.score for s in correction.scores.all()} == {4}
    case.refresh_from_db()
    assert case.next_review_date == date(2026, 11, 1)
    assert events_since(event) == [
        (
            EventType.REVIEW_CORRECTED,
            {
                "review_id": correction.pk,
                "corrects_id": review.pk,
                "decision": "continue",
                "on_time": True,
                "zrm": scores,
            },
        )
    ]
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        review_correct(
            actor=regisseur,
            review=review,
            seen_version=case.version,
            content=content(case),
            reason="Nog een keer.",
        )


def test_a_correction_says_what_was_wrong(case, regisseur) -> None:
    review = hold(case, regisseur)
    case.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        review_correct(
            actor=regisseur,
            review=review,
            seen_version=case.version,
            content=content(case),
            reason=" ",
        )
    assert error.value.message_dict == {
        "correction_reason": ["Beschrijf wat er in de eerdere vastlegging niet klopte."]
    }


def test_a_case_awaiting_outflow_is_not_reviewed_again(case, regisseur) -> None:
    hold(case, regisseur, decision=Decision.OUTFLOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTFLOW_PREPARED
    with pytest.raises(ValidationError, match="Alleen een actieve casus"):
        hold(case, regisseur)
