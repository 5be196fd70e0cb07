from __future__ import annotations

import datetime

import pytest

from regie.audit.models import AuditAction, AuditEvent
from regie.nominations.models import Nomination
from regie.persons.selectors import person_search
from regie.persons.tests.factories import BSN_A, make_person

pytestmark = pytest.mark.django_db

DOB = datetime.date(2004, 5, 7)


def test_a_typo_in_the_name_finds_the_person(triagist) -> None:
    daan = make_person(first_name="Daan", last_name="Jansen", date_of_birth=DOB)
    found = person_search(user=triagist, first_name="Dan", last_name="Janssen", date_of_birth=DOB)
    assert [c.person for c in found] == [daan]
    assert found[0].via == "naam"


def test_the_same_name_with_another_birth_date_is_not_found(triagist) -> None:
    make_person(first_name="Daan", last_name="Jansen", date_of_birth=DOB)
    found = person_search(
        user=triagist,
        first_name="Daan",
        last_name="Jansen",
        date_of_birth=datetime.date(2004, 5, 8),
    )
    assert found == []


def test_a_birth_date_with_day_and_month_swapped_is_found(triagist) -> None:
    daan = make_person(date_of_birth=DOB)
    found = person_search(
        user=triagist,
        first_name="Daan",
        last_name="Jansen",
        date_of_birth=datetime.date(2004, 7, 5),
    )
    assert [c.person for c in found] == [daan]
    assert found[0].score < 100


def test_a_different_person_born_the_same_day_is_not_a_candidate(triagist) -> None:
    make_person(first_name="Kevin", last_name="Bakker", date_of_birth=DOB)
    assert (
        person_search(user=triagist, first_name="Daan", last_name="Jansen", date_of_birth=DOB) == []
    )


def test_a_bsn_finds_exactly_that_person(triagist) -> None:
    daan = make_person(bsn=BSN_A)
    make_person(first_name="Daan", last_name="Jansen")
    found = person_search(user=triagist, bsn=BSN_A, last_name="Jansen", date_of_birth=DOB)
    assert [(c.person, c.via, c.score) for c in found] == [(daan, "bsn", 100)]


def test_a_person_with_another_bsn_is_never_a_candidate(triagist) -> None:
    make_person(bsn="123456782", date_of_birth=DOB)
    found = person_search(
        user=triagist, bsn=BSN_A, first_name="Daan", last_name="Jansen", date_of_birth=DOB
    )
    assert found == []


def test_a_merged_duplicate_is_found_by_bsn_as_the_person_it_was_merged_into(triagist) -> None:
    survivor = make_person(date_of_birth=DOB)
    make_person(bsn=BSN_A, date_of_birth=DOB, merged_into=survivor)
    found = person_search(user=triagist, bsn=BSN_A)
    assert [c.person for c in found] == [survivor]


def test_merged_duplicates_do_not_appear_in_a_name_search(triagist) -> None:
    survivor = make_person(date_of_birth=DOB)
    make_person(date_of_birth=DOB, merged_into=survivor)
    found = person_search(user=triagist, first_name="Daan", last_name="Jansen", date_of_birth=DOB)
    assert [c.person for c in found] == [survivor]


def test_a_partner_only_finds_persons_their_organisation_nominated(
    politie_medewerker, make_user, reclassering
) -> None:
    ours = make_person(date_of_birth=DOB, first_name="Daan")
    make_person(date_of_birth=DOB, first_name="Daan", last_name="Janssen")
    Nomination.objects.create(
        person=ours,
        nominating_organisation=politie_medewerker.organisation,
        nominated_by=politie_medewerker,
    )
    found = person_search(
        user=politie_medewerker, first_name="Daan", last_name="Jansen", date_of_birth=DOB
    )
    assert [c.person for c in found] == [ours]
    other = make_user(reclassering, "partner")
    assert person_search(user=other, first_name="Daan", last_name="Jansen", date_of_birth=DOB) == []


def test_a_search_is_audited_without_the_search_terms(triagist) -> None:
    daan = make_person(date_of_birth=DOB, bsn=BSN_A)
    person_search(user=triagist, first_name="Daan", last_name="Jansen", date_of_birth=DOB)
    event = AuditEvent.objects.get(action=AuditAction.SEARCH)
    assert event.actor_id == triagist.pk
    assert event.object_type == "person"
    assert event.detail == {"by": "naam", "results": 1, "ids": [daan.pk]}
