"""Outflow with four eyes: the regisseur proposes it in a review, a triage chair or teamlead who
is someone else confirms it with the joint assessment of the care still needed. Then "nog in
beeld?" falls due, and after it the case closes."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from regie.cases.models import CaseStatus
from regie.events.models import EventType
from regie.reviews.models import (
    Decision,
    FollowUp,
    Outflow,
    OutflowReason,
    OutflowStatus,
)
from regie.reviews.services import case_close, follow_up_record, outflow_confirm, outflow_return
from regie.reviews.tests.helpers import (
    add_goal,
    audits_since,
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


@pytest.fixture
def proposed(case, regisseur) -> Outflow:
    return hold(case, regisseur, decision=Decision.OUTFLOW).outflow


def _confirm(outflow: Outflow, actor, care: str = "Begeleiding door het wijkteam.") -> Outflow:
    outflow.case.refresh_from_db()
    return outflow_confirm(
        actor=actor, outflow=outflow, seen_version=outflow.case.version, care_needed=care
    )


def test_a_review_deciding_on_outflow_proposes_it(case, regisseur) -> None:
    event = last_event_id()
    review = hold(
        case,
        regisseur,
        decision=Decision.OUTFLOW,
        outflow_reason=OutflowReason.NO_ADDED_VALUE,
        care_needed="Schuldhulp loopt door via de gemeente.",
    )
    outflow = review.outflow
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTFLOW_PREPARED
    assert outflow.status == OutflowStatus.PROPOSED
    assert outflow.proposed_by == regisseur
    assert [t for t, _ in events_since(event)] == [
        EventType.REVIEW_HELD,
        EventType.OUTFLOW_PROPOSED,
    ]
    assert events_since(event)[1][1] == {
        "outflow_id": outflow.pk,
        "review_id": review.pk,
        "reason": "geen_toegevoegde_waarde",
        "target_group": "volwassenen",
    }


def test_outflow_needs_a_reason_and_the_care_still_needed(case, regisseur) -> None:
    with pytest.raises(ValidationError) as error:
        hold(case, regisseur, decision=Decision.OUTFLOW, outflow_reason="", care_needed=" ")
    assert error.value.message_dict == {
        "outflow_reason": ["Kies de reden van uitstroom."],
        "care_needed": ["Beschrijf welke zorg of ondersteuning nog nodig is."],
    }
    with pytest.raises(ValidationError) as error:
        hold(case, regisseur, decision=Decision.OUTFLOW, outflow_reason=OutflowReason.OTHER)
    assert error.value.message_dict == {"outflow_reason_text": ["Licht de reden 'anders' toe."]}


def test_the_triage_chair_confirms_an_outflow(proposed, voorzitter) -> None:
    event, seq = last_event_id(), last_audit_seq()
    outflow = _confirm(proposed, voorzitter, care="Ambulante ggz en schuldhulp blijven nodig.")
    case = outflow.case
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTFLOWN
    assert outflow.status == OutflowStatus.CONFIRMED
    assert outflow.care_needed == "Ambulante ggz en schuldhulp blijven nodig."
    assert outflow.outflow_date == date(2026, 7, 1)
    assert outflow.follow_up_due == date(2027, 1, 1)
    assert events_since(event) == [
        (
            EventType.OUTFLOW_CONFIRMED,
            {
                "outflow_id": outflow.pk,
                "reason": "doelen_bereikt",
                "target_group": "volwassenen",
                "origin": "nieuw",
                "duration_days": 177,
                "proposed_by_id": outflow.proposed_by_id,
            },
        )
    ]
    assert audits_since(seq) == [("change", "outflow")]


def test_the_proposer_never_confirms_their_own_outflow(open_case, make_user, acvz) -> None:
    both = make_user(acvz, "regisseur", "teamlead")
    case = open_case(regisseur_user=both)
    outflow = hold(case, both, decision=Decision.OUTFLOW).outflow
    with pytest.raises(ValidationError, match="een tweede persoon"):
        _confirm(outflow, both)
    outflow.refresh_from_db()
    assert outflow.status == OutflowStatus.PROPOSED


def test_the_database_refuses_one_person_proposing_and_confirming(proposed, regisseur) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Outflow.objects.filter(pk=proposed.pk).update(decided_by=regisseur)


@pytest.mark.parametrize("who", ["regisseur", "reclasseringswerker", "politie_medewerker"])
def test_only_a_triage_chair_or_teamlead_confirms(proposed, who, request) -> None:
    with pytest.raises(PermissionDenied):
        _confirm(proposed, request.getfixturevalue(who))


def test_a_teamlead_may_confirm_too(proposed, teamleider) -> None:
    assert _confirm(proposed, teamleider).status == OutflowStatus.CONFIRMED


def test_confirming_needs_the_joint_assessment(proposed, voorzitter) -> None:
    with pytest.raises(ValidationError) as error:
        _confirm(proposed, voorzitter, care="")
    assert error.value.message_dict == {
        "care_needed": ["Beschrijf welke zorg of ondersteuning nog nodig is."]
    }


def test_a_returned_outflow_makes_the_case_active_again(proposed, teamleider) -> None:
    case = proposed.case
    case.refresh_from_db()
    event = last_event_id()
    outflow_return(
        actor=teamleider,
        outflow=proposed,
        seen_version=case.version,
        note="Eerst de woning rond maken.",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert case.next_review_date == date(2027, 1, 1)
    assert proposed.return_note == "Eerst de woning rond maken."
    assert events_since(event) == [
        (EventType.OUTFLOW_RETURNED, {"outflow_id": proposed.pk, "reason": "doelen_bereikt"})
    ]
    with pytest.raises(ValidationError, match="al besloten"):
        _confirm(proposed, teamleider)


def test_follow_up_falls_due_six_months_after_outflow(
    proposed, voorzitter, regisseur, time_machine
) -> None:
    outflow = _confirm(proposed, voorzitter)
    time_machine.move_to(datetime(2026, 12, 31, 10, 0, tzinfo=AMS), tick=False)
    with pytest.raises(ValidationError) as error:
        follow_up_record(actor=regisseur, outflow=outflow, in_view=True, note="")
    assert error.value.messages == [
        "De controle 'nog in beeld?' is pas vanaf 01-01-2027 aan de orde."
    ]
    time_machine.move_to(datetime(2027, 1, 1, 10, 0, tzinfo=AMS), tick=False)
    event = last_event_id()
    follow_up = follow_up_record(
        actor=regisseur, outflow=outflow, in_view=False, note="Niet meer bereikbaar."
    )
    assert follow_up.checked_on == date(2027, 1, 1)
    assert events_since(event) == [
        (
            EventType.FOLLOW_UP_RECORDED,
            {
                "outflow_id": outflow.pk,
                "in_view": False,
                "reason": "doelen_bereikt",
                "days_after_outflow": 184,
            },
        )
    ]
    outflow.refresh_from_db()
    assert outflow.follow_up_recorded
    with pytest.raises(ValidationError, match="al vastgelegd"):
        follow_up_record(actor=regisseur, outflow=outflow, in_view=True, note="")


def test_the_migration_marks_the_outflows_followed_up_before_it(
    proposed, open_case, voorzitter, regisseur, time_machine
) -> None:
    from django.apps import apps

    migration = importlib.import_module("regie.reviews.migrations.0003_outflow_follow_up_recorded")
    other = open_case()
    add_goal(other, regisseur)
    waiting = hold(other, regisseur, decision=Decision.OUTFLOW).outflow
    followed, waiting = _confirm(proposed, voorzitter), _confirm(waiting, voorzitter)
    time_machine.move_to(datetime(2027, 1, 1, 10, 0, tzinfo=AMS), tick=False)
    follow_up_record(actor=regisseur, outflow=followed, in_view=True, note="")
    Outflow.objects.update(follow_up_recorded=False)  # as the rows were before the migration
    migration.mark_recorded(apps, None)
    assert set(Outflow.objects.filter(follow_up_recorded=True)) == {followed}
    assert not Outflow.objects.get(pk=waiting.pk).follow_up_recorded


def test_follow_up_period_is_configuration(proposed, voorzitter, settings) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 3
    assert _confirm(proposed, voorzitter).follow_up_due == date(2026, 10, 1)


def test_only_the_regisseur_records_the_follow_up(
    proposed, voorzitter, teamleider, settings
) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 0
    outflow = _confirm(proposed, voorzitter)
    with pytest.raises(PermissionDenied):
        follow_up_record(actor=teamleider, outflow=outflow, in_view=True, note="")


def test_the_case_closes_after_the_follow_up(proposed, voorzitter, regisseur, settings) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 0
    outflow = _confirm(proposed, voorzitter)
    case = outflow.case
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="nog in beeld"):
        case_close(actor=regisseur, case=case, seen_version=case.version)
    follow_up_record(actor=regisseur, outflow=outflow, in_view=True, note="Bij de wijk-ggz.")
    event = last_event_id()
    case_close(actor=regisseur, case=case, seen_version=case.version)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert events_since(event) == [
        (
            EventType.CASE_CLOSED,
            {"outflow_id": outflow.pk, "reason": "doelen_bereikt", "in_view": True},
        )
    ]


def test_a_deceased_persons_case_closes_without_follow_up(case, regisseur, voorzitter) -> None:
    outflow = hold(
        case, regisseur, decision=Decision.OUTFLOW, outflow_reason=OutflowReason.DECEASED
    ).outflow
    _confirm(outflow, voorzitter, care="Geen.")
    case.refresh_from_db()
    case_close(actor=regisseur, case=case, seen_version=case.version)
    assert not FollowUp.objects.exists()


def test_a_partner_cannot_close_the_case(proposed, voorzitter, reclasseringswerker) -> None:
    outflow = _confirm(proposed, voorzitter)
    case = outflow.case
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        case_close(actor=reclasseringswerker, case=case, seen_version=case.version)
