from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from regie.accounts.models import Organisation, User
from regie.conftest import MakeUser
from regie.nominations.models import Nomination, NominationConcern
from regie.persons.tests.factories import make_person


@pytest.fixture
def triagist(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def reclassering_medewerker(make_user: MakeUser, reclassering: Organisation) -> User:
    return make_user(reclassering, "partner", username="reclassering_medewerker")


MakeNomination = Callable[..., Nomination]


@pytest.fixture
def make_nomination(db: None) -> MakeNomination:
    """A nomination by ``by`` (a partner) in any state; complete unless told otherwise."""

    def make(by: User, *, concerns: dict[str, str] | None = None, **fields: Any) -> Nomination:
        defaults: dict[str, Any] = {
            "proposed_target_group": "jeugd",
            "reasons": "Herhaalde straatroven; school verlaten.",
        }
        assert by.organisation is not None
        nomination = Nomination.objects.create(
            person=fields.pop("person", None) or make_person(),
            nominating_organisation=by.organisation,
            nominated_by=by,
            **{**defaults, **fields},
        )
        for domain, text in (concerns or {"dagbesteding": "Geen school of werk."}).items():
            NominationConcern.objects.create(nomination=nomination, domain=domain, description=text)
        return nomination

    return make
