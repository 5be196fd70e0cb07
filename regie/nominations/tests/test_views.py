from __future__ import annotations

import pytest

from regie.audit.models import AuditAction, AuditEvent
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.models import Person
from regie.persons.tests.factories import BSN_A, make_person

pytestmark = pytest.mark.django_db

PERSON = {
    "bsn": "",
    "first_name": "Daan",
    "name_prefix": "",
    "last_name": "Jansen",
    "date_of_birth": "2004-05-17",
    "gender": "m",
    "municipality": "amsterdam",
    "district": "Noord",
}
COMPLETE = {
    "proposed_target_group": "jeugd",
    "urgency": "hoog",
    "reasons": "Drie straatroven in een jaar; zakt weg op school.",
    "tried_already": "Jeugdreclassering.",
    "concern_dagbesteding": "Geen school sinds maart.",
}


def test_a_partner_nominates_a_new_person_from_search_to_submission(
    login, politie_medewerker
) -> None:
    client = login(politie_medewerker)
    search = client.get(
        "/voordrachten/nieuw/",
        {"last_name": "Jansen", "first_name": "Daan", "date_of_birth": "2004-05-17"},
    )
    assert "Geen bestaande persoon gevonden" in search.content.decode()
    response = client.post("/voordrachten/nieuw/persoon/", PERSON)
    nomination = Nomination.objects.get()
    assert response.url == f"/voordrachten/{nomination.pk}/bewerken/"
    assert nomination.status == NominationStatus.CONCEPT
    response = client.post(response.url, {**COMPLETE, "action": "indienen"})
    assert response.url == f"/voordrachten/{nomination.pk}/"
    nomination.refresh_from_db()
    assert (nomination.status, nomination.urgency) == (NominationStatus.SUBMITTED, "hoog")
    page = client.get(response.url).content.decode()
    assert "Ingediend" in page
    assert "Geen school sinds maart." in page


def test_submitting_an_incomplete_nomination_shows_dutch_messages_and_keeps_the_draft(
    login, politie_medewerker, make_nomination
) -> None:
    draft = make_nomination(politie_medewerker, reasons="", proposed_target_group="", concerns={})
    response = login(politie_medewerker).post(
        f"/voordrachten/{draft.pk}/bewerken/",
        {"urgency": "normaal", "tried_already": "Buurtcoach", "action": "indienen"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies de doelgroep die u voorstelt." in page
    assert "Beschrijf waarom persoonsgerichte regie volgens u nodig is." in page
    assert "Beschrijf op minstens één leefgebied welke zorgen u ziet." in page
    draft.refresh_from_db()
    assert (draft.status, draft.tried_already) == (NominationStatus.CONCEPT, "Buurtcoach")


def test_opslaan_als_concept_saves_without_checking_required_fields(
    login, politie_medewerker, make_nomination
) -> None:
    draft = make_nomination(politie_medewerker, reasons="", concerns={})
    response = login(politie_medewerker).post(
        f"/voordrachten/{draft.pk}/bewerken/",
        {"urgency": "acuut", "concern_huisvesting": "Dakloos.", "action": "concept"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.urgency) == (NominationStatus.CONCEPT, "acuut")
    assert list(draft.concerns.values_list("domain", flat=True)) == ["huisvesting"]


def test_a_partner_first_sees_matching_persons_before_registering_a_new_one(
    login, politie_medewerker, make_nomination
) -> None:
    known = make_person(first_name="Daan", last_name="Janssen")
    make_nomination(politie_medewerker, person=known)
    client = login(politie_medewerker)
    response = client.post("/voordrachten/nieuw/persoon/", PERSON)
    assert response.status_code == 200
    assert "Deze persoon voordragen" in response.content.decode()
    assert Person.objects.count() == 1
    client.post("/voordrachten/nieuw/persoon/", {**PERSON, "confirm_new": "True"})
    assert Person.objects.count() == 2


def test_picking_a_candidate_starts_a_draft_for_that_person(
    login, politie_medewerker, make_nomination
) -> None:
    known = make_nomination(politie_medewerker).person
    response = login(politie_medewerker).post("/voordrachten/nieuw/", {"person": known.pk})
    assert Nomination.objects.filter(person=known).count() == 2
    assert response.status_code == 302


def test_a_partner_cannot_pick_a_person_outside_their_nominations(
    login, politie_medewerker
) -> None:
    stranger = make_person()
    client = login(politie_medewerker)
    assert client.post("/voordrachten/nieuw/", {"person": stranger.pk}).status_code == 404
    assert client.post("/voordrachten/nieuw/", {"person": "x"}).status_code == 404
    assert not Nomination.objects.exists()


def test_a_known_bsn_is_linked_to_the_registered_person(login, politie_medewerker) -> None:
    registered = make_person(bsn=BSN_A)
    login(politie_medewerker).post("/voordrachten/nieuw/persoon/", {**PERSON, "bsn": BSN_A})
    assert Nomination.objects.get().person == registered
    assert Person.objects.count() == 1


def test_an_invalid_bsn_is_shown_as_a_dutch_form_error(login, politie_medewerker) -> None:
    response = login(politie_medewerker).post(
        "/voordrachten/nieuw/persoon/", {**PERSON, "bsn": "111222334"}
    )
    assert response.status_code == 400
    assert "voldoen aan de elfproef" in response.content.decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/voordrachten/{pk}/"),
        ("get", "/voordrachten/{pk}/bewerken/"),
        ("post", "/voordrachten/{pk}/bewerken/"),
        ("post", "/voordrachten/{pk}/intrekken/"),
    ],
)
def test_another_organisations_nomination_answers_not_found(
    login, politie_medewerker, reclassering_medewerker, make_nomination, method, path
) -> None:
    theirs = make_nomination(politie_medewerker)
    client = login(reclassering_medewerker)
    for pk in (theirs.pk, theirs.pk + 1000):
        response = getattr(client, method)(path.format(pk=pk), {"action": "indienen"})
        assert response.status_code == 404
    denied = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, object_type="nomination")
    assert denied.count() == 2
    theirs.refresh_from_db()
    assert theirs.status == NominationStatus.CONCEPT


