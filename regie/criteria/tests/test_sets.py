"""Stored criteria sets: which one applies, loading them, evaluating a stored person."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regie.audit.models import AuditEvent
from regie.criteria.document import DocumentError
from regie.criteria.engine import Outcome
from regie.criteria.evaluation import evaluate, person_facts
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.selectors import (
    criteria_set_for_evaluation,
    criteria_set_in_force,
    criteria_set_latest_concept,
)
from regie.criteria.services import criteria_set_load, criteria_sets_load
from regie.criteria.snapshot import evaluation_from_json, evaluation_to_json
from regie.persons.models import Person

ON = date(2026, 11, 30)


def version_of(base: CriteriaSet, version: int, **fields: Any) -> CriteriaSet:
    document = {**base.document, "version": version}
    return CriteriaSet.objects.create(
        target_group=base.target_group,
        version=version,
        title=base.title,
        document=document,
        **fields,
    )


def test_migration_ships_the_three_concept_sets(db: None) -> None:
    # pytest-django runs this before any transactional test could flush the migrated rows.
    sets = CriteriaSet.objects.filter(version=1).order_by("target_group")
    assert [(s.target_group, s.status) for s in sets] == [
        ("doorgroeiers", "concept"),
        ("jeugd", "concept"),
        ("volwassenen", "concept"),
    ]
    assert {s.note for s in sets} == {"concept — na advies rechtmatigheidsadviescommissie"}


def test_the_shipped_sets_migration_reverses_and_reapplies(db: None) -> None:
    migration = import_module("regie.criteria.migrations.0002_shipped_concept_sets")
    adopted = CriteriaSet.objects.get(target_group="jeugd", version=1)
    adopted.status, adopted.effective_from = CriteriaStatus.ADOPTED, date(2026, 1, 1)
    adopted.save()
    migration.unload(django_apps, None)
    assert list(CriteriaSet.objects.values_list("target_group", "version")) == [("jeugd", 1)]
    migration.load(django_apps, None)
    migration.load(django_apps, None)
    assert CriteriaSet.objects.filter(version=1).count() == 3
    assert CriteriaSet.objects.get(target_group="jeugd").status == "vastgesteld"


def test_only_an_adopted_set_is_in_force_within_its_period(
    shipped_sets: dict[str, CriteriaSet],
) -> None:
    adult = shipped_sets["volwassenen"]
    assert criteria_set_in_force("volwassenen", ON) is None
    adopted = version_of(
        adult,
        2,
        status=CriteriaStatus.ADOPTED,
        effective_from=date(2026, 1, 1),
        effective_until=date(2026, 12, 31),
    )
    assert criteria_set_in_force("volwassenen", date(2025, 12, 31)) is None
    assert criteria_set_in_force("volwassenen", date(2026, 1, 1)) == adopted
    assert criteria_set_in_force("volwassenen", date(2026, 12, 31)) == adopted
    assert criteria_set_in_force("volwassenen", date(2027, 1, 1)) is None
    assert criteria_set_in_force("jeugd", ON) is None


def test_the_highest_adopted_version_wins_and_expired_sets_never_apply(
    shipped_sets: dict[str, CriteriaSet],
) -> None:
    adult = shipped_sets["volwassenen"]
    version_of(adult, 2, status=CriteriaStatus.ADOPTED, effective_from=date(2026, 1, 1))
    newer = version_of(adult, 3, status=CriteriaStatus.ADOPTED, effective_from=date(2026, 6, 1))
    version_of(adult, 4, status=CriteriaStatus.EXPIRED, effective_from=date(2026, 7, 1))
    assert criteria_set_in_force("volwassenen", ON) == newer


def test_without_an_adopted_set_the_latest_concept_is_used_and_labelled(
    shipped_sets: dict[str, CriteriaSet],
) -> None:
    youth = shipped_sets["jeugd"]
    proposed = version_of(youth, 2, status=CriteriaStatus.PROPOSED)
    assert criteria_set_latest_concept("jeugd") == proposed
    chosen = criteria_set_for_evaluation("jeugd", ON)
    assert chosen == proposed
    assert chosen is not None
    assert not chosen.adopted


def test_a_version_is_unique_per_target_group(shipped_sets: dict[str, CriteriaSet]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        version_of(shipped_sets["jeugd"], 1)


def test_an_adopted_set_needs_an_effective_date(shipped_sets: dict[str, CriteriaSet]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        version_of(shipped_sets["jeugd"], 2, status=CriteriaStatus.ADOPTED)


def test_the_model_refuses_a_document_that_does_not_pass_the_checks(
    shipped_sets: dict[str, CriteriaSet],
) -> None:
    criteria_set = shipped_sets["jeugd"]
    criteria_set.document = {**criteria_set.document, "hard_rules": []}
    with pytest.raises(ValidationError) as caught:
        criteria_set.full_clean()
    assert caught.value.message_dict["document"] == ["hard_rules: ten minste 1 element(en) nodig"]
    criteria_set.document = {**shipped_sets["volwassenen"].document}
    with pytest.raises(ValidationError, match="wijken af"):
        criteria_set.full_clean()


def test_loading_stores_a_concept_and_audits_it(shipped_sets: dict[str, CriteriaSet]) -> None:
    document = {**shipped_sets["jeugd"].document, "version": 2}
    result = criteria_set_load(document=document, actor=None)
    assert result.created
    assert (result.criteria_set.status, result.criteria_set.version) == ("concept", 2)
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.object_type, event.object_id, event.actor_id) == (
        "create",
        "criteria_set",
        str(result.criteria_set.pk),
        None,
    )
    assert event.detail == {"target_group": "jeugd", "version": 2}


def test_loading_an_identical_version_again_changes_nothing(
    shipped_sets: dict[str, CriteriaSet],
) -> None:
    before = AuditEvent.objects.count()
    result = criteria_set_load(document=shipped_sets["jeugd"].document, actor=None)
    assert (result.created, result.criteria_set) == (False, shipped_sets["jeugd"])
    assert AuditEvent.objects.count() == before


def test_a_stored_version_is_never_changed(shipped_sets: dict[str, CriteriaSet]) -> None:
    changed = {**shipped_sets["jeugd"].document, "title": "Anders"}
    with pytest.raises(ValidationError, match="nieuw versienummer"):
        criteria_set_load(document=changed, actor=None)
    assert CriteriaSet.objects.get(pk=shipped_sets["jeugd"].pk).title != "Anders"


def test_loading_several_sets_is_all_or_nothing(shipped_sets: dict[str, CriteriaSet]) -> None:
    good = {**shipped_sets["jeugd"].document, "version": 5}
    bad = {**shipped_sets["volwassenen"].document, "version": 5, "hard_rules": []}
    with pytest.raises(DocumentError):
        criteria_sets_load(documents=[good, bad], actor=None)
    assert not CriteriaSet.objects.filter(version=5).exists()


def test_person_facts_is_one_query_and_includes_merged_duplicates(
    make_person: Callable[..., Person],
    add_fact: Callable[..., Any],
    django_assert_num_queries: Any,
) -> None:
    person = make_person()
    duplicate = make_person(merged_into=person)
    first = add_fact(person, "offence", date(2025, 1, 1), category="overval", role="verdachte")
    second = add_fact(duplicate, "detention", date(2026, 1, 1), end_date=date(2029, 1, 1))
    make_person()
    with django_assert_num_queries(1):
        facts = person_facts(person)
    assert [f.id for f in facts.facts] == [first.pk, second.pk]
    assert (facts.person_id, facts.date_of_birth, facts.municipality) == (
        person.pk,
        date(1995, 3, 4),
        "amsterdam",
    )


def test_evaluating_a_stored_person_against_the_adult_concept_set(
    shipped_sets: dict[str, CriteriaSet],
    make_person: Callable[..., Person],
    add_fact: Callable[..., Any],
) -> None:
    person = make_person()
    for day, category in [
        (date(2024, 1, 12), "overval"),
        (date(2025, 5, 3), "straatroof"),
        (date(2025, 10, 10), "woninginbraak"),
    ]:
        add_fact(person, "offence", day, category=category, role="verdachte")
    evaluation = evaluate(
        shipped_sets["volwassenen"],
        person,
        ON,
        {"financien": 2, "huisvesting": 1},
        partner_domains=["zorg", "veiligheid"],
        other_approach=False,
    )
    assert (evaluation.hard_criteria, evaluation.exclusion, evaluation.necessity) == (
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.MET,
    )
    assert evaluation.criteria_set.id == shipped_sets["volwassenen"].pk
    assert not evaluation.criteria_set.adopted


def test_the_snapshot_is_plain_json_and_reads_back_identically(
    shipped_sets: dict[str, CriteriaSet],
    make_person: Callable[..., Person],
    add_fact: Callable[..., Any],
) -> None:
    person = make_person(date_of_birth=date(2010, 5, 1))
    fact = add_fact(person, "offence", date(2026, 2, 1), category="straatroof", role="verdachte")
    evaluation = evaluate(shipped_sets["jeugd"], person, ON, {"verslaving": 1})
    snapshot = json.loads(json.dumps(evaluation_to_json(evaluation)))
    assert evaluation_from_json(snapshot) == evaluation
    assert snapshot["criteria_set"] == {
        "id": shipped_sets["jeugd"].pk,
        "target_group": "jeugd",
        "version": 1,
        "status": "concept",
        "adopted": False,
        "title": "Jongeren die afglijden in criminaliteit (12–23)",
        "note": "concept — na advies rechtmatigheidsadviescommissie",
        "document_sha256": shipped_sets["jeugd"].document_sha256,
    }
    (hic,) = [r for r in snapshot["hard_rules"] if r["id"] == "jg-hic"]
    assert hic["facts"] == [
        {
            "id": fact.pk,
            "kind": "offence",
            "date": "2026-02-01",
            "category": "straatroof",
            "role": "verdachte",
            "end_date": None,
            "residence_status": None,
            "municipality": None,
        }
    ]
    assert snapshot["summary"] == (
        "Harde criteria niet voldaan; onbekend of een exclusiegrond van toepassing is; "
        "noodzaak onbekend (peildatum 30-11-2026, CONCEPT-criteria jeugd versie 1)."
    )
