"""Criteria documents: the shipped sets, the schema and the semantic checks, with paths."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from regie.core.domain import TargetGroup
from regie.criteria.document import (
    DocumentError,
    check_document,
    read_document,
    read_file,
    schema,
    shipped_paths,
)
from regie.criteria.engine import RULE_KINDS
from regie.criteria.facts import PartnerDomain


def shipped(name: str) -> dict[str, Any]:
    data, _ = read_file(next(p for p in shipped_paths() if p.name == name))
    return data


def messages(data: Any) -> list[str]:
    return [str(p) for p in check_document(data)]


def test_every_shipped_set_passes_the_checks() -> None:
    assert [p.name for p in shipped_paths()] == [
        "doorgroeiers-v1.yaml",
        "jeugd-v1.yaml",
        "volwassenen-v1.yaml",
    ]
    for path in shipped_paths():
        data, lines = read_file(path)
        assert check_document(data, lines) == [], path.name


def test_one_shipped_concept_set_per_target_group_marked_as_concept() -> None:
    documents = [read_file(p)[0] for p in shipped_paths()]
    assert sorted(d["target_group"] for d in documents) == sorted(TargetGroup.values)
    for document in documents:
        assert document["note"] == "concept — na advies rechtmatigheidsadviescommissie"
        assert document["version"] == 1


def test_the_youth_set_counts_two_registrations_and_three_care_signals() -> None:
    hard = {r["id"]: r for r in shipped("jeugd-v1.yaml")["hard_rules"]}
    assert (hard["jg-leeftijd"]["min_years"], hard["jg-leeftijd"]["max_years"]) == (12, 23)
    assert (hard["jg-hic"]["min"], hard["jg-hic"]["window_years"]) == (2, 5)
    assert hard["jg-zorgsignalen"] == {
        "id": "jg-zorgsignalen",
        "label": "Ten minste 3 zorgsignalen (leefgebieden met ZRM-score 2 of lager)",
        "kind": "zrm",
        "min_domains": 3,
        "max_score": 2,
    }


def test_the_schema_knows_every_engine_rule_kind_and_partner_domain() -> None:
    defs = schema()["$defs"]
    assert set(defs["rule"]["properties"]["kind"]["enum"]) == set(RULE_KINDS)
    assert all(kind in defs for kind in RULE_KINDS)
    assert defs["partner_domains"]["properties"]["min_domains"]["maximum"] == len(PartnerDomain)


def test_schema_errors_carry_their_path() -> None:
    data = shipped("volwassenen-v1.yaml")
    data["hard_rules"][1]["window_years"] = -2
    del data["hard_rules"][1]["min"]
    data["hard_rules"][1]["role"] = "dader"
    data["exclusion_rules"][0]["extra"] = True
    data["version"] = "1"
    assert messages(data) == [
        "exclusion_rules[0]: onbekend veld: 'extra'",
        "hard_rules[1]: verplicht veld ontbreekt: 'min'",
        "hard_rules[1].role: 'dader' is niet toegestaan; kies uit verdachte, veroordeelde, any",
        "hard_rules[1].window_years: -2 is kleiner dan het minimum 1",
        "version: '1' is geen geheel getal",
    ]


def test_nested_rules_are_checked_with_their_full_path() -> None:
    data = shipped("jeugd-v1.yaml")
    data["necessity_rule"]["rules"][1]["min_domains"] = 4
    data["necessity_rule"]["rules"][0]["kind"] = "zrn"
    assert messages(data) == [
        "necessity_rule.rules[0].kind: 'zrn' is niet toegestaan; kies uit offence_count, age, "
        "detention_remaining, no_lawful_residence, deceased, outside_region, other_approach, "
        "zrm, partner_domains, all, any",
        "necessity_rule.rules[1].min_domains: 4 is groter dan het maximum 3",
    ]


def test_semantic_checks_unknown_codes_duplicate_ids_and_empty_ranges() -> None:
    data = copy.deepcopy(shipped("jeugd-v1.yaml"))
    data["target_group"] = "senioren"
    data["hard_rules"][0]["min_years"] = 24
    data["hard_rules"][1]["categories"][1] = "fietsdiefstal"
    data["hard_rules"][2]["domains"] = ["financien", "geluk"]
    data["necessity_rule"]["rules"][1]["id"] = "jg-hic"
    problems = messages(data)
    assert problems == [
        "hard_rules[0].min_years: min_years (24) is groter dan max_years (23)",
        "hard_rules[1].categories[1]: onbekende delictcategorie 'fietsdiefstal'; kies uit "
        "overval, straatroof, woninginbraak, zware_mishandeling, openlijke_geweldpleging, "
        "moord_doodslag, drugscriminaliteit, wapenbezit, digitale_criminaliteit, "
        "criminele_uitbuiting, explosieven, overig",
        "hard_rules[2].domains[1]: onbekend leefgebied 'geluk'; kies uit financien, "
        "dagbesteding, huisvesting, huiselijke_relaties, geestelijke_gezondheid, "
        "lichamelijke_gezondheid, verslaving, adl, sociaal_netwerk, "
        "maatschappelijke_participatie, justitie",
        "hard_rules[2].min_domains: min_domains (3) is groter dan het aantal genoemde "
        "leefgebieden (2): de regel kan nooit gelden",
        "necessity_rule.rules[1].id: regel-id 'jg-hic' komt al voor bij hard_rules[1]",
        "target_group: onbekende doelgroep 'senioren'; kies uit jeugd, doorgroeiers, volwassenen",
    ]


def test_an_age_rule_needs_a_bound() -> None:
    data = shipped("volwassenen-v1.yaml")
    del data["hard_rules"][0]["min_years"]
    assert messages(data) == ["hard_rules[0]: geef ten minste één van: min_years, max_years"]


def test_problems_point_at_their_line_in_the_file() -> None:
    text = """target_group: jeugd
