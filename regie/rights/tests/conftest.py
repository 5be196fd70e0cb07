"""Personas and builders for the rights tests: a regiepersoon with a record of every kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.conftest import MakeUser
from regie.core.domain import LifeDomain, TargetGroup
from regie.nominations.models import (
    Nomination,
    NominationConcern,
    NominationOutcome,
    NominationStatus,
)
from regie.persons.models import Gender, JusticeFact, Person
from regie.persons.tests.factories import BSN_A, make_fact
from regie.rights.models import SubjectRequest
from regie.rights.services.requests import subject_request_receive
from regie.triage.models import (
    Answer,
    Assessment,
    AssessmentScore,
    DecisionStatus,
    Letter,
    LetterStatus,
    TriageDecision,
)


@pytest.fixture
def fg2(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "privacy_officer", username="fg2")


@pytest.fixture
def triagist(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def voorzitter(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "triage_chair", username="voorzitter")


@pytest.fixture
def toezicht(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "oversight", username="toezicht")


@dataclass
class Record:
    """A person with one record of every kind the intake and triage apps hold."""

    person: Person
    fact: JusticeFact
    nomination: Nomination
    concern: NominationConcern
    assessment: Assessment
    decision: TriageDecision
    letter: Letter


def build_record(
    *,
    partner: User,
    triagist: User,
    chair: User,
    outcome: str = NominationOutcome.ADMITTED,
    first_name: str = "Daan",
    last_name: str = "Jansen",
    bsn: str | None = BSN_A,
) -> Record:
    assert partner.organisation is not None
    person = Person.objects.create(
        bsn=bsn,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date(2004, 5, 17),
        gender=Gender.MAN,
        municipality="amsterdam",
        district="Nieuw-West",
    )
    fact = make_fact(person, partner.organisation, f"reg-{person.pk}", category="overval")
    now = timezone.now()
    nomination = Nomination.objects.create(
        person=person,
        nominating_organisation=partner.organisation,
        nominated_by=partner,
        proposed_target_group=TargetGroup.ADULT_VIOLENCE,
        reasons="Herhaald geweld in de wijk.",
        status=NominationStatus.DECIDED,
        outcome=outcome,
        submitted_at=now,
        decided_at=now,
    )
    concern = NominationConcern.objects.create(
        nomination=nomination, domain=LifeDomain.HOUSING, description="Dakloos sinds de zomer."
    )
    assessment = Assessment.objects.create(
        nomination=nomination,
        necessity=Answer.YES,
        necessity_motivation="Problemen op vijf leefgebieden.",
        updated_by=triagist,
    )
    AssessmentScore.objects.create(
        assessment=assessment, domain=LifeDomain.HOUSING, score=1, substantiation="Slaapt buiten."
    )
    admitted = outcome == NominationOutcome.ADMITTED
    decision = TriageDecision.objects.create(
        nomination=nomination,
        kind=outcome,
        status=DecisionStatus.CONFIRMED,
        proposed_by=triagist,
        proposed_at=now,
        confirmed_by=chair,
        confirmed_at=now,
        target_group=TargetGroup.ADULT_VIOLENCE if admitted else "",
        regisseur=chair if admitted else None,
        first_review_date=date(2030, 1, 1) if admitted else None,
        reason="" if admitted else "Lichtere aanpak volstaat.",
        motivation=f"{first_name} {last_name} heeft regie nodig; partners lopen vast.",
        hard_criteria="met",
        criteria_set_version="2026.1",
    )
    letter = Letter.objects.create(
        person=person,
        nomination=nomination,
        decision=decision,
        status=LetterStatus.SENT,
        sent_at=now,
        created_at=now,
    )
    return Record(person, fact, nomination, concern, assessment, decision, letter)


MakeRecord = Callable[..., Record]


@pytest.fixture
def make_record(politie_medewerker: User, triagist: User, voorzitter: User) -> MakeRecord:
    def make(**kwargs: Any) -> Record:
        return build_record(
            partner=politie_medewerker, triagist=triagist, chair=voorzitter, **kwargs
        )

    return make


@pytest.fixture
def record(make_record: MakeRecord) -> Record:
    return make_record()


MakeRequest = Callable[..., SubjectRequest]


@pytest.fixture
def make_request(fg: User, record: Record) -> MakeRequest:
    def make(
        kind: str = "access", *, person: Person | None = None, **kwargs: Any
    ) -> SubjectRequest:
        kwargs.setdefault("received_on", timezone.localdate())
        return subject_request_receive(
            actor=fg, person=person or record.person, kind=kind, **kwargs
        )

    return make
