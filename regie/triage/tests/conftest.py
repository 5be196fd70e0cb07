"""Personas and builders for the triage tests.

The criteria engine and the cases app are reached through ports; ``criteria`` and ``cases``
replace them with fakes whose answers a test sets and whose calls it can inspect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.core.domain import LifeDomain, TargetGroup
from regie.nominations.models import Nomination, NominationStatus, Urgency
from regie.persons.models import Gender, Person
from regie.triage import cases_port, criteria_port
from regie.triage.models import QUESTIONS, Answer
from regie.triage.services import assessment_save, decision_propose, triage_start


@pytest.fixture
def triagist(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def voorzitter(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "triage_chair", username="voorzitter")


@pytest.fixture
def triagist_en_voorzitter(make_user, acvz: Organisation) -> User:
    """Holds both roles: may propose and confirm, but never the same decision."""
    return make_user(acvz, "triage", "triage_chair", username="triagist_en_voorzitter")


MakePerson = Callable[..., Person]
MakeNomination = Callable[..., Nomination]


@pytest.fixture
def make_person(db: None) -> MakePerson:
    counter = iter(range(1, 100_000))

    def make(*, date_of_birth: date = date(2000, 5, 17), **fields: Any) -> Person:
        n = next(counter)
        defaults = {
            "first_name": f"Sam{n}",
            "last_name": f"Synthetisch{n}",
            "gender": Gender.MAN,
            "municipality": "amsterdam",
        }
        return Person.objects.create(date_of_birth=date_of_birth, **{**defaults, **fields})

    return make


@pytest.fixture
def make_nomination(make_person: MakePerson, politie_medewerker: User) -> MakeNomination:
    def make(
        *,
        person: Person | None = None,
        status: str = NominationStatus.SUBMITTED,
        urgency: str = Urgency.NORMAL,
        target_group: str = TargetGroup.ADULT_VIOLENCE,
        days_waiting: int = 3,
    ) -> Nomination:
        assert politie_medewerker.organisation is not None
        return Nomination.objects.create(
            person=person or make_person(),
            nominating_organisation=politie_medewerker.organisation,
            nominated_by=politie_medewerker,
            proposed_target_group=target_group,
            reasons="Herhaald geweld in de wijk; meerdere partners zien zorgen.",
            urgency=urgency,
            status=status,
            submitted_at=(
                None
                if status == NominationStatus.CONCEPT
                else timezone.now() - timedelta(days=days_waiting)
            ),
        )

    return make


@dataclass
class FakeCriteria:
    """Answers like the criteria engine: ``hard`` is the overall outcome; ``by_facts`` lets it
    depend on the person's registered facts (to show a later change does not reach a frozen
    decision)."""

    hard: str = "met"
    by_facts: bool = False
    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(
        self, *, person, target_group, on_date, zrm_scores, partner_domains=None
    ) -> dict[str, Any]:
        self.calls.append(
            {
                "person": person.pk,
                "target_group": target_group,
                "zrm": zrm_scores,
                "partner_domains": partner_domains,
            }
        )
        hard = self.hard
        if self.by_facts:
            count = person.facts.count()
            hard = "met" if count >= 3 else "not_met"
        return {
            "criteria_set_id": 7,
            "criteria_set_version": "2026.1",
            "criteria_set_status": "vastgesteld",
            "hard_criteria": hard,
            "exclusions": [],
            "necessity": "met",
            "rules": [
                {
                    "id": "registraties",
                    "label": "Registraties als verdachte",
                    "outcome": hard,
                    "sentence": "3 van 3 vereiste registraties in 5 jaar."
                    if hard == "met"
                    else "Te weinig registraties in 5 jaar.",
                    "facts": [],
                }
            ],
        }


@pytest.fixture
def criteria(monkeypatch: pytest.MonkeyPatch) -> FakeCriteria:
    fake = FakeCriteria()
    monkeypatch.setattr(criteria_port, "evaluate_for_triage", fake)
    return fake


@dataclass
class FakeCases:
    opened: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, **kwargs: Any) -> int:
        self.opened.append(kwargs)
        return 4242


@pytest.fixture
def cases(monkeypatch: pytest.MonkeyPatch) -> FakeCases:
    fake = FakeCases()
    monkeypatch.setattr(cases_port, "open_case_for_admission", fake)
    return fake


def complete_assessment(*, actor: User, nomination: Nomination) -> None:
    assessment_save(
        actor=actor,
        nomination=nomination,
        scores={d.value: (2, f"Onderbouwing {d.label}.") for d in LifeDomain},
        answers=dict.fromkeys(QUESTIONS, (Answer.YES, "Onderbouwd in het overleg.")),
    )


@pytest.fixture
def in_triage(make_nomination: MakeNomination, triagist: User) -> Nomination:
    """A nomination taken into triage with a complete assessment."""
    nomination = triage_start(actor=triagist, nomination=make_nomination())
    complete_assessment(actor=triagist, nomination=nomination)
    return nomination


@pytest.fixture
def propose_admission(triagist: User, regisseur: User) -> Callable[..., Any]:
    def propose(nomination: Nomination, *, actor: User | None = None, **overrides: Any) -> Any:
        arguments: dict[str, Any] = {
            "kind": "toegelaten",
            "motivation": "Problemen op vijf leefgebieden; partners vragen om regie.",
            "target_group": TargetGroup.ADULT_VIOLENCE,
            "regisseur": regisseur,
            "first_review_date": timezone.localdate() + timedelta(days=90),
        }
        return decision_propose(
            actor=actor or triagist, nomination=nomination, **{**arguments, **overrides}
        )

    return propose
