"""Personas and a case to review: opened by the triage chair (``voorzitter``), directed by
``regisseur`` (AcVZ) with one goal in the plan, Reclassering taking part as an organisation and
Politie (``politie_medewerker``) not at all. Time is frozen by the tests that need a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count

import pytest

from regie.accounts.models import Municipality, Organisation, OrganisationType, User
from regie.cases.models import Case
from regie.cases.services import case_open, participant_add
from regie.core.domain import TargetGroup
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.services import criteria_sets_load
from regie.persons.models import Gender, Person
from regie.reviews.tests.helpers import add_goal

MakePerson = Callable[..., Person]
_numbers = count(1)

START = date(2026, 1, 5)
FIRST_REVIEW = date(2026, 7, 5)


@pytest.fixture
def make_person(db: None) -> MakePerson:
    def make(*, born: date = date(2000, 5, 17), municipality: str = "amsterdam") -> Person:
        return Person.objects.create(
            first_name=f"Sam{next(_numbers)}",
            last_name="Proefpersoon",
            date_of_birth=born,
            gender=Gender.MAN,
            municipality=municipality,
        )

    return make


@pytest.fixture
def zorg(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Forensische Zorg (test)",
        type=OrganisationType.FORENSISCHE_ZORG,
        municipality=Municipality.AMSTERDAM,
    )


@pytest.fixture
def voorzitter(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "triage_chair", username="voorzitter")


@pytest.fixture
def reclasseringswerker(make_user, reclassering: Organisation) -> User:
    return make_user(reclassering, "partner", username="reclasseringswerker")


@pytest.fixture
def zorgverlener(make_user, zorg: Organisation) -> User:
    return make_user(zorg, "partner", username="zorgverlener")


@pytest.fixture
def open_case(voorzitter: User, regisseur: User, make_person: MakePerson) -> Callable[..., Case]:
    def make(
        *,
        person: Person | None = None,
        target_group: str = TargetGroup.ADULT_VIOLENCE,
        start: date = START,
        first_review: date = FIRST_REVIEW,
        regisseur_user: User | None = None,
    ) -> Case:
        return case_open(
            actor=voorzitter,
            person=person or make_person(),
            target_group=target_group,
            regisseur=regisseur_user or regisseur,
            start_date=start,
            first_review_date=first_review,
        )

    return make


@pytest.fixture
def case(open_case, regisseur: User, reclassering: Organisation) -> Case:
    case = open_case()
    participant_add(
        actor=regisseur,
        case=case,
        organisation=reclassering,
        user=None,
        role="reclasseringswerker",
    )
    add_goal(case, regisseur)
    return Case.objects.select_related("plan", "person").get(pk=case.pk)


@pytest.fixture
def adopted_sets(db: None) -> dict[str, CriteriaSet]:
    """The shipped sets, adopted from 1 January 2026."""
    results = criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)
    sets = {}
    for result in results:
        criteria_set = result.criteria_set
        CriteriaSet.objects.filter(pk=criteria_set.pk).update(
            status=CriteriaStatus.ADOPTED, effective_from=date(2026, 1, 1)
        )
        criteria_set.refresh_from_db()
        sets[criteria_set.target_group] = criteria_set
    return sets
