"""A small known history for the yearly monitor, written as the services write it.

Every event below has the type, the ids and the payload shape its service writes (see the
``EventType.`` call sites in regie/*/services*); the rows the monitor reads beside the events
(persons, nominations with their organisation, triage assessments with ZRM scores) are real rows.

Year 2025, in words (``H`` is the fixture ``history``):

- C1  Anouk (Amstelveen), jeugd, nominated by Politie, opened 10 Feb 2025; review 10 May (on
  time; financiën 2 → 4); handover confirmed 15 Aug; outflow "doelen bereikt" 1 Sep after 203
  days; follow-up 1 Oct: still in view.
- C2  Bram (Amsterdam), volwassenen, transition from the Top600 (no nomination), opened 1 Mar;
  scenario blocked 1 Apr (woningnood, huisvesting, 90 days) and the alternative activated;
  review 1 Jun (late); goal reached 1 Jul.
- C3  Cor (Amsterdam), jeugd, nominated by Reclassering, opened 1 Jun 2024; review 1 Mar 2025
  (on time; huisvesting 3 → 1); outflow 1 Feb 2026 (after the 2025 peildatum).
- C4  Anouk again, jeugd, nominated by Politie, opened 1 Nov 2025: a re-entry.
- C5  Dirk (Diemen), doorgroeiers, opened 15 Jan 2026 (after the peildatum).
- Declined: Eva (Amsterdam, volwassenen) 1 Apr 2025, hard criteria met but no added value;
  Fleur (Amstelveen, jeugd) 1 May 2025, hard criteria not met.
- Subject requests: one closed in time (Bram, 1 Feb), one refused late (Cor, 1 Mar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pytest
from django.utils import timezone

from regie.accounts.models import Municipality, Organisation, OrganisationType, User
from regie.core.domain import LifeDomain
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.models import Gender, Person
from regie.triage.models import Assessment, AssessmentScore

ADMISSION = dict.fromkeys(LifeDomain.values, 3) | {"financien": 2}


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11)))


@dataclass
class Writer:
    """Writes events and their rows the way the services do."""

    actor: User
    politie: Organisation
    reclassering: Organisation

    def event(
        self,
        type_: EventType,
        day: date,
        person: Person | None,
        *,
        case_id: int | None = None,
        nomination_id: int | None = None,
        **payload: Any,
    ) -> CaseEvent:
        return CaseEvent.objects.create(
            type=type_,
            actor=self.actor,
            person=person,
            case_id=case_id,
            nomination_id=nomination_id,
            occurred_at=at(day),
            payload=payload,
        )

    def person(self, first_name: str, municipality: str) -> Person:
        return Person.objects.create(
            first_name=first_name,
            last_name="Zwanenburg",
            date_of_birth=date(2003, 4, 17),
            bsn="111222333" if first_name == "Anouk" else None,
            gender=Gender.MAN,
            municipality=municipality,
        )

    def nomination(
        self,
        person: Person,
        organisation: Organisation,
        target_group: str,
        zrm: dict[str, int] | None = None,
        **answers: str,
    ) -> Nomination:
        nomination = Nomination.objects.create(
            person=person,
            nominating_organisation=organisation,
            nominated_by=self.actor,
            proposed_target_group=target_group,
            status=NominationStatus.DECIDED,
        )
        assessment = Assessment.objects.create(
            nomination=nomination, updated_by=self.actor, **answers
        )
        for domain, score in (zrm or ADMISSION).items():
            AssessmentScore.objects.create(assessment=assessment, domain=domain, score=score)
        return nomination

    def open_case(
        self,
        case_id: int,
        person: Person,
        day: date,
        target_group: str,
        *,
        nomination: Nomination | None = None,
        origin: str = "nieuw",
    ) -> None:
        self.event(
            EventType.CASE_OPENED,
            day,
            person,
            case_id=case_id,
            nomination_id=nomination.pk if nomination else None,
            target_group=target_group,
            origin=origin,
            regisseur_id=self.actor.pk,
            start_date=day.isoformat(),
        )

    def review(
        self,
        case_id: int,
        person: Person,
        day: date,
        *,
        on_time: bool,
        target_group: str,
        nomination: Nomination | None,
        zrm: dict[str, int],
    ) -> None:
        self.event(
            EventType.REVIEW_HELD,
            day,
            person,
            case_id=case_id,
            nomination_id=nomination.pk if nomination else None,
            review_id=case_id * 10,
            kind="regulier",
            decision="doorgaan",
            on_time=on_time,
            due_date=day.isoformat(),
            held_on=day.isoformat(),
            target_group=target_group,
            added_value="ja",
            proportional="ja",
            zrm=zrm,
        )

    def outflow(
        self, case_id: int, person: Person, day: date, reason: str, target_group: str, days: int
    ) -> None:
        self.event(
            EventType.OUTFLOW_CONFIRMED,
            day,
            person,
            case_id=case_id,
            outflow_id=case_id,
            reason=reason,
            target_group=target_group,
            origin="nieuw",
            duration_days=days,
            proposed_by_id=self.actor.pk,
        )

    def decline(
        self, person: Person, nomination: Nomination, day: date, target_group: str, hard: str
    ) -> None:
        self.event(
            EventType.DECISION_CONFIRMED,
            day,
            person,
            nomination_id=nomination.pk,
            decision=nomination.pk,
            outcome="afgewezen",
            target_group=target_group,
            hard_criteria=hard,
            is_override=False,
            criteria_set_id=None,
            criteria_set_version="",
            letter=None,
        )


@dataclass
class History:
    writer: Writer
    anouk: Person
    bram: Person
    cor: Person
    dirk: Person
    eva: Person
    fleur: Person


@pytest.fixture
def amstelveen(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Gemeente Amstelveen (test)",
        type=OrganisationType.GEMEENTE,
        municipality=Municipality.AMSTELVEEN,
    )


@pytest.fixture
def analist(make_user, acvz: Organisation) -> User:
    return make_user(acvz, "analyst", username="analist")


@pytest.fixture
def gemeente_amstelveen(make_user, amstelveen: Organisation) -> User:
    return make_user(amstelveen, "municipality", username="gemeente_amstelveen")


@pytest.fixture
def writer(analist: User, politie: Organisation, reclassering: Organisation) -> Writer:
    return Writer(actor=analist, politie=politie, reclassering=reclassering)


@pytest.fixture
def history(writer: Writer) -> History:
    w = writer
    anouk = w.person("Anouk", Municipality.AMSTELVEEN)
    bram = w.person("Bram", Municipality.AMSTERDAM)
    cor = w.person("Cor", Municipality.AMSTERDAM)
    dirk = w.person("Dirk", Municipality.DIEMEN)
    eva = w.person("Eva", Municipality.AMSTERDAM)
    fleur = w.person("Fleur", Municipality.AMSTELVEEN)

    n1 = w.nomination(anouk, w.politie, "jeugd")
    w.open_case(1, anouk, date(2025, 2, 10), "jeugd", nomination=n1)
    w.review(
        1,
        anouk,
        date(2025, 5, 10),
        on_time=True,
        target_group="jeugd",
        nomination=n1,
        zrm=ADMISSION | {"financien": 4},
    )
    w.event(
        EventType.HANDOVER_CONFIRMED,
        date(2025, 8, 15),
        anouk,
        case_id=1,
        handover_id=1,
        receiving_organisation_id=w.reclassering.pk,
        days_to_confirm=3,
    )
    w.outflow(1, anouk, date(2025, 9, 1), "doelen_bereikt", "jeugd", 203)
    w.event(
        EventType.FOLLOW_UP_RECORDED,
        date(2025, 10, 1),
        anouk,
        case_id=1,
        outflow_id=1,
        in_view=True,
        reason="doelen_bereikt",
        days_after_outflow=30,
    )

    w.open_case(2, bram, date(2025, 3, 1), "volwassenen", origin="top600")
    w.event(
        EventType.SCENARIO_BLOCKED,
        date(2025, 4, 1),
        bram,
        case_id=2,
        scenario_id=21,
        scenario_kind="primair",
        goal_id=20,
        goal_domain="huisvesting",
        shortage_type="woningnood",
        waiting_days=90,
        blocked_on="2025-04-01",
        alternative_id=22,
        version=3,
    )
    w.event(
        EventType.SCENARIO_ACTIVATED,
        date(2025, 4, 1),
        bram,
        case_id=2,
        scenario_id=22,
        goal_id=20,
        goal_domain="huisvesting",
        replaces_scenario_id=21,
        shortage_type="woningnood",
        version=3,
    )
    w.review(
        2,
        bram,
        date(2025, 6, 1),
        on_time=False,
        target_group="volwassenen",
        nomination=None,
        zrm=ADMISSION,
    )
    w.event(
        EventType.GOAL_CLOSED,
        date(2025, 7, 1),
        bram,
        case_id=2,
        goal_id=20,
        goal_domain="huisvesting",
        status="bereikt",
        version=4,
    )

    n3 = w.nomination(cor, w.reclassering, "jeugd")
    w.open_case(3, cor, date(2024, 6, 1), "jeugd", nomination=n3)
    w.review(
        3,
        cor,
        date(2025, 3, 1),
        on_time=True,
        target_group="jeugd",
        nomination=n3,
        zrm=ADMISSION | {"huisvesting": 1},
    )
    w.outflow(3, cor, date(2026, 2, 1), "verhuisd", "jeugd", 610)

    n4 = w.nomination(anouk, w.politie, "jeugd")
    w.open_case(4, anouk, date(2025, 11, 1), "jeugd", nomination=n4)

    n5 = w.nomination(dirk, w.politie, "doorgroeiers")
    w.open_case(5, dirk, date(2026, 1, 15), "doorgroeiers", nomination=n5)

    n6 = w.nomination(eva, w.politie, "volwassenen", necessity="ja", added_value="nee")
    w.decline(eva, n6, date(2025, 4, 1), "volwassenen", "met")
    n7 = w.nomination(fleur, w.politie, "jeugd")
    w.decline(fleur, n7, date(2025, 5, 1), "jeugd", "not_met")

    w.event(
        EventType.SUBJECT_REQUEST_CLOSED,
        date(2025, 2, 1),
        bram,
        request=1,
        kind="inzage",
        status="afgehandeld",
        in_time=True,
    )
    w.event(
        EventType.SUBJECT_REQUEST_REFUSED,
        date(2025, 3, 1),
        cor,
        request=2,
        kind="wissing",
        status="afgewezen",
        in_time=False,
    )
    return History(w, anouk, bram, cor, dirk, eva, fleur)
