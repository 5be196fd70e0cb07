"""The warm handover: recorded by the regisseur, confirmed only by a user of the receiving
organisation (everyone else gets "not found"), and chased when nobody confirms it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from regie.events.models import EventType
from regie.reviews import selectors
from regie.reviews.models import Decision, Handover, HandoverStatus
from regie.reviews.services import handover_confirm, handover_mark_done, handover_record
from regie.reviews.tests.helpers import events_since, hold, last_event_id

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


@pytest.fixture
def outflowing(case, regisseur):
    hold(case, regisseur, decision=Decision.OUTFLOW)
    case.refresh_from_db()
    return case


def _record(case, regisseur, zorg, when: date = date(2026, 7, 1)) -> Handover:
    return handover_record(
        actor=regisseur,
        case=case,
        receiving_organisation=zorg,
        contact_name="J. Jansen",
        contact_details="020 123 4567",
        what="Behandeling verslaving en dagbesteding; afspraken uit het plan.",
        handover_date=when,
    )


def test_a_handover_today_has_taken_place_and_awaits_confirmation(
    outflowing, regisseur, zorg
) -> None:
    event = last_event_id()
    handover = _record(outflowing, regisseur, zorg)
    assert handover.status == HandoverStatus.DONE
    assert handover.handed_over_on == date(2026, 7, 1)
    assert events_since(event) == [
        (
            EventType.HANDOVER_RECORDED,
            {
                "handover_id": handover.pk,
                "outflow_id": handover.outflow_id,
                "receiving_organisation_id": zorg.pk,
                "handover_date": "2026-07-01",
                "status": "overgedragen",
            },
        )
    ]


def test_a_later_handover_is_planned_until_it_took_place(
    outflowing, regisseur, zorg, zorgverlener
) -> None:
    handover = _record(outflowing, regisseur, zorg, date(2026, 7, 20))
    assert handover.status == HandoverStatus.PLANNED
    with pytest.raises(ValidationError, match="nog niet plaatsgevonden"):
        handover_confirm(actor=zorgverlener, handover=handover)
    handover_mark_done(actor=regisseur, handover=handover, handed_over_on=date(2026, 7, 1))
    assert handover.status == HandoverStatus.DONE


def test_a_handover_belongs_to_an_outflow(case, regisseur, zorg) -> None:
    with pytest.raises(ValidationError, match="uitstroom"):
        _record(case, regisseur, zorg)


def test_the_receiving_organisation_confirms_receipt(
    outflowing, regisseur, zorg, zorgverlener
) -> None:
    handover = _record(outflowing, regisseur, zorg)
    event = last_event_id()
    handover_confirm(actor=zorgverlener, handover=handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.CONFIRMED
    assert handover.confirmed_by == zorgverlener
    assert events_since(event) == [
        (
            EventType.HANDOVER_CONFIRMED,
            {
                "handover_id": handover.pk,
                "receiving_organisation_id": zorg.pk,
                "days_to_confirm": 0,
            },
        )
    ]
    with pytest.raises(ValidationError, match="al bevestigd"):
        handover_confirm(actor=zorgverlener, handover=handover)


@pytest.mark.parametrize(
    "who", ["regisseur", "reclasseringswerker", "politie_medewerker", "teamleider", "voorzitter"]
)
def test_nobody_outside_the_receiving_organisation_confirms(
    outflowing, regisseur, zorg, who, request, login
) -> None:
    handover = _record(outflowing, regisseur, zorg)
    other = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        handover_confirm(actor=other, handover=handover)
    url = reverse("reviews:handover_received", args=[handover.pk])
    assert login(other).get(url).status_code == 404
    assert login(other).post(url).status_code == 404
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DONE


def test_the_receiver_confirms_on_their_page(
    outflowing, regisseur, zorg, zorgverlener, login
) -> None:
    handover = _record(outflowing, regisseur, zorg)
    client = login(zorgverlener)
    listing = client.get(reverse("reviews:handovers_received"))
    assert outflowing.person.full_name in listing.content.decode()
    url = reverse("reviews:handover_received", args=[handover.pk])
    page = client.get(url)
    assert "Ontvangst bevestigen" in page.content.decode()
    response = client.post(url, follow=True)
    assert "Ontvangst bevestigd" in response.content.decode()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.CONFIRMED


def test_the_receiver_sees_only_handovers_to_their_organisation(
    outflowing, regisseur, zorg, reclassering, zorgverlener, reclasseringswerker
) -> None:
    to_zorg = _record(outflowing, regisseur, zorg)
    to_reclassering = _record(outflowing, regisseur, reclassering)
    assert list(selectors.handovers_received(zorgverlener)) == [to_zorg]
    assert list(selectors.handovers_received(reclasseringswerker)) == [to_reclassering]


def test_an_unconfirmed_handover_is_chased_after_fourteen_days(
    outflowing, regisseur, teamleider, zorg, time_machine
) -> None:
    handover = _record(outflowing, regisseur, zorg)
    time_machine.move_to(datetime(2026, 7, 14, 10, 0, tzinfo=AMS), tick=False)
    assert not selectors.handovers_to_chase(regisseur, mine=True).exists()
    time_machine.move_to(datetime(2026, 7, 15, 10, 0, tzinfo=AMS), tick=False)
    assert list(selectors.handovers_to_chase(regisseur, mine=True)) == [handover]
    assert list(selectors.handovers_to_chase(teamleider, mine=False)) == [handover]


def test_the_chasing_term_is_configuration(
    outflowing, regisseur, zorg, settings, time_machine
) -> None:
    settings.REGIE_HANDOVER_CONFIRM_DAYS = 3
    handover = _record(outflowing, regisseur, zorg)
    time_machine.move_to(datetime(2026, 7, 4, 10, 0, tzinfo=AMS), tick=False)
    assert list(selectors.handovers_to_chase(regisseur, mine=True)) == [handover]


def test_a_confirmed_handover_is_not_chased(
    outflowing, regisseur, zorg, zorgverlener, time_machine
) -> None:
    handover = _record(outflowing, regisseur, zorg)
    handover_confirm(actor=zorgverlener, handover=handover)
    time_machine.move_to(datetime(2026, 9, 1, 10, 0, tzinfo=AMS), tick=False)
    assert not selectors.handovers_to_chase(regisseur, mine=True).exists()