def test_triage_staff_do_not_use_the_partner_pages(
    login, triagist, make_nomination, politie_medewerker
) -> None:
    nomination = make_nomination(politie_medewerker)
    client = login(triagist)
    assert client.get("/voordrachten/").status_code == 404
    assert client.get(f"/voordrachten/{nomination.pk}/").status_code == 404


def test_mijn_voordrachten_lists_only_the_own_organisations_nominations(
    login, politie_medewerker, reclassering_medewerker, make_nomination
) -> None:
    ours = make_nomination(politie_medewerker, person=make_person(last_name="Onzepersoon"))
    make_nomination(reclassering_medewerker, person=make_person(last_name="Anderepersoon"))
    page = login(politie_medewerker).get("/voordrachten/").content.decode()
    assert "Onzepersoon" in page
    assert "Anderepersoon" not in page
    audit = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="nomination")
    assert audit.detail == {"view": "mijn_voordrachten", "ids": [ours.pk]}


def test_mijn_voordrachten_needs_the_same_queries_for_many_rows(
    login, politie_medewerker, make_nomination, django_assert_max_num_queries
) -> None:
    client = login(politie_medewerker)
    make_nomination(politie_medewerker)
    with django_assert_max_num_queries(20) as few:
        client.get("/voordrachten/")
    for _ in range(30):
        make_nomination(politie_medewerker, status=NominationStatus.SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/voordrachten/")


def test_the_detail_page_offers_withdrawal_until_the_decision(
    login, politie_medewerker, make_nomination
) -> None:
    client = login(politie_medewerker)
    open_one = make_nomination(politie_medewerker, status=NominationStatus.IN_TRIAGE)
    decided = make_nomination(
        politie_medewerker, status=NominationStatus.DECIDED, outcome="toegelaten"
    )
    assert "Voordracht intrekken" in client.get(f"/voordrachten/{open_one.pk}/").content.decode()
    page = client.get(f"/voordrachten/{decided.pk}/").content.decode()
    assert "Voordracht intrekken" not in page
    assert "Toegelaten" in page
    client.post(f"/voordrachten/{decided.pk}/intrekken/")
    decided.refresh_from_db()
    assert decided.status == NominationStatus.DECIDED
    client.post(f"/voordrachten/{open_one.pk}/intrekken/")
    open_one.refresh_from_db()
    assert open_one.status == NominationStatus.WITHDRAWN


def test_the_navigation_shows_the_partner_and_triage_entries(
    login, politie_medewerker, triagist
) -> None:
    partner_page = login(politie_medewerker).get("/").content.decode()
    assert "Nieuwe voordracht" in partner_page
    assert "Mijn voordrachten" in partner_page
    assert "Personen" not in partner_page
    assert "/personen/" in login(triagist).get("/").content.decode()
