"""Partner-side person matching: a known BSN never links a stranger."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from regie.persons.models import Gender, Person
from regie.persons.services import person_find_or_create

pytestmark = pytest.mark.django_db


def test_a_known_bsn_with_another_date_of_birth_is_refused_and_reveals_no_one(
    politie_medewerker,
) -> None:
    Person.objects.create(
        bsn="111222333",
        first_name="Vreemde",
        last_name="Ander",
        date_of_birth=date(1990, 1, 1),
        gender=Gender.MAN,
        municipality="amsterdam",
    )
    with pytest.raises(ValidationError) as excinfo:
        person_find_or_create(
            actor=politie_medewerker,
            first_name="Sem",
            last_name="Proef",
            date_of_birth=date(2005, 3, 4),
            gender=Gender.MAN,
            municipality="amsterdam",
            bsn="111222333",
        )
    assert "bsn" in excinfo.value.message_dict
    assert "Vreemde" not in str(excinfo.value)
    assert Person.objects.count() == 1
