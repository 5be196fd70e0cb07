"""Fixtures for the partner API: clients with tokens per organisation and scope, and HTTP
clients that send the token."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from regie.accounts.models import Organisation, User
from regie.api.models import ApiClient, ApiScope
from regie.api.services import api_client_create
from regie.cases.models import Action, Case, Goal
from regie.cases.services import action_add, case_open, goal_add, participant_add
from regie.core.domain import LifeDomain, TargetGroup
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.models import Gender, Person

ALL_SCOPES = tuple(ApiScope.values)
VALID_BSN = "111222333"
OTHER_BSN = "123456782"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Throttle counters live in the cache; client ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


MakeClient = Callable[..., tuple[ApiClient, str]]


@pytest.fixture
def make_client(db: None) -> MakeClient:
    counter = iter(range(1, 10_000))

    def make(organisation: Organisation, *scopes: str) -> tuple[ApiClient, str]:
        return api_client_create(
            actor=None,
            organisation=organisation,
            name=f"systeem-{next(counter)}",
            scopes=scopes or ALL_SCOPES,
        )

    return make


@pytest.fixture
def bearer() -> Callable[[str], APIClient]:
    def make(token: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make


@pytest.fixture
def politie_api(make_client: MakeClient, politie: Organisation, bearer) -> APIClient:
    """The police's partner system, with every scope."""
    client, token = make_client(politie)
    api = bearer(token)
    api.api_client = client
    return api


@pytest.fixture
def reclassering_api(make_client: MakeClient, reclassering: Organisation, bearer) -> APIClient:
    client, token = make_client(reclassering)
    api = bearer(token)
    api.api_client = client
    return api


def person_data(**overrides: Any) -> dict[str, Any]:
    return {
        "bsn": VALID_BSN,
        "first_name": "Sem",
        "last_name": "Proefpersoon",
        "date_of_birth": "2005-03-04",
        "gender": "m",
        "municipality": "amsterdam",
        **overrides,
    }


def nomination_data(**overrides: Any) -> dict[str, Any]:
    return {
        "person": person_data(),
        "proposed_target_group": "jeugd",
        "reasons": "Herhaalde straatroven, school verlaten.",
        "concerns": [
            {"domain": "dagbesteding", "description": "Geen school of werk."},
            {"domain": "justitie", "description": "Drie aanhoudingen dit jaar."},
        ],
        **overrides,
    }


def make_nomination(
    organisation: Organisation,
    by: User,
    status: str = NominationStatus.SUBMITTED,
    *,
    bsn: str | None = None,
    last_name: str = "Voorbeeld",
) -> Nomination:
    person = Person.objects.create(
        bsn=bsn,
        first_name="Noor",
        last_name=last_name,
        date_of_birth="2003-01-02",
        gender=Gender.VROUW,
        municipality="amsterdam",
    )
    return Nomination.objects.create(
        person=person,
        nominating_organisation=organisation,
        nominated_by=by,
        proposed_target_group="jeugd",
        reasons="Synthetisch.",
        status=status,
    )


def open_case(
    make_user: Callable[..., User], acvz: Organisation, participant: Organisation
) -> Case:
    """A case directed from AcVZ in which ``participant`` takes part as an organisation."""
    regisseur = make_user(acvz, "regisseur")
    person = Person.objects.create(
        first_name="Sam",
        last_name="Proefpersoon",
        date_of_birth=date(2000, 5, 17),
        gender=Gender.MAN,
        municipality="amsterdam",
    )
    case = case_open(
        actor=make_user(acvz, "triage_chair"),
        person=person,
        target_group=TargetGroup.ADULT_VIOLENCE,
        regisseur=regisseur,
        start_date=date(2026, 1, 5),
        first_review_date=date(2026, 7, 5),
    )
    participant_add(actor=regisseur, case=case, organisation=participant, user=None, role="overig")
    return Case.objects.select_related("plan", "person", "regisseur").get(pk=case.pk)


def add_goal(case: Case) -> Goal:
    case.plan.refresh_from_db()
    return goal_add(
        actor=case.regisseur,
        case=case,
        domain=LifeDomain.HOUSING,
        description="Een eigen, stabiele woonplek",
        indicator="Heeft een huurcontract op eigen naam",
        target_date=date(2026, 12, 1),
        primary_scenario="Urgentieverklaring en sociale huurwoning",
        alternative_scenarios=["Tijdelijke kamer via begeleid wonen"],
        seen_version=case.plan.version,
    )


def add_action(case: Case, goal: Goal, organisation: Organisation, due: date) -> Action:
    case.plan.refresh_from_db()
    return action_add(
        actor=case.regisseur,
        case=case,
        goal=goal,
        description=f"Actie van {organisation.name}",
        responsible_organisation=organisation,
        owner=None,
        due_date=due,
        seen_version=case.plan.version,
    )
