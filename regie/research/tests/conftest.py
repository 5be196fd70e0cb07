"""A known small history for the research export, written straight into the tables so that
every date is exactly what the assertions expect (the services that make these rows are tested
in their own apps).

On 30 November 2026 (time frozen by the tests): seven persons nominated by the police in March
2025 and admitted in April 2025, seven declined the same day and one withdrawn — all men of 24
from Amsterdam in the adult violence target group, so that both groups form classes of at least
five. ``Ali`` (admitted) has two reviews and an outflow, ZRM at triage and offences around the
decision. ``Noor`` (a woman of 45 from Diemen, nominated by the municipality) has a combination
nobody else has and is always suppressed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path

import pytest
import time_machine

from regie.accounts.models import Municipality, Organisation, OrganisationType, User
from regie.cases.models import Case
from regie.core.domain import LifeDomain, TargetGroup
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.persons.models import FactKind, Gender, JusticeFact, OffenceRole, Person
from regie.research.models import ResearchProject
from regie.research.services import research_project_create
from regie.reviews.models import Outflow, OutflowStatus, Review, ReviewScore
from regie.triage.models import Assessment, AssessmentScore

TODAY = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SUBMITTED = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
DECIDED = datetime(2025, 4, 2, 14, 0, tzinfo=UTC)
BORN = date(2000, 5, 17)  # 24 on 10 March 2025

_keys = count(1)


def valid_bsn(n: int) -> str:
    """A BSN that passes the eleven test, distinct per ``n``."""
    for candidate in range(100_000_000 + n * 97, 999_999_999):
        digits = f"{candidate:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            return digits
    raise AssertionError("no BSN")


@pytest.fixture(autouse=True)
def frozen_today() -> Iterator[object]:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@dataclass
class History:
    persons: dict[str, Person] = field(default_factory=dict)
    nominations: dict[str, Nomination] = field(default_factory=dict)


@pytest.fixture
def history(
    db: None, make_user: Callable[..., User], politie: Organisation, acvz: Organisation
) -> History:
    gemeente = Organisation.objects.create(
        name="Gemeente Diemen (test)", type=OrganisationType.GEMEENTE, municipality="diemen"
    )
    agent = make_user(politie, "partner", username="agent", mfa=False)
    ambtenaar = make_user(gemeente, "partner", username="ambtenaar", mfa=False)
    regisseur = make_user(acvz, "regisseur", username="regie", mfa=False)
    voorzitter = make_user(acvz, "triage_chair", username="chair", mfa=False)
    result = History()

    def person(
        name: str, *, born: date = BORN, gender: str = Gender.MAN, place: str = "amsterdam"
    ) -> Person:
        n = len(result.persons) + 1
        result.persons[name] = Person.objects.create(
            first_name=name,
            last_name=f"Achternaam{name}",
            bsn=valid_bsn(n),
            date_of_birth=born,
            gender=gender,
            municipality=place,
        )
        return result.persons[name]

    def nominate(
        name: str, subject: Person, *, outcome: str, by: User = agent, org: Organisation = politie
    ) -> Nomination:
        withdrawn = outcome == "ingetrokken"
        nomination = Nomination.objects.create(
            person=subject,
            nominating_organisation=org,
            nominated_by=by,
            proposed_target_group=TargetGroup.ADULT_VIOLENCE,
            reasons="Vrije tekst die nooit in de export mag staan",
            status=NominationStatus.WITHDRAWN if withdrawn else NominationStatus.DECIDED,
            outcome="" if withdrawn else outcome,
            submitted_at=SUBMITTED,
            decided_at=None if withdrawn else DECIDED,
            withdrawn_at=DECIDED if withdrawn else None,
        )
        result.nominations[name] = nomination
        return nomination

    for i in range(7):
        name = "Ali" if i == 0 else f"Toegelaten{i}"
        nomination = nominate(name, person(name), outcome=NominationOutcome.ADMITTED)
        Case.objects.create(
            person=nomination.person,
            target_group=TargetGroup.ADULT_VIOLENCE,
            regisseur=regisseur,
            start_date=date(2025, 4, 2),
            first_review_date=date(2025, 10, 2),
            next_review_date=date(2025, 10, 2),
            nomination=nomination,
        )
    for i in range(7):
        name = f"Afgewezen{i}"
        nominate(name, person(name), outcome=NominationOutcome.DECLINED)
    nominate("Ingetrokken", person("Ingetrokken"), outcome="ingetrokken")
    nominate(
        "Noor",
        person("Noor", born=date(1980, 1, 1), gender=Gender.VROUW, place=Municipality.DIEMEN),
        outcome=NominationOutcome.DECLINED,
        by=ambtenaar,
        org=gemeente,
    )
    # A nomination still in triage and a concept: neither is in the export.
    Nomination.objects.create(
        person=result.persons["Afgewezen1"],
        nominating_organisation=politie,
        nominated_by=agent,
        proposed_target_group=TargetGroup.ADULT_VIOLENCE,
        status=NominationStatus.IN_TRIAGE,
        submitted_at=datetime(2025, 6, 1, 9, 0, tzinfo=UTC),
    )

    ali = result.nominations["Ali"]
    assessment = Assessment.objects.create(nomination=ali, updated_by=voorzitter)
    for domain in LifeDomain:
        AssessmentScore.objects.create(
            assessment=assessment,
            domain=domain,
            score=1 if domain == LifeDomain.HOUSING else 2,
            substantiation="Onderbouwing die nooit in de export mag staan",
        )
    case = Case.objects.get(nomination=ali)

    def hold(held_on: date, recorded: datetime, decision: str, **extra: object) -> Review:
        return Review.objects.create(
            case=case,
            kind="regulier",
            due_date=held_on,
            held_on=held_on,
            held_by=regisseur,
            recorded_at=recorded,
            added_value="ja",
            added_value_motivation="Motivering die nooit in de export mag staan",
            proportional="ja",
            proportionality_motivation="Motivering die nooit in de export mag staan",
            decision=decision,
            **extra,
        )

    first = hold(
        date(2025, 9, 30),
        datetime(2025, 9, 30, 15, 0, tzinfo=UTC),
        "continue",
        next_review_date=date(2026, 3, 30),
    )
    wrong = hold(
        date(2026, 3, 25),
        datetime(2026, 3, 25, 15, 0, tzinfo=UTC),
        "continue",
        next_review_date=date(2026, 9, 25),
    )
    second = hold(
        date(2026, 3, 25),
        datetime(2026, 3, 26, 15, 0, tzinfo=UTC),
        "outflow",
        corrects=wrong,
        correction_reason="Besluit verkeerd vastgelegd",
    )
    for review, score in ((first, 3), (wrong, 1), (second, 4)):
        for domain in LifeDomain:
            ReviewScore.objects.create(review=review, domain=domain, score=score)
    Outflow.objects.create(
        case=case,
        review=second,
        reason="anders",
        reason_text="Toelichting die nooit in de export mag staan",
        care_needed="Zorg die nooit in de export mag staan",
        status=OutflowStatus.CONFIRMED,
        proposed_by=regisseur,
        decided_by=voorzitter,
        decided_at=datetime(2026, 4, 20, 10, 0, tzinfo=UTC),
        outflow_date=date(2026, 4, 20),
        follow_up_due=date(2026, 10, 20),
    )
    Case.objects.filter(pk=case.pk).update(status="uitgestroomd")
    for when, category in (
        (date(2023, 6, 1), "straatroof"),  # 22 months before the decision
        (date(2024, 5, 1), "straatroof"),  # 11 months before
        (date(2025, 4, 2), "overval"),  # the decision day: counts as before
        (date(2025, 6, 1), "zware_mishandeling"),  # 2 months after
        (date(2026, 10, 1), "overval"),  # 18 months after
        (date(2020, 1, 1), "overval"),  # long before: in no window
    ):
        JusticeFact.objects.create(
            person=ali.person,
            source_organisation=politie,
            external_key=f"feit-{next(_keys)}",
            kind=FactKind.OFFENCE,
            category=category,
            role=OffenceRole.SUSPECT,
            date=when,
        )
    return result


@pytest.fixture
def project(beheerder: User) -> ResearchProject:
    return research_project_create(
        actor=beheerder,
        name="WODC-effectmeting",
        purpose="Effect van persoonsgerichte regie op recidive",
        legal_basis="art. 24 UAVG",
        approval_reference="DPIA-2026-07",
        approved_by="FG AcVZ",
    )


def read_rows(directory: Path) -> list[dict[str, str]]:
    with (directory / "data.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
