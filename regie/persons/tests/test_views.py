from __future__ import annotations

import pytest

from regie.audit.models import AuditAction, AuditEvent
from regie.persons.models import JusticeFact
from regie.persons.tests.factories import make_fact, make_person

pytestmark = pytest.mark.django_db


def test_triage_searches_persons_and_sees_candidates(login, triagist) -> None:
    make_person(first_name="Daan", last_name="Jansen")
    page = login(triagist).get(
        "/personen/", {"first_name": "Daan", "last_name": "Janssen", "date_of_birth": "2004-05-17"}
    )
    assert "Daan Jansen" in page.content.decode()


def test_a_search_without_bsn_or_name_and_birth_date_asks_for_them(login, triagist) -> None:
    page = login(triagist).get("/personen/", {"last_name": "Jansen"}).content.decode()
    assert "Zoek op BSN, of op achternaam én geboortedatum" in page
    assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()


def test_the_person_page_shows_facts_and_possible_duplicates(login, triagist, politie) -> None:
    daan = make_person(first_name="Daan", last_name="Jansen")
    make_person(first_name="Daan", last_name="Janssen")
    make_fact(daan, politie, "PV-1", category="explosieven")
    page = login(triagist).get(f"/personen/{daan.pk}/").content.decode()
    assert "Explosieven" in page
    assert "Daan Janssen" in page
    assert "Samenvoegen in deze persoon" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=daan.pk).exists()


def test_a_partner_cannot_open_the_triage_person_pages(login, politie_medewerker) -> None:
    person = make_person()
    client = login(politie_medewerker)
    assert client.get("/personen/").status_code == 404
    assert client.get(f"/personen/{person.pk}/").status_code == 404
    assert client.post(f"/personen/{person.pk}/feiten/", {}).status_code == 404


def test_triage_adds_a_fact_on_the_person_page(login, triagist, politie) -> None:
    person = make_person()
    response = login(triagist).post(
        f"/personen/{person.pk}/feiten/",
        {
            "kind": "offence",
            "date": "2025-01-10",
            "category": "criminele_uitbuiting",
            "role": "verdachte",
            "source_organisation": politie.pk,
            "external_key": "PV-77",
        },
    )
    assert response.status_code == 302
    fact = JusticeFact.objects.get()
    assert (fact.person, fact.category, fact.external_key) == (
        person,
        "criminele_uitbuiting",
        "PV-77",
    )


def test_a_wrong_fact_shows_the_reason_next_to_the_field(login, triagist, politie) -> None:
    person = make_person()
    response = login(triagist).post(
        f"/personen/{person.pk}/feiten/",
        {"kind": "offence", "date": "2025-01-10", "source_organisation": politie.pk},
    )
    assert response.status_code == 400
    assert "Een delict heeft een delictcategorie nodig." in response.content.decode()
    assert not JusticeFact.objects.exists()


def test_a_chair_may_merge_but_not_add_facts(login, voorzitter) -> None:
    person = make_person()
    page = login(voorzitter).get(f"/personen/{person.pk}/").content.decode()
    assert "Feit toevoegen" not in page
    assert "Mogelijke dubbele registraties" in page


def test_merge_and_unmerge_through_the_pages(login, triagist, politie) -> None:
    survivor = make_person(first_name="Daan", last_name="Jansen")
    duplicate = make_person(first_name="Daan", last_name="Janssen")
    make_fact(duplicate, politie, "PV-1")
    client = login(triagist)
    client.post(f"/personen/{survivor.pk}/samenvoegen/{duplicate.pk}/")
    assert JusticeFact.objects.get().person == survivor
    page = client.get(f"/personen/{duplicate.pk}/").content.decode()
    assert "Dit is een dubbele registratie" in page
    client.post(f"/personen/{duplicate.pk}/samenvoeging-ongedaan/")
    assert JusticeFact.objects.get().person == duplicate


def test_merging_a_person_into_itself_gives_a_message_not_an_error(login, triagist) -> None:
    person = make_person()
    client = login(triagist)
    response = client.post(f"/personen/{person.pk}/samenvoegen/{person.pk}/", follow=True)
    assert "niet met zichzelf" in response.content.decode()
