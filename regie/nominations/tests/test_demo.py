from __future__ import annotations

from collections import Counter

import pytest

from regie.demo.region import build_region
from regie.events.models import CaseEvent, EventType
from regie.nominations.demo import build_demo as build_nominations
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.demo import build_demo as build_persons
from regie.persons.models import Gender, JusticeFact, Person, elfproef

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    build_region(seed=1)
    build_persons(seed=1, persons=150)
    build_nominations(seed=1, persons=150)


def test_the_demo_builds_valid_synthetic_persons_and_facts(demo) -> None:
    persons = list(Person.objects.all())
    assert len(persons) == 150
    for person in persons:
        person.full_clean()
        assert person.bsn is None or elfproef(person.bsn)
    for fact in JusticeFact.objects.all():
        fact.full_clean()
    genders = Counter(p.gender for p in persons)
    assert genders[Gender.MAN] > 0.75 * len(persons)
    categories = set(JusticeFact.objects.values_list("category", flat=True))
    assert {"digitale_criminaliteit", "criminele_uitbuiting", "explosieven"} <= categories
    assert JusticeFact.objects.filter(kind="detention").exists()


def test_the_demo_has_nominations_in_every_partner_state_with_their_events(demo) -> None:
    statuses = Counter(Nomination.objects.values_list("status", flat=True))
    assert set(statuses) == {
        NominationStatus.CONCEPT,
        NominationStatus.SUBMITTED,
        NominationStatus.IN_TRIAGE,
        NominationStatus.WITHDRAWN,
    }
    submitted = Nomination.objects.exclude(submitted_at=None).count()
    events = Counter(CaseEvent.objects.values_list("type", flat=True))
    assert events[EventType.NOMINATION_SUBMITTED] == submitted
    assert events[EventType.NOMINATION_WITHDRAWN] == statuses[NominationStatus.WITHDRAWN]
    assert events[EventType.PERSON_CREATED] == 150
    for nomination in Nomination.objects.prefetch_related("concerns"):
        nomination.full_clean()
        assert nomination.concerns.all()
        assert nomination.created_at >= nomination.person.created_at
        if nomination.submitted_at:
            assert nomination.submitted_at >= nomination.created_at


def test_building_the_demo_again_for_the_same_seed_adds_nothing(demo) -> None:
    counts = (Person.objects.count(), Nomination.objects.count(), CaseEvent.objects.count())
    build_persons(seed=1, persons=150)
    build_nominations(seed=1, persons=150)
    assert (Person.objects.count(), Nomination.objects.count(), CaseEvent.objects.count()) == counts


def test_another_seed_adds_other_persons(demo) -> None:
    build_persons(seed=2, persons=20)
    build_nominations(seed=2, persons=20)
    assert Person.objects.count() == 170
    assert Person.objects.exclude(bsn=None).values("bsn").distinct().count() == (
        Person.objects.exclude(bsn=None).count()
    )


def test_just_after_midnight_no_person_is_registered_later_than_now(time_machine) -> None:
    """The demo registers persons at an office hour on some day up to today; run just after
    midnight, today's office hours are still to come, and a registration must not be."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    time_machine.move_to(datetime(2026, 12, 1, 0, 20, tzinfo=ZoneInfo("Europe/Amsterdam")))
    build_region(seed=1)
    build_persons(seed=1, persons=150)
    now = timezone.now()
    assert Person.objects.count() == 150
    assert not Person.objects.filter(created_at__gt=now).exists()
    assert not CaseEvent.objects.filter(type=EventType.PERSON_CREATED, occurred_at__gt=now).exists()
