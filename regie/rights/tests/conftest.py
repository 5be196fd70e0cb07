"""Personas and builders for the rights tests: a regiepersoon with a record of every kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.cases.models import (
    Action,
    Agreement,
    Case,
    CaseConference,
    FamilyContact,
    Goal,
    JournalEntry,
    Participant,
    Scenario,
    Visibility,
)
from regie.cases.services.case import case_open
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
    case: Case | None = None
    journal_all: JournalEntry | None = None
    journal_regisseur: JournalEntry | None = None


def build_record(
    *,
    partner: User,
    triagist: User,
    chair: User,
    outcome: str = NominationOutcome.ADMITTED,
    first_name: str = "Daan",
    last_name: str = "Jansen",
    bsn: str | None = BSN_A,
    regisseur: User | None = None,
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
    record = Record(person, fact, nomination, concern, assessment, decision, letter)
    if regisseur is not None:
        add_case(record, chair=chair, regisseur=regisseur, partner=partner)
    return record


def add_case(record: Record, *, chair: User, regisseur: User, partner: User) -> None:
    """Open a case for the record's person with one of everything a case holds; the partner's
    organisation takes part."""
    assert partner.organisation is not None
    assert regisseur.organisation is not None
    today = timezone.localdate()
    case = case_open(
        actor=chair,
        person=record.person,
        target_group=TargetGroup.ADULT_VIOLENCE,
        regisseur=regisseur,
        start_date=today,
        first_review_date=today + timedelta(days=90),
        nomination=record.nomination,
    )
    Participant.objects.create(case=case, organisation=partner.organisation, role="wijkagent")
    goal = Goal.objects.create(
        plan=case.plan,
        domain=LifeDomain.HOUSING,
        description="Een vaste woonplek.",
        indicator="Huurcontract getekend",
        target_date=today + timedelta(days=120),
    )
    Action.objects.create(
        goal=goal,
        description="Aanmelden bij de woningcorporatie.",
        responsible_organisation=regisseur.organisation,
        due_date=today + timedelta(days=30),
    )
    Scenario.objects.create(goal=goal, kind="primair", description="Begeleid wonen.")
    conference = CaseConference.objects.create(
        case=case,
        held_on=today,
        agenda="Wonen",
        minutes="Afgesproken: aanmelding.",
        recorded_by=regisseur,
    )
    Agreement.objects.create(
        conference=conference,
        description="Politie deelt signalen wekelijks.",
        responsible_organisation=partner.organisation,
        due_date=today + timedelta(days=7),
    )
    record.journal_all = JournalEntry.objects.create(
        case=case,
        author=regisseur,
        organisation=regisseur.organisation,
        text="Gesprek op kantoor gehad.",
    )
    record.journal_regisseur = JournalEntry.objects.create(
        case=case,
        author=regisseur,
        organisation=regisseur.organisation,
        text=SECRET_JOURNAL,
        visibility=Visibility.REGISSEUR_ONLY,
    )
    FamilyContact.objects.create(
        case=case,
        relation="moeder",
        offered="Opvoedondersteuning via het wijkteam.",
        offered_on=today,
        consent_given_by="gezinslid",
        consent_given_on=today,
        recorded_by=regisseur,
    )
    record.case = case


SECRET_JOURNAL = "Melding van de buurvrouw over bedreiging."


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


@pytest.fixture
def case_record(make_record: MakeRecord, regisseur: User) -> Record:
    """A record with a running case (regisseur from AcVZ, the police taking part)."""
    return make_record(regisseur=regisseur)


MakeRequest = Callable[..., SubjectRequest]


@pytest.fixture
def make_request(fg: User, request: pytest.FixtureRequest) -> MakeRequest:
    """Receive a request about ``person`` (by default the ``record`` fixture's person)."""

    def make(
        kind: str = "access", *, person: Person | None = None, **kwargs: Any
    ) -> SubjectRequest:
        kwargs.setdefault("received_on", timezone.localdate())
        person = person or request.getfixturevalue("record").person
        return subject_request_receive(actor=fg, person=person, kind=kind, **kwargs)

    return make
