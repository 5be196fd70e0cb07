"""Fixtures for the criteria tests: synthetic persons with facts, and the shipped sets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count
from typing import Any

import pytest

from regie.accounts.models import Organisation
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.models import CriteriaSet
from regie.criteria.services import criteria_sets_load
from regie.persons.models import JusticeFact, Person

_keys = count(1)


@pytest.fixture
def shipped_sets(db: None) -> dict[str, CriteriaSet]:
    """The shipped concept sets, loaded (again) so that tests never depend on migration data."""
    results = criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)
    return {r.criteria_set.target_group: r.criteria_set for r in results}


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    def make(**fields: Any) -> Person:
        defaults: dict[str, Any] = {
            "first_name": "Sam",
            "last_name": f"Synthetisch{next(_keys)}",
            "date_of_birth": date(1995, 3, 4),
            "gender": "m",
            "municipality": "amsterdam",
        }
        return Person.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def add_fact(politie: Organisation) -> Callable[..., JusticeFact]:
    def add(person: Person, kind: str, day: date, **fields: Any) -> JusticeFact:
        return JusticeFact.objects.create(
            person=person,
            kind=kind,
            date=day,
            source_organisation=politie,
            external_key=f"test-{next(_keys)}",
            **fields,
        )

    return add
