"""Submitting registered facts in bulk: all or nothing, idempotent per key."""

from __future__ import annotations

from typing import Any

import pytest

from regie.accounts.models import Organisation
from regie.api.tests.conftest import OTHER_BSN, VALID_BSN, make_nomination
from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent
from regie.nominations.models import Nomination
from regie.persons.models import JusticeFact, Person
from regie.persons.signals import facts_imported

pytestmark = pytest.mark.django_db

URL = "/api/v1/facts/"


@pytest.fixture
def own_nomination(politie: Organisation, make_user):
    return make_nomination(politie, make_user(politie, "partner"), bsn=VALID_BSN)


def offence(key: str, **overrides: Any) -> dict[str, Any]:
    return {
        "external_key": key,
        "bsn": VALID_BSN,
        "kind": "offence",
        "category": "straatroof",
        "role": "verdachte",
        "date": "2024-02-03",
        **overrides,
    }


def test_facts_are_stored_for_a_person_the_organisation_nominated(
    politie_api, own_nomination, django_capture_on_commit_callbacks
) -> None:
    items = [
        offence("PL-1"),
        {
            "external_key": "PL-2",
            "nomination": own_nomination.pk,
            "kind": "detention",
            "date": "2024-03-01",
            "end_date": "2025-03-01",
        },
    ]
    received = []

    def receiver(sender, person_ids, **kwargs):
        received.append(person_ids)

    facts_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = politie_api.post(URL, items, format="json")
    finally:
        facts_imported.disconnect(receiver)

    assert response.status_code == 200, response.json()
    facts = list(JusticeFact.objects.order_by("pk"))
    assert response.json() == {
        "count": 2,
        "results": [
            {"index": 0, "external_key": "PL-1", "id": facts[0].pk},
            {"index": 1, "external_key": "PL-2", "id": facts[1].pk},
        ],
    }
    client = politie_api.api_client
    assert {f.person_id for f in facts} == {own_nomination.person_id}
    assert {f.source_organisation_id for f in facts} == {client.organisation_id}
    counts = {"rows": 2, "created": 2, "updated": 0, "unchanged": 0, "persons": 1}
    event = CaseEvent.objects.get(type="facts_imported")
    assert (event.actor_id, event.payload) == (
        client.user_id,
        {**counts, "source_organisation_ids": [client.organisation_id]},
    )
    # The shared upsert (as the file import) audits counts, with the service account as actor.
    audit = AuditEvent.objects.get(object_type="fact_import")
    assert (audit.action, audit.actor_id, audit.detail) == ("create", client.user_id, counts)
    assert received == [[own_nomination.person_id]]


def test_resubmitting_the_same_facts_changes_nothing_and_answers_the_same(
    politie_api, own_nomination
) -> None:
    items = [offence("PL-1"), offence("PL-2", category="overval")]
    first = politie_api.post(URL, items, format="json")
    second = politie_api.post(URL, items, format="json")

    assert second.status_code == 200
    assert second.json() == first.json()
    assert JusticeFact.objects.count() == 2
    assert CaseEvent.objects.filter(type="facts_imported").count() == 1
    last = AuditEvent.objects.filter(object_type="fact_import").last()
    assert last is not None
    assert (last.detail["created"], last.detail["unchanged"]) == (0, 2)


def test_one_bad_item_stores_nothing_and_every_bad_item_is_reported(
    politie_api, own_nomination, reclassering: Organisation, make_user
) -> None:
    make_nomination(reclassering, make_user(reclassering, "partner"), bsn=OTHER_BSN)
    items = [
        offence("PL-1"),
        offence("PL-2", role=None, kind="offence"),
        offence("PL-3", bsn=OTHER_BSN),
        offence("PL-1"),
        {
            "external_key": "PL-5",
            "bsn": VALID_BSN,
            "kind": "moved",
            "date": "2024-01-01",
            "category": "overval",
        },
        offence("PL-6", date="2999-01-01"),
        offence("PL-7", verzonnen=True),
        "geen object",
    ]
    response = politie_api.post(URL, items, format="json")

    assert response.status_code == 400
    errors = [(e["path"], e["code"]) for e in response.json()["errors"]]
    assert errors == [
        ("[1].role", "null"),
        ("[2].bsn", "unknown_person"),
        ("[3].external_key", "duplicate_key"),
        ("[4].category", "invalid"),
        ("[4].municipality", "invalid"),
        ("[5].date", "invalid"),
        ("[6].verzonnen", "unknown_field"),
        ("[7]", "invalid"),
    ]
    moved = {e["path"]: e for e in response.json()["errors"]}["[4].municipality"]
    assert moved["message_nl"] == "Een verhuizing heeft de nieuwe gemeente nodig."
    assert moved["message_en"] == "A move needs the new municipality."
    assert not JusticeFact.objects.exists()
    assert not CaseEvent.objects.exists()
    failed = AuditEvent.objects.get(outcome="failed")
    assert failed.detail == {"api_client": politie_api.api_client.pk, "status": 400}


