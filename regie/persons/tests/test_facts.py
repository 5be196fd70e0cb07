from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditAction, AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.persons.models import JusticeFact
from regie.persons.services import fact_create
from regie.persons.tests.factories import make_person

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 10)


def test_an_offence_recorded_by_hand_is_audited_and_announced(
    triagist, politie, django_capture_on_commit_callbacks
) -> None:
    person = make_person()
    with django_capture_on_commit_callbacks() as callbacks:
        fact = fact_create(
            actor=triagist,
            person=person,
            kind="offence",
            category="explosieven",
            role="verdachte",
            date=DAY,
            source_organisation=politie,
        )
    assert fact.external_key.startswith("handmatig-")
    audit = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="justice_fact")
    assert (audit.person_id, audit.detail) == (person.pk, {"kind": "offence"})
    event = CaseEvent.objects.get()
    assert (event.type, event.person) == (EventType.FACT_RECORDED, person)
    assert event.payload == {
        "fact_id": fact.pk,
        "kind": "offence",
        "category": "explosieven",
        "role": "verdachte",
    }
    assert len(callbacks) == 1


def test_an_offence_needs_a_category_and_a_role(triagist, politie) -> None:
    with pytest.raises(ValidationError) as exc:
        fact_create(
            actor=triagist,
            person=make_person(),
            kind="offence",
            date=DAY,
            source_organisation=politie,
        )
    assert set(exc.value.message_dict) == {"category", "role"}


def test_a_field_that_does_not_belong_to_the_kind_is_refused(triagist, politie) -> None:
    with pytest.raises(ValidationError) as exc:
        fact_create(
            actor=triagist,
            person=make_person(),
            kind="detention",
            category="overval",
            date=DAY,
            source_organisation=politie,
        )
    assert exc.value.message_dict == {
        "category": ["Dit veld hoort niet bij een feit van de soort 'Detentie'."]
    }


def test_a_detention_cannot_end_before_it_starts(triagist, politie) -> None:
    with pytest.raises(ValidationError) as exc:
        fact_create(
            actor=triagist,
            person=make_person(),
            kind="detention",
            date=DAY,
            end_date=DAY - datetime.timedelta(days=1),
            source_organisation=politie,
        )
    assert list(exc.value.message_dict) == ["end_date"]


def test_a_detention_may_end_in_the_future_but_start_only_in_the_past(triagist, politie) -> None:
    later = datetime.date.today() + datetime.timedelta(days=900)
    fact_create(
        actor=triagist,
        person=make_person(),
        kind="detention",
        date=DAY,
        end_date=later,
        source_organisation=politie,
    )
    with pytest.raises(ValidationError):
        fact_create(
            actor=triagist,
            person=make_person(),
            kind="deceased",
            date=later,
            source_organisation=politie,
        )


def test_the_same_source_key_cannot_be_recorded_twice(triagist, politie) -> None:
    person = make_person()
    fields = {"kind": "deceased", "date": DAY, "source_organisation": politie, "external_key": "K1"}
    fact_create(actor=triagist, person=person, **fields)
    with pytest.raises(ValidationError):
        fact_create(actor=triagist, person=person, **fields)
    assert JusticeFact.objects.count() == 1


def test_only_triage_records_facts(voorzitter, politie_medewerker, politie) -> None:
    for user in (voorzitter, politie_medewerker):
        with pytest.raises(PermissionDenied):
            fact_create(
                actor=user,
                person=make_person(),
                kind="deceased",
                date=DAY,
                source_organisation=politie,
            )
