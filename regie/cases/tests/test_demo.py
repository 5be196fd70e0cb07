"""The demo cases: built through the services, with every part of the case, and idempotent."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from regie.cases.demo import build_demo
from regie.cases.models import Case, CaseConference, FamilyContact, JournalEntry, Scenario
from regie.demo.region import build_region
from regie.events.models import CaseEvent, EventType
from regie.persons.models import Gender, Person

pytestmark = pytest.mark.django_db


def _persons(n: int) -> None:
    Person.objects.bulk_create(
        Person(
            first_name=f"Demo{i}",
            last_name="Persoon",
            date_of_birth=date(1990 + i % 15, 1 + i % 12, 1 + i % 28),
            gender=Gender.MAN,
            municipality="amsterdam",
        )
        for i in range(n)
    )


def test_demo_cases_have_plans_shortages_conferences_and_journals_and_are_built_once() -> None:
    build_region(seed=3)
    _persons(12)

    build_demo(seed=3)
    counts = (Case.objects.count(), CaseEvent.objects.count(), JournalEntry.objects.count())
    build_demo(seed=3)

    assert (Case.objects.count(), CaseEvent.objects.count(), JournalEntry.objects.count()) == counts
    assert Case.objects.count() == 12
    assert Scenario.objects.filter(status="geblokkeerd").exclude(shortage_type="").exists()
    assert CaseConference.objects.exists()
    assert FamilyContact.objects.exists()
    assert Case.objects.filter(regisseur__username="regisseur").exists()
    opened = CaseEvent.objects.filter(type=EventType.CASE_OPENED)
    assert opened.filter(occurred_at__date__lt=timezone.localdate()).count() == 12
    assert Person.objects.count() == 12


def test_demo_without_the_region_does_nothing() -> None:
    _persons(3)
    build_demo(seed=1)
    assert not Case.objects.exists()
