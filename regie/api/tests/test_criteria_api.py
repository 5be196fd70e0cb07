"""Reading the criteria: adopted sets, and the concept triage uses where none is in force."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import time_machine

from regie.audit.models import AuditEvent
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.services import criteria_sets_load

pytestmark = pytest.mark.django_db

URL = "/api/v1/criteria/"


@pytest.fixture
def shipped() -> dict[str, CriteriaSet]:
    """The shipped concept sets (loaded again, so the tests never depend on migration data)."""
    results = criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)
    return {r.criteria_set.target_group: r.criteria_set for r in results}


def adopt(criteria_set: CriteriaSet, start: date, end: date | None = None) -> None:
    CriteriaSet.objects.filter(pk=criteria_set.pk).update(
        status=CriteriaStatus.ADOPTED, effective_from=start, effective_until=end
    )


def new_version(criteria_set: CriteriaSet) -> CriteriaSet:
    document = copy.deepcopy(criteria_set.document)
    document["version"] += 1
    [result] = criteria_sets_load(documents=[document], actor=None)
    return result.criteria_set


def test_without_an_adopted_set_the_concept_triage_evaluates_against_is_listed_as_such(
    politie_api, shipped
) -> None:
    response = politie_api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert [
        (s["target_group"], s["status"], s["adopted"], s["in_force"]) for s in body["results"]
    ] == [
        ("doorgroeiers", "concept", False, False),
        ("jeugd", "concept", False, False),
        ("volwassenen", "concept", False, False),
    ]


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_an_adopted_set_in_force_replaces_the_concept_of_its_target_group(
    politie_api, shipped
) -> None:
    youth = shipped["jeugd"]
    adopt(youth, date(2026, 1, 1))
    next_version = new_version(youth)
    later = new_version(shipped["volwassenen"])
    adopt(later, date(2027, 1, 1))

    sets = politie_api.get(URL).json()["results"]
    listed = [(s["target_group"], s["version"], s["adopted"], s["in_force"]) for s in sets]
    assert listed == [
        ("doorgroeiers", 1, False, False),
        ("jeugd", 1, True, True),
        ("volwassenen", 2, True, False),
        ("volwassenen", 1, False, False),
    ]
    assert next_version.pk not in {s["id"] for s in sets}


def test_rules_come_as_data_and_as_dutch_sentences(politie_api, shipped) -> None:
    youth = shipped["jeugd"]
    [listed] = politie_api.get(URL, {"target_group": "jeugd"}).json()["results"]
    assert listed["document"] == youth.document
    assert listed["document_sha256"] == youth.document_sha256
    assert listed["title"] == youth.title
    rules = listed["rules"]
    assert rules[0] == {
        "id": "jg-leeftijd",
        "part": "hard",
        "parent": None,
        "label": "12 tot en met 23 jaar",
        "sentence": "Leeftijd op de peildatum: 12 tot en met 23 jaar.",
    }
    necessity = [(r["id"], r["parent"]) for r in rules if r["part"] == "necessity"]
    assert necessity == [
        ("noodzaak", None),
        ("noodzaak-leefgebieden", "noodzaak"),
        ("noodzaak-partners", "noodzaak"),
    ]
    assert [r["part"] for r in rules].count("exclusion") == len(youth.document["exclusion_rules"])


def test_reading_the_criteria_is_audited(politie_api, shipped) -> None:
    politie_api.get(URL, {"page_size": 2})
    event = AuditEvent.objects.get(action="view", object_type="criteria_set")
    assert event.actor_id == politie_api.api_client.user_id
    assert event.detail == {
        "api_client": politie_api.api_client.pk,
        "ids": [shipped["doorgroeiers"].pk, shipped["jeugd"].pk],
    }


@pytest.mark.parametrize(
    ("params", "path"),
    [({"target_group": "kinderen"}, "target_group"), ({"status": "x"}, "status")],
)
def test_bad_parameters_are_a_400_naming_the_parameter(politie_api, shipped, params, path) -> None:
    response = politie_api.get(URL, params)
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [path]


def test_the_list_costs_a_bounded_number_of_queries(
    politie_api, shipped, django_assert_max_num_queries
) -> None:
    for criteria_set in shipped.values():
        new_version(criteria_set)
    with django_assert_max_num_queries(16):
        body = politie_api.get(URL).json()
    assert body["count"] == 3
