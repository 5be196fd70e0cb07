"""Nominating through the API, following one's own nominations, withdrawing them."""

from __future__ import annotations

import pytest

from regie.accounts.models import Organisation
from regie.api.tests.conftest import (
    VALID_BSN,
    make_nomination,
    nomination_data,
    person_data,
)
from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.persons.models import Person

pytestmark = pytest.mark.django_db

URL = "/api/v1/nominations/"


def test_partner_system_nominates_a_new_person_and_it_is_submitted_at_once(politie_api) -> None:
    response = politie_api.post(URL, nomination_data(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    nomination = Nomination.objects.get()
    assert response["Location"] == f"{URL}{nomination.pk}/"
    assert body["status"] == "ingediend"
    assert body["outcome"] is None
    assert body["person"] == {
        "first_name": "Sem",
        "name_prefix": "",
        "last_name": "Proefpersoon",
        "date_of_birth": "2005-03-04",
    }
    assert [c["domain"] for c in body["concerns"]] == ["dagbesteding", "justitie"]
    client = politie_api.api_client
    assert nomination.nominating_organisation == client.organisation
    assert nomination.nominated_by == client.user
    assert nomination.person.bsn == VALID_BSN
    assert list(CaseEvent.objects.values_list("type", flat=True)) == [
        "person_created",
        "nomination_submitted",
    ]
    submitted = CaseEvent.objects.get(type="nomination_submitted")
    assert submitted.payload == {
        "target_group": "jeugd",
        "organisation_id": client.organisation_id,
        "urgency": "normaal",
        "domains": ["dagbesteding", "justitie"],
        "previous_case_id": None,
    }
    # The intake services write these rows; the client's service account is the actor.
    rows = AuditEvent.objects.filter(actor_id=client.user_id).order_by("seq")
    assert [(e.action, e.object_type, e.person_id, e.detail) for e in rows] == [
        ("create", "person", nomination.person_id, {}),
        ("create", "nomination", nomination.person_id, {"status": "concept"}),
        ("change", "nomination", nomination.person_id, {"status": "ingediend"}),
    ]


def test_a_concept_is_kept_until_the_system_submits_it(politie_api) -> None:
    created = politie_api.post(URL, nomination_data(submit=False, reasons=""), format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "concept"
    assert not CaseEvent.objects.filter(type="nomination_submitted").exists()
    pk = created.json()["id"]

    incomplete = politie_api.post(f"{URL}{pk}/submit/", format="json")
    assert incomplete.status_code == 400
    assert [e["path"] for e in incomplete.json()["errors"]] == ["reasons"]

    Nomination.objects.filter(pk=pk).update(reasons="Nu met redenen.")
    submitted = politie_api.post(f"{URL}{pk}/submit/", format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "ingediend"
    again = politie_api.post(f"{URL}{pk}/submit/", format="json")
    assert again.status_code == 409
    assert again.json()["type"] == "urn:regie:problem:conflict"
    assert again.json()["detail_en"] == "This nomination has already been submitted."


def test_a_known_bsn_links_the_nomination_to_the_existing_person(
    politie_api, reclassering_api
) -> None:
    reclassering_api.post(URL, nomination_data(), format="json")
    response = politie_api.post(
        URL, nomination_data(person=person_data(first_name="Anders")), format="json"
    )
    assert response.status_code == 201
    assert Person.objects.count() == 1
    assert response.json()["person"]["first_name"] == "Sem"


def test_without_bsn_a_new_person_is_registered_for_triage_to_merge(politie_api) -> None:
    no_bsn = person_data()
    del no_bsn["bsn"]
    politie_api.post(URL, nomination_data(person=no_bsn), format="json")
    politie_api.post(URL, nomination_data(person=no_bsn), format="json")
    first, second = Person.objects.order_by("pk")
    assert Nomination.objects.count() == 2
    assert (first.full_name, first.date_of_birth) == (second.full_name, second.date_of_birth)


def test_an_empty_or_null_bsn_means_unknown(politie_api) -> None:
    for bsn in ("", None):
        response = politie_api.post(
            URL, nomination_data(person=person_data(bsn=bsn)), format="json"
        )
        assert response.status_code == 201
    assert list(Person.objects.values_list("bsn", flat=True)) == [None, None]


def test_a_known_bsn_of_a_merged_duplicate_links_to_the_person_it_was_merged_into(
    politie_api, politie: Organisation, make_user
) -> None:
    survivor = make_nomination(politie, make_user(politie, "partner")).person
    Person.objects.create(**{**person_data(), "merged_into": survivor})
    response = politie_api.post(URL, nomination_data(), format="json")
    assert response.status_code == 201
    assert Nomination.objects.get(pk=response.json()["id"]).person == survivor


def test_a_person_the_service_refuses_is_reported_under_person(politie_api) -> None:
    data = nomination_data(person=person_data(municipality="amstelveen", district="Noord"))
    response = politie_api.post(URL, data, format="json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["path"] == "person.district"
    assert error["message_nl"] == "Een stadsdeel hoort alleen bij Amsterdam."
    assert error["message_en"] == "A district belongs to Amsterdam only."


def test_a_refused_list_query_is_audited_as_a_failed_view(politie_api) -> None:
    politie_api.get(URL, {"status": "onbekend"})
    failed = AuditEvent.objects.get(outcome="failed")
    assert (failed.action, failed.object_type) == ("view", "nomination")


def test_unknown_and_read_only_fields_are_refused_with_the_other_errors(politie_api) -> None:
    data = nomination_data(status="besloten", organisatie=3, reasons="")
    data["person"] = person_data(bsn="123456789", favourite_colour="blauw")
    data["concerns"] = [
        {"domain": "justitie", "description": "a"},
        {"domain": "justitie", "description": "b", "score": 1},
    ]
    response = politie_api.post(URL, data, format="json")

    assert response.status_code == 400
    problem = response.json()
    assert problem["type"] == "urn:regie:problem:validation-error"
    assert problem["title"] == "Ongeldige gegevens"
    assert problem["title_en"] == "Invalid data"
    assert problem["instance"] == URL
    paths = {e["path"]: e["code"] for e in problem["errors"]}
    assert paths == {
        "person.bsn": "invalid_bsn",
        "person.favourite_colour": "unknown_field",
        "concerns[1].score": "unknown_field",
        "status": "unknown_field",
        "organisatie": "unknown_field",
    }
    assert not Nomination.objects.exists()
    assert not Person.objects.exists()


def test_messages_come_in_dutch_and_english(politie_api) -> None:
    response = politie_api.post(URL, {"person": {}}, format="json")
    errors = {e["path"]: e for e in response.json()["errors"]}
    assert errors["proposed_target_group"]["message_nl"] == "Dit veld is vereist."
    assert errors["proposed_target_group"]["message_en"] == "This field is required."
    assert errors["person.first_name"]["code"] == "required"


def test_a_life_domain_listed_twice_is_reported_at_the_second_item(politie_api) -> None:
    data = nomination_data(
        concerns=[
            {"domain": "justitie", "description": "a"},
            {"domain": "huisvesting", "description": "b"},
            {"domain": "justitie", "description": "c"},
        ]
    )
    response = politie_api.post(URL, data, format="json")
    assert [(e["path"], e["code"]) for e in response.json()["errors"]] == [
        ("concerns[2].domain", "duplicate")
    ]


def test_a_nomination_that_cannot_be_submitted_leaves_nothing_behind(politie_api) -> None:
    response = politie_api.post(URL, nomination_data(reasons=" ", concerns=[]), format="json")
    assert response.status_code == 400
    errors = {e["path"]: e for e in response.json()["errors"]}
    assert sorted(errors) == ["concerns", "reasons"]
    assert errors["reasons"]["message_nl"] == (
        "Beschrijf waarom persoonsgerichte regie volgens u nodig is."
    )
    assert errors["concerns"]["message_en"] == (
        "Describe the concerns you see on at least one life domain."
    )
    assert not Person.objects.exists()
    assert not Nomination.objects.exists()
    assert not CaseEvent.objects.exists()
    failed = AuditEvent.objects.get(outcome="failed")
    assert failed.detail == {"api_client": politie_api.api_client.pk, "status": 400}


def test_list_shows_only_the_own_organisations_nominations_newest_first(
    politie_api, politie: Organisation, reclassering: Organisation, make_user
) -> None:
    colleague = make_user(politie, "partner")
    other = make_user(reclassering, "partner")
    older = make_nomination(politie, colleague)
    newer = make_nomination(politie, colleague, NominationStatus.CONCEPT)
    make_nomination(reclassering, other)

    body = politie_api.get(URL).json()
    assert body["count"] == 2
    assert [n["id"] for n in body["results"]] == [newer.pk, older.pk]
    assert (body["next"], body["previous"]) == (None, None)

    only = politie_api.get(URL, {"status": "concept"}).json()
    assert [n["id"] for n in only["results"]] == [newer.pk]
    audit = AuditEvent.objects.filter(action="view", object_type="nomination").last()
    assert audit is not None
    assert audit.detail == {"api_client": politie_api.api_client.pk, "ids": [newer.pk]}


def test_list_is_paginated_with_a_bounded_number_of_queries(
    politie_api, politie: Organisation, make_user, django_assert_max_num_queries
) -> None:
    colleague = make_user(politie, "partner")
    for _ in range(7):
        make_nomination(politie, colleague)
    with django_assert_max_num_queries(14):
        first = politie_api.get(URL, {"page_size": 3}).json()
    assert first["count"] == 7
    assert len(first["results"]) == 3
    assert "page=2" in first["next"]
    last = politie_api.get(URL, {"page_size": 3, "page": 3}).json()
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert politie_api.get(URL, {"page": 4, "page_size": 3}).status_code == 404


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"page": "0"}, "page"),
        ({"page": "een"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"status": "onbekend"}, "status"),
        ({"sort": "naam"}, "sort"),
    ],
)
def test_bad_list_parameters_are_a_400_naming_the_parameter(politie_api, params, path) -> None:
    response = politie_api.get(URL, params)
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [path]


def test_retrieve_shows_status_and_outcome_but_never_the_assessment(
    politie_api, politie: Organisation, make_user
) -> None:
    nomination = make_nomination(politie, make_user(politie, "partner"), NominationStatus.DECIDED)
    Nomination.objects.filter(pk=nomination.pk).update(outcome=NominationOutcome.DECLINED)

    response = politie_api.get(f"{URL}{nomination.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["outcome"]) == ("besloten", "afgewezen")
    assert set(body) == {
        "id",
        "person",
        "proposed_target_group",
        "reasons",
        "urgency",
        "tried_already",
        "concerns",
        "status",
        "outcome",
        "created_at",
        "submitted_at",
        "decided_at",
        "withdrawn_at",
    }
    event = AuditEvent.objects.get(action="view", object_id=str(nomination.pk))
    assert event.person_id == nomination.person_id
    assert event.detail == {"api_client": politie_api.api_client.pk}
    assert response["Cache-Control"] == "no-store"


def test_another_organisations_nomination_is_not_found_for_every_action(
    politie_api, reclassering: Organisation, make_user
) -> None:
    theirs = make_nomination(reclassering, make_user(reclassering, "partner"))
    missing = theirs.pk + 1000
    for pk in (theirs.pk, missing):
        assert politie_api.get(f"{URL}{pk}/").status_code == 404
        assert politie_api.post(f"{URL}{pk}/withdraw/", format="json").status_code == 404
        assert politie_api.post(f"{URL}{pk}/submit/", format="json").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == NominationStatus.SUBMITTED
    refusals = AuditEvent.objects.filter(action="access_denied", object_type="nomination")
    assert refusals.count() == 6
    assert {e.actor_id for e in refusals} == {politie_api.api_client.user_id}
    assert {e.detail["api_client"] for e in refusals} == {politie_api.api_client.pk}
    assert sorted(e.detail["requested_action"] for e in refusals) == [
        "change",
        "change",
        "view",
        "view",
        "withdraw",
        "withdraw",
    ]


def test_withdrawing_before_the_decision_records_it(
    politie_api, politie: Organisation, make_user
) -> None:
    nomination = make_nomination(politie, make_user(politie, "partner"), NominationStatus.IN_TRIAGE)
    response = politie_api.post(f"{URL}{nomination.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "ingetrokken"
    assert response.json()["withdrawn_at"] is not None
    event = CaseEvent.objects.get(type="nomination_withdrawn")
    assert (event.nomination_id, event.payload) == (nomination.pk, {"from_status": "in_triage"})
    change = AuditEvent.objects.get(action="change", object_id=str(nomination.pk))
    assert (change.actor_id, change.detail) == (
        politie_api.api_client.user_id,
        {"status": "ingetrokken"},
    )


def test_a_decided_nomination_cannot_be_withdrawn(
    politie_api, politie: Organisation, make_user
) -> None:
    nomination = make_nomination(politie, make_user(politie, "partner"), NominationStatus.DECIDED)
    response = politie_api.post(f"{URL}{nomination.pk}/withdraw/", format="json")
    assert response.status_code == 409
    problem = response.json()
    assert problem["detail"] == (
        "Een voordracht waarover is besloten, of die al is ingetrokken, kan niet meer worden "
        "ingetrokken."
    )
    assert problem["detail_en"] == (
        "A nomination that has been decided, or that has already been withdrawn, can no longer "
        "be withdrawn."
    )
    failed = AuditEvent.objects.get(outcome="failed", object_id=str(nomination.pk))
    assert failed.detail == {"api_client": politie_api.api_client.pk, "status": 409}


def test_withdraw_takes_no_input(politie_api, politie: Organisation, make_user) -> None:
    nomination = make_nomination(politie, make_user(politie, "partner"))
    response = politie_api.post(f"{URL}{nomination.pk}/withdraw/", {"reden": "x"}, format="json")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == ["reden"]
