from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditAction, AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.persons.models import Person
from regie.persons.services import person_create, person_find_or_create
from regie.persons.tests.factories import BSN_A, make_person

pytestmark = pytest.mark.django_db

IDENTITY: dict[str, Any] = {
    "first_name": " Daan ",
    "last_name": "Jansen",
    "date_of_birth": datetime.date(2004, 5, 17),
    "gender": "m",
    "municipality": "amsterdam",
    "district": "Zuidoost",
}


def test_creating_a_person_is_audited_and_recorded_as_an_event(politie_medewerker) -> None:
    person = person_create(actor=politie_medewerker, bsn="1112 22 333", **IDENTITY)
    assert (person.first_name, person.bsn) == ("Daan", BSN_A)
    audit = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="person")
    assert (audit.actor_id, audit.person_id, audit.object_id) == (
        politie_medewerker.pk,
        person.pk,
        str(person.pk),
    )
    event = CaseEvent.objects.get()
    assert (event.type, event.actor, event.person) == (
        EventType.PERSON_CREATED,
        politie_medewerker,
        person,
    )
    assert event.payload == {"municipality": "amsterdam"}


def test_a_person_without_bsn_is_stored_without_one(triagist) -> None:
    assert person_create(actor=triagist, **IDENTITY).bsn is None


def test_a_bsn_failing_the_eleven_test_is_refused(triagist) -> None:
    with pytest.raises(ValidationError) as exc:
        person_create(actor=triagist, bsn="111222334", **IDENTITY)
    assert "bsn" in exc.value.message_dict
    assert not Person.objects.exists()


def test_a_bsn_that_is_already_registered_is_refused(triagist) -> None:
    make_person(bsn=BSN_A)
    with pytest.raises(ValidationError) as exc:
        person_create(actor=triagist, bsn=BSN_A, **IDENTITY)
    assert "bsn" in exc.value.message_dict


def test_a_birth_date_in_the_future_is_refused(triagist) -> None:
    future = {**IDENTITY, "date_of_birth": datetime.date.today() + datetime.timedelta(days=1)}
    with pytest.raises(ValidationError) as exc:
        person_create(actor=triagist, **future)
    assert exc.value.message_dict["date_of_birth"] == ["De geboortedatum ligt in de toekomst."]


def test_a_district_only_belongs_to_amsterdam(triagist) -> None:
    with pytest.raises(ValidationError) as exc:
        person_create(actor=triagist, **{**IDENTITY, "municipality": "diemen"})
    assert exc.value.message_dict["district"] == ["Een stadsdeel hoort alleen bij Amsterdam."]


def test_a_regisseur_cannot_register_persons(regisseur) -> None:
    with pytest.raises(PermissionDenied):
        person_create(actor=regisseur, **IDENTITY)


def test_a_known_bsn_links_to_the_registered_person_instead_of_a_new_one(
    politie_medewerker,
) -> None:
    survivor = make_person()
    make_person(bsn=BSN_A, merged_into=survivor)
    person = person_find_or_create(actor=politie_medewerker, bsn=BSN_A, **IDENTITY)
    assert person == survivor
    assert Person.objects.count() == 2


def test_an_unknown_bsn_creates_the_person(politie_medewerker) -> None:
    person = person_find_or_create(actor=politie_medewerker, bsn=BSN_A, **IDENTITY)
    assert person.bsn == BSN_A
