"""Building synthetic persons and facts for tests (names are made up)."""

from __future__ import annotations

import datetime
from typing import Any

from regie.accounts.models import Municipality, Organisation
from regie.persons.models import FactKind, Gender, JusticeFact, OffenceRole, Person

# Valid under the elfproef, and not issued to anyone we know of.
BSN_A = "111222333"
BSN_B = "123456782"


def make_person(**fields: Any) -> Person:
    defaults: dict[str, Any] = {
        "first_name": "Daan",
        "last_name": "Jansen",
        "date_of_birth": datetime.date(2004, 5, 17),
        "gender": Gender.MAN,
        "municipality": Municipality.AMSTERDAM,
        "district": "Nieuw-West",
    }
    return Person.objects.create(**{**defaults, **fields})


def make_fact(person: Person, source: Organisation, key: str, **fields: Any) -> JusticeFact:
    defaults: dict[str, Any] = {
        "kind": FactKind.OFFENCE,
        "category": "straatroof",
        "role": OffenceRole.SUSPECT,
        "date": datetime.date(2024, 3, 1),
    }
    return JusticeFact.objects.create(
        person=person, source_organisation=source, external_key=key, **{**defaults, **fields}
    )