def test_a_known_key_with_other_content_updates_the_fact(politie_api, own_nomination) -> None:
    first = politie_api.post(URL, [offence("PL-1")], format="json")
    second = politie_api.post(URL, [offence("PL-1", category="overval")], format="json")
    assert second.status_code == 200
    assert second.json() == first.json()
    assert JusticeFact.objects.get().category == "overval"
    last = CaseEvent.objects.filter(type="facts_imported").last()
    assert last is not None
    assert (last.payload["created"], last.payload["updated"]) == (0, 1)


def test_keys_belong_to_the_submitting_organisation(
    politie_api, reclassering_api, own_nomination, reclassering: Organisation, make_user
) -> None:
    make_nomination(reclassering, make_user(reclassering, "partner"), bsn=OTHER_BSN)
    assert politie_api.post(URL, [offence("K-1")], format="json").status_code == 200
    assert (
        reclassering_api.post(URL, [offence("K-1", bsn=OTHER_BSN)], format="json").status_code
        == 200
    )
    assert JusticeFact.objects.count() == 2


def test_a_person_is_named_by_exactly_one_of_bsn_and_nomination(
    politie_api, own_nomination
) -> None:
    both = offence("PL-1", nomination=own_nomination.pk)
    neither = offence("PL-2")
    del neither["bsn"]
    response = politie_api.post(URL, [both, neither], format="json")
    assert [e["path"] for e in response.json()["errors"]] == ["[0].bsn", "[1].bsn"]


def test_another_organisations_nomination_is_an_unknown_person(
    politie_api, reclassering: Organisation, make_user
) -> None:
    theirs = make_nomination(reclassering, make_user(reclassering, "partner"))
    item = offence("PL-1", nomination=theirs.pk)
    del item["bsn"]
    response = politie_api.post(URL, [item], format="json")
    [error] = response.json()["errors"]
    assert (error["path"], error["code"]) == ("[0].nomination", "unknown_person")
    assert error["message_en"] == "Unknown person, or a person your organisation cannot see."


@pytest.mark.parametrize(
    ("body", "path"),
    [([], ""), ({"external_key": "x"}, ""), ([offence(str(i)) for i in range(1001)], "")],
)
def test_the_body_must_be_a_list_of_1_to_1000_facts(politie_api, body, path) -> None:
    response = politie_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [path]


def test_an_end_date_before_the_start_is_refused(politie_api, own_nomination) -> None:
    item = {
        "external_key": "D-1",
        "bsn": VALID_BSN,
        "kind": "detention",
        "date": "2024-03-01",
        "end_date": "2024-01-01",
    }
    response = politie_api.post(URL, [item], format="json")
    [error] = response.json()["errors"]
    assert error["path"] == "[0].end_date"
    assert error["message_en"] == "The end date is before the start date."


def test_a_field_of_another_kind_is_named_in_english_too(politie_api, own_nomination) -> None:
    response = politie_api.post(URL, [offence("PL-1", kind="deceased", role=None)], format="json")
    errors = {e["path"]: e for e in response.json()["errors"]}
    assert errors["[0].role"]["code"] == "null"
    response = politie_api.post(URL, [offence("PL-1", kind="deceased")], format="json")
    errors = {e["path"]: e for e in response.json()["errors"]}
    assert errors["[0].category"]["message_nl"] == (
        "Dit veld hoort niet bij een feit van de soort 'Overleden'."
    )
    assert errors["[0].category"]["message_en"] == (
        "This field does not belong to a fact of the kind 'Deceased'."
    )


def test_a_fact_about_a_merged_duplicate_lands_on_the_person_it_was_merged_into(
    politie_api, own_nomination
) -> None:
    duplicate = own_nomination.person
    survivor = Person.objects.create(
        first_name="Noor",
        last_name="Voorbeeld",
        date_of_birth="2003-01-02",
        gender="v",
        municipality="amsterdam",
    )
    # What person_merge does: the duplicate points to the survivor, its nominations move.
    Person.objects.filter(pk=duplicate.pk).update(merged_into=survivor)
    Nomination.objects.filter(pk=own_nomination.pk).update(person=survivor)
    assert politie_api.post(URL, [offence("PL-1")], format="json").status_code == 200
    assert JusticeFact.objects.get().person_id == survivor.pk
