"""A small, fully known history of nominations in 2025, written as the services record it
(the same event types and payload shapes), and the personas of the monitor.

Gender: 20 women and 40 men nominated, one nomination each.
- Women: 15 met the hard criteria, 5 did not. Of the 15, 5 admitted and 10 declined (10
  overrides); the 5 not met declined. All 5 admitted women left with "doelen bereikt".
- Men: 30 met, 10 unknown. Of the 30, 25 admitted and 5 declined (5 overrides); of the 10
  unknown, 5 admitted (5 overrides) and 5 declined. 10 admitted men left with "doelen bereikt".
Municipality: everyone lives in Amsterdam (district Nieuw-West) except one man in Amstelveen
(a group of one, declined with criteria unknown). Nobody lives in Diemen (a group of zero).
Reference population 2025: 10,000 women and 20,000 men.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

import pytest
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.events.models import CaseEvent, EventType
from regie.fairness.models import ReferencePopulation
from regie.persons.models import Person

_ids = count(1000)
BIRTH = datetime.date(2004, 3, 9)


@dataclass(frozen=True)
class Spec:
    gender: str
    hard: str
    admitted: bool
    outflow: str = ""
    municipality: str = "amsterdam"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def record_nomination(
    person: Person, organisation: Organisation, spec: Spec, day: datetime.date
) -> int:
    """Write the events of one nomination's path as the services do; returns its id."""
    nomination = next(_ids)
    CaseEvent.objects.create(
        type=EventType.NOMINATION_SUBMITTED,
        occurred_at=_at(day),
        person=person,
        nomination_id=nomination,
        payload={"target_group": "volwassenen", "organisation_id": organisation.pk},
    )
    override = (spec.admitted and spec.hard != "met") or (not spec.admitted and spec.hard == "met")
    decision = {
        "outcome": "toegelaten" if spec.admitted else "afgewezen",
        "hard_criteria": spec.hard,
        "is_override": override,
    }
    CaseEvent.objects.create(
        type=EventType.DECISION_PROPOSED,
        occurred_at=_at(day + datetime.timedelta(days=5)),
        person=person,
        nomination_id=nomination,
        payload=decision,
    )
    case_id = next(_ids) if spec.admitted else None
    CaseEvent.objects.create(
        type=EventType.DECISION_CONFIRMED,
        occurred_at=_at(day + datetime.timedelta(days=7)),
        person=person,
        nomination_id=nomination,
        case_id=case_id,
        payload=decision,
    )
    if spec.outflow:
        CaseEvent.objects.create(
            type=EventType.OUTFLOW_CONFIRMED,
            occurred_at=_at(day + datetime.timedelta(days=200)),
            person=person,
            nomination_id=nomination,
            case_id=case_id,
            payload={"reason": spec.outflow},
        )
    return nomination


def known_specs() -> list[Spec]:
    women = (
        [Spec("v", "met", True, "doelen_bereikt")] * 5
        + [Spec("v", "met", False)] * 10
        + [Spec("v", "not_met", False)] * 5
    )
    men = (
        [Spec("m", "met", True, "doelen_bereikt")] * 10
        + [Spec("m", "met", True)] * 15
        + [Spec("m", "met", False)] * 5
        + [Spec("m", "unknown", True)] * 5
        + [Spec("m", "unknown", False)] * 4
        + [Spec("m", "unknown", False, municipality="amstelveen")]
    )
    return women + men


@pytest.fixture
def history(politie: Organisation) -> Callable[..., list[Person]]:
    """Write the known history (or ``specs``) for ``year``; returns the persons."""

    def write(specs: list[Spec] | None = None, year: int = 2025) -> list[Person]:
        persons = []
        for i, spec in enumerate(specs if specs is not None else known_specs()):
            person = Person.objects.create(
                first_name=f"Voornaamuniek{i}",
                last_name=f"Achternaamuniek{i}",
                date_of_birth=BIRTH,
                gender=spec.gender,
                municipality=spec.municipality,
                district="Nieuw-West" if spec.municipality == "amsterdam" else "",
            )
            record_nomination(person, politie, spec, datetime.date(year, 3, 1 + i % 28))
            persons.append(person)
        return persons

    return write


@pytest.fixture
def reference_2025(db: None) -> None:
    for value, residents in (("v", 10_000), ("m", 20_000)):
        ReferencePopulation.objects.create(
            year=2025, dimension="gender", value=value, residents=residents, source="test"
        )


@pytest.fixture
def analist(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "analyst", username="analist")


@pytest.fixture
def toezicht(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "oversight", username="toezicht")
