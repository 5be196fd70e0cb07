from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from regie.events.models import CaseEvent, EventType
from regie.triage.letters import letter_generate_pdf, letter_mark_sent, letter_postpone
from regie.triage.models import Letter, LetterStatus
from regie.triage.selectors import overdue_letters
from regie.triage.services import decision_confirm, triage_start

from .conftest import complete_assessment


@pytest.fixture
def admit(criteria, cases, triagist, voorzitter, propose_admission, make_nomination):
    def do(**person_fields) -> Letter:
        nomination = make_nomination(**person_fields)
        triage_start(actor=triagist, nomination=nomination)
        complete_assessment(actor=triagist, nomination=nomination)
        decision_confirm(actor=voorzitter, decision=propose_admission(nomination))
        return Letter.objects.get(nomination=nomination)

    return do


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_admission_letter_is_a_dutch_pdf_with_approach_data_rights_and_contact(
    admit, triagist
) -> None:
    letter = admit()

    pdf = letter_generate_pdf(actor=triagist, letter=letter)

    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert letter.person.full_name in text
    for phrase in (
        "persoonsgerichte regie",
        "Welke gegevens gebruiken wij",
        "inzage",
        "correctie",
        "bezwaar",
        "beperking",
        "verwijdering",
        "Centraal contactpunt",
        f"PGR-{letter.pk}",
    ):
        assert phrase in text, phrase
    assert "ouder(s) of verzorger(s)" not in text


def test_letter_to_a_minor_is_also_addressed_to_the_parents(admit, make_person, triagist) -> None:
    today = timezone.localdate()
    minor = make_person(date_of_birth=date(today.year - 16, 1, 1))

    letter = admit(person=minor)

    assert letter.to_parents is True
    assert "ouder(s) of verzorger(s)" in pdf_text(
        letter_generate_pdf(actor=triagist, letter=letter)
    )


def test_a_person_turning_18_on_the_decision_date_is_an_adult(admit, make_person) -> None:
    today = timezone.localdate()
    person = make_person(date_of_birth=today.replace(year=today.year - 18))

    assert admit(person=person).to_parents is False


def test_sent_letter_keeps_the_copy_that_was_sent(admit, triagist) -> None:
    letter = admit()

    letter_mark_sent(actor=triagist, letter=letter)
    letter.refresh_from_db()
    sent_copy = bytes(letter.pdf)
    letter.person.last_name = "Gecorrigeerd"
    letter.person.save()

    assert letter.status == LetterStatus.SENT
    assert letter_generate_pdf(actor=triagist, letter=letter) == sent_copy
    event = CaseEvent.objects.get(type=EventType.LETTER_SENT)
    assert event.payload == {"letter": letter.pk, "to_parents": False}
    assert event.case_id == 4242


def test_postponement_requires_a_ground_and_an_end_date(admit, triagist) -> None:
    letter = admit()

    with pytest.raises(ValidationError) as raised:
        letter_postpone(actor=triagist, letter=letter, ground="", until=None)
    assert set(raised.value.message_dict) == {"ground", "until"}
    with pytest.raises(ValidationError) as raised:
        letter_postpone(
            actor=triagist, letter=letter, ground="Lopend onderzoek.", until=timezone.localdate()
        )
    assert set(raised.value.message_dict) == {"until"}

    until = timezone.localdate() + timedelta(days=30)
    letter_postpone(
        actor=triagist, letter=letter, ground="Lopend strafrechtelijk onderzoek.", until=until
    )

    letter.refresh_from_db()
    assert (letter.status, letter.postponed_until) == (LetterStatus.POSTPONED, until)
    event = CaseEvent.objects.get(type=EventType.LETTER_POSTPONED)
    assert event.payload == {"letter": letter.pk, "until": until.isoformat()}


def test_overdue_letters_are_listed_for_triage(
    admit, triagist, voorzitter, politie_medewerker
) -> None:
    fresh = admit()
    old = admit()
    postponed = admit()
    Letter.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=15))
    letter_postpone(
        actor=triagist,
        letter=postponed,
        ground="Lopend onderzoek.",
        until=timezone.localdate() + timedelta(days=2),
    )

    assert list(overdue_letters(triagist)) == [old]
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert set(overdue_letters(triagist)) == {old, postponed}
        assert set(overdue_letters(voorzitter)) == {old, postponed}
        assert list(overdue_letters(politie_medewerker)) == []
    letter_mark_sent(actor=triagist, letter=old)
    assert fresh not in overdue_letters(triagist)
    assert list(overdue_letters(triagist)) == []
