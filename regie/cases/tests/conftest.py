"""Personas and a case to work on: opened by the triage chair, directed by ``regisseur``, with
Reclassering taking part as an organisation and Politie (``politie_medewerker``) not at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count

import pytest

from regie.accounts.models import Organisation, User
from regie.cases.models import Action, Case, Goal
from regie.cases.services import action_add, case_open, goal_add, participant_add
from regie.core.domain import LifeDomain, TargetGroup
from regie.persons.models import Gender, Person

MakePerson = Callable[..., Person]
_numbers = count(1)


@pytest.fixture
def make_person(db: None) -> MakePerson:
    def make(*, born: date = date(2000, 5, 17), last_name: str = "Proefpersoon") -> Person:
        return Person.objects.create(
            first_name=f"Sam{next(_numbers)}",
            last_name=last_name,
            date_of_birth=born,
            gender=Gender.MAN,
            municipality="amsterdam",
        )

    return make


@pytest.fixture
def voorzitter(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "triage_chair", username="voorzitter")


@pytest.fixture
def reclasseringswerker(make_user, reclassering: Organisation) -> User:
    return make_user(reclassering, "partner", username="reclasseringswerker")


@pytest.fixture
def open_case(voorzitter: User, regisseur: User, make_person: MakePerson) -> Callable[..., Case]:
    def make(*, person: Person | None = None, regisseur_user: User | None = None) -> Case:
        return case_open(
            actor=voorzitter,
            person=person or make_person(),
            target_group=TargetGroup.ADULT_VIOLENCE,
            regisseur=regisseur_user or regisseur,
            start_date=date(2026, 1, 5),
            first_review_date=date(2026, 7, 5),
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
    return Case.objects.select_related("plan", "person").get(pk=case.pk)


@pytest.fixture
def goal(case: Case, regisseur: User) -> Goal:
    return goal_add(
        actor=regisseur,
        case=case,
        domain=LifeDomain.HOUSING,
        description="Een eigen, stabiele woonplek",
        indicator="Heeft een huurcontract op eigen naam",
        target_date=date(2026, 12, 1),
        primary_scenario="Urgentieverklaring en sociale huurwoning",
        alternative_scenarios=["Tijdelijke kamer via begeleid wonen"],
        seen_version=case.plan.version,
    )


@pytest.fixture
def action(case: Case, goal: Goal, regisseur: User, reclassering: Organisation) -> Action:
    case.plan.refresh_from_db()
    return action_add(
        actor=regisseur,
        case=case,
        goal=goal,
        description="Urgentieaanvraag indienen",
        responsible_organisation=reclassering,
        owner=None,
        due_date=date(2026, 3, 1),
        seen_version=case.plan.version,
    )