version: 1
title: Test
note: concept
hard_rules:
  - id: a
    label: Leeftijd
    kind: age
    min_years: -1
exclusion_rules: []
necessity_rule:
  id: n
  label: Noodzaak
  kind: partner_domains
"""
    data, lines = read_document(text)
    problems = check_document(data, lines)
    assert [(p.line, str(p)) for p in problems] == [
        (9, "hard_rules[0].min_years: -1 is kleiner dan het minimum 0"),
        (11, "necessity_rule: verplicht veld ontbreekt: 'min_domains'"),
    ]
    assert problems[0].located("x.yaml") == (
        "x.yaml:9: hard_rules[0].min_years: -1 is kleiner dan het minimum 0"
    )


def test_json_documents_are_read_too() -> None:
    data, _ = read_document('{"target_group": "jeugd", "version": 1}')
    assert messages(data)[0] == (
        "(document): verplicht veld ontbreekt: 'title', 'note', 'hard_rules', "
        "'exclusion_rules', 'necessity_rule'"
    )


@pytest.mark.parametrize(
    ("text", "expected"), [("[1, 2", "(document)"), ("- a\nb: c", "(document)")]
)
def test_broken_syntax_is_one_problem_with_a_line(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(text)
    (problem,) = caught.value.problems
    assert problem.where == expected
    assert problem.message.startswith("geen geldige YAML/JSON")
    assert problem.line is not None


def test_odd_yaml_is_reported_not_crashed_on() -> None:
    with pytest.raises(DocumentError, match="found unhashable key"):
        read_document("? [a, b]\n: c\n")
    data, lines = read_document("version: 2026-01-01\n")
    assert "version: 2026-01-01 (een datum) is geen geheel getal" in [
        str(p) for p in check_document(data, lines)
    ]


def test_a_document_that_is_not_an_object_is_reported() -> None:
    assert messages(["a"]) == ["(document): ['a'] is geen object (sleutels met waarden)"]
