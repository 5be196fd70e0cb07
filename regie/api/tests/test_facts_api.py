"""Submitting registered facts in bulk: all or nothing, idempotent per key."""

from __future__ import annotations

from typing import Any

import pytest

from regie.accounts.models import Organisation
from regie.api.tests.conftest import OTHER_BSN, VALID_BSN, make_nomination
from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent
from regie.persons.models import JusticeFact

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
    politie_api, own_nomination
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
    response = politie_api.post(URL, items, format="json")

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
    event = CaseEvent.objects.get(type="facts_imported")
    assert event.payload == {
        "count": 2,
        "kinds": ["detention", "offence"],
        "source_organisation_id": client.organisation_id,
    }
    audit = AuditEvent.objects.get(object_type="justice_fact")
    assert (audit.action, audit.person_id) == ("create", own_nomination.person_id)
    assert audit.detail == {
        "api_client": client.pk,
        "created": [facts[0].pk, facts[1].pk],
        "unchanged": [],
    }


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
    last = AuditEvent.objects.filter(object_type="justice_fact").last()
    assert last is not None
    assert last.detail["created"] == []
    assert len(last.detail["unchanged"]) == 2


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
        offence("PL-6", date="2999-01-01", verzonnen=True),
        "geen object",
    ]
    response = politie_api.post(URL, items, format="json")

    assert response.status_code == 400
    errors = [(e["path"], e["code"]) for e in response.json()["errors"]]
    assert errors == [
        ("[1].role", "null"),
        ("[2].bsn", "unknown_person"),
        ("[3].external_key", "duplicate_key"),
        ("[4].municipality", "required"),
        ("[4].category", "not_allowed"),
        ("[5].date", "future_date"),
        ("[5].verzonnen", "unknown_field"),
        ("[6]", "invalid"),
    ]
    assert not JusticeFact.objects.exists()
    assert not CaseEvent.objects.exists()
    failed = AuditEvent.objects.get(outcome="failed")
    assert failed.detail == {"api_client": politie_api.api_client.pk, "status": 400}


def test_a_key_reused_for_a_different_fact_is_refused(politie_api, own_nomination) -> None:
    politie_api.post(URL, [offence("PL-1")], format="json")
    response = politie_api.post(URL, [offence("PL-1", category="overval")], format="json")
    assert [(e["path"], e["code"]) for e in response.json()["errors"]] == [
        ("[0].external_key", "key_reused")
    ]
    assert JusticeFact.objects.get().category == "straatroof"


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
    assert [e["path"] for e in response.json()["errors"]] == ["[0].end_date"]
