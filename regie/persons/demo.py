"""Synthetic persons with offence histories for the demo region (DESIGN.md §11).

Names come from lists of common Dutch first and last names and BSNs are generated to pass the
elfproef: all of it is made up. Distributions follow the real population roughly: ages mostly
16–35, mostly male, offence mixes per target group, a few detentions, residence and moving facts.
Needs the demo region's organisations (``regie.demo.region``).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Municipality, Organisation, OrganisationType
from regie.core.domain import OffenceCategory as C
from regie.core.domain import TargetGroup
from regie.events.models import CaseEvent, EventType
from regie.persons.models import (
    AMSTERDAM_DISTRICTS,
    FactKind,
    Gender,
    JusticeFact,
    OffenceRole,
    Person,
    ResidenceStatus,
)

FIRST_NAMES_M = (
    *("Daan", "Sem", "Noah", "Liam", "Lucas", "Finn", "Levi", "Milan", "Jesse", "Bram"),
    *("Mohamed", "Ryan", "Adam", "Yassin", "Ilias", "Omar", "Kevin", "Dylan", "Jayden", "Mike"),
    *("Rayan", "Anouar", "Bilal", "Hamza", "Youssef", "Mehmet", "Emre", "Jordy", "Glenn"),
    *("Romano", "Stefano", "Ricardo", "Sergio", "Nordin", "Soufiane", "Jamal", "Tim", "Max"),
)
FIRST_NAMES_V = ("Emma", "Julia", "Sara", "Noa", "Fatima", "Aya", "Naomi", "Shanice", "Esra")
LAST_NAMES: tuple[tuple[str, str], ...] = (
    *(("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("", "Bakker"), ("", "Visser")),
    *(("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos")),
    *(("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("de", "Wit")),
    *(("", "El Amrani"), ("", "Yilmaz"), ("", "Bouzid"), ("", "Kaya"), ("", "Martina")),
    *(("", "Pinas"), ("", "Kartosen"), ("", "Benali"), ("", "Öztürk"), ("", "Doğan")),
    *(("", "Sedney"), ("van", "Dijk"), ("", "Kramer"), ("", "Prins"), ("", "Ramdin")),
)
MUNICIPALITY_WEIGHTS: dict[str, int] = {
    Municipality.AMSTERDAM: 72,
    Municipality.AMSTELVEEN: 7,
    Municipality.DIEMEN: 6,
    Municipality.UITHOORN: 4,
    Municipality.AALSMEER: 4,
    Municipality.OUDER_AMSTEL: 3,
    Municipality.BUITEN_REGIO: 4,
}
DISTRICT_WEIGHTS = (6, 25, 17, 12, 10, 6, 20, 4)  # in the order of AMSTERDAM_DISTRICTS
GROUP_WEIGHTS: dict[str, int] = {
    TargetGroup.YOUTH: 40,
    TargetGroup.DOORGROEIERS: 25,
    TargetGroup.ADULT_VIOLENCE: 35,
}
# (youngest, most common, oldest) age today, and how many offence registrations.
AGES: dict[str, tuple[int, int, int]] = {
    TargetGroup.YOUTH: (14, 18, 23),
    TargetGroup.DOORGROEIERS: (17, 24, 34),
    TargetGroup.ADULT_VIOLENCE: (23, 29, 48),
}
OFFENCE_COUNTS: dict[str, tuple[int, int]] = {
    TargetGroup.YOUTH: (2, 6),
    TargetGroup.DOORGROEIERS: (2, 8),
    TargetGroup.ADULT_VIOLENCE: (3, 9),
}
OFFENCE_MIX: dict[str, dict[str, int]] = {
    TargetGroup.YOUTH: {
        C.STRAATROOF: 30,
        C.WONINGINBRAAK: 20,
        C.OPENLIJKE_GEWELDPLEGING: 20,
        C.WAPENBEZIT: 15,
        C.DIGITAAL: 20,
        C.DRUGS: 10,
        C.EXPLOSIEVEN: 10,
        C.OVERVAL: 8,
        C.ZWARE_MISHANDELING: 8,
    },
    TargetGroup.DOORGROEIERS: {
        C.DRUGS: 40,
        C.WAPENBEZIT: 30,
        C.EXPLOSIEVEN: 30,
        C.UITBUITING: 30,
        C.DIGITAAL: 10,
        C.OVERVAL: 10,
    },
    TargetGroup.ADULT_VIOLENCE: {
        C.ZWARE_MISHANDELING: 40,
        C.OPENLIJKE_GEWELDPLEGING: 30,
        C.STRAATROOF: 20,
        C.OVERVAL: 20,
        C.WONINGINBRAAK: 10,
        C.WAPENBEZIT: 10,
        C.MOORD_DOODSLAG: 3,
    },
}
DETENTION_SHARE: dict[str, float] = {
    TargetGroup.YOUTH: 0.06,
    TargetGroup.DOORGROEIERS: 0.22,
    TargetGroup.ADULT_VIOLENCE: 0.18,
}


def marker(seed: int) -> str:
    """The prefix of the source keys of a seed's demo facts (how a built seed is recognised)."""
    return f"demo-{seed}-"


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _bsn(rng: random.Random, taken: set[str]) -> str:
    while True:
        digits = [rng.randint(1, 9), *(rng.randint(0, 9) for _ in range(7))]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        bsn = "".join(map(str, digits)) + str(check)
        if check < 10 and bsn not in taken:
            taken.add(bsn)
            return bsn


def _date_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _person(rng: random.Random, group: str, today: datetime.date, taken: set[str]) -> Person:
    gender = rng.choices((Gender.MAN, Gender.VROUW, Gender.X), weights=(88, 11, 1))[0]
    youngest, common, oldest = AGES[group]
    age = rng.triangular(youngest, oldest + 1, common)
    born = today - datetime.timedelta(days=int(age * 365.25))
    municipality = _pick(rng, MUNICIPALITY_WEIGHTS)
    district = ""
    if municipality == Municipality.AMSTERDAM:
        district = rng.choices(AMSTERDAM_DISTRICTS, weights=DISTRICT_WEIGHTS)[0]
    prefix, last = rng.choice(LAST_NAMES)
    names = FIRST_NAMES_V if gender == Gender.VROUW else FIRST_NAMES_M
    return Person(
        bsn=_bsn(rng, taken) if rng.random() < 0.85 else None,
        first_name=rng.choice(names),
        name_prefix=prefix,
        last_name=last,
        date_of_birth=born,
        gender=gender,
        municipality=municipality,
        district=district,
    )


def _facts(
    rng: random.Random,
    person: Person,
    group: str,
    today: datetime.date,
    sources: dict[str, Organisation],
    key: str,
) -> list[JusticeFact]:
    twelfth = person.date_of_birth.replace(year=person.date_of_birth.year + 12)
    first_day = max(twelfth, today - datetime.timedelta(days=6 * 365))
    facts: list[JusticeFact] = []

    def add(kind: str, source: str, **fields: object) -> None:
        facts.append(
            JusticeFact(
                person=person,
                kind=kind,
                source_organisation=sources[source],
                external_key=f"{key}{len(facts) + 1}",
                **fields,
            )
        )

    for _ in range(rng.randint(*OFFENCE_COUNTS[group])):
        convicted = rng.random() < 0.25
        add(
            FactKind.OFFENCE,
            "om" if convicted else "politie",
            category=_pick(rng, OFFENCE_MIX[group]),
            role=OffenceRole.CONVICTED if convicted else OffenceRole.SUSPECT,
            date=_date_between(rng, first_day, today),
        )
    if rng.random() < DETENTION_SHARE[group]:
        start = _date_between(rng, max(first_day, today - datetime.timedelta(days=3 * 365)), today)
        months = rng.choice((2, 4, 6, 9, 12, 18, 30, 40))
        add(
            FactKind.DETENTION,
            "pi",
            date=start,
            end_date=start + datetime.timedelta(days=months * 30),
        )
    roll = rng.random()
    if roll < 0.03:
        status = ResidenceStatus.UNLAWFUL
        add(
            FactKind.RESIDENCE,
            "gemeente",
            residence_status=status,
            date=_date_between(rng, first_day, today),
        )
    elif roll < 0.05:
        add(
            FactKind.MOVED,
            "gemeente",
            municipality=Municipality.BUITEN_REGIO,
            date=_date_between(rng, first_day, today),
        )
    elif roll < 0.055:
        add(FactKind.DECEASED, "gemeente", date=_date_between(rng, first_day, today))
    return facts


def _sources() -> dict[str, Organisation]:
    wanted = {
        "politie": OrganisationType.POLITIE,
        "om": OrganisationType.OM,
        "pi": OrganisationType.PI,
        "gemeente": OrganisationType.GEMEENTE,
    }
    found = {}
    for name, type_ in wanted.items():
        org = Organisation.objects.filter(type=type_).order_by("pk").first()
        if org is None:
            raise RuntimeError("Bouw eerst de demoregio: er is geen organisatie van type " + type_)
        found[name] = org
    return found


def build_demo(*, seed: int, persons: int = 300) -> None:
    """Add ``persons`` synthetic persons with facts for ``seed``; does nothing when that seed
    was built before."""
    key = marker(seed)
    if JusticeFact.objects.filter(external_key__startswith=key).exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    sources = _sources()
    with transaction.atomic():
        taken = {b for b in Person.objects.values_list("bsn", flat=True) if b}
        groups = [_pick(rng, GROUP_WEIGHTS) for _ in range(persons)]
        people = [_person(rng, group, today, taken) for group in groups]
        Person.objects.bulk_create(people, batch_size=1000)
        facts = [
            fact
            for index, (person, group) in enumerate(zip(people, groups, strict=True))
            for fact in _facts(rng, person, group, today, sources, f"{key}{index}-")
        ]
        JusticeFact.objects.bulk_create(facts, batch_size=1000)
        _backdate(rng, people, today)
        _events(people, facts)


def _backdate(rng: random.Random, people: Sequence[Person], today: datetime.date) -> None:
    # Registered when first nominated: some day in the last four years, one in seven of them in
    # the last two months (so that open nominations are recent). Never later than now: a time
    # later today would put the registration after the nominations made just now.
    now = timezone.now()
    for person in people:
        days_back = 60 if rng.random() < 1 / 7 else 4 * 365
        day = _date_between(rng, today - datetime.timedelta(days=days_back), today)
        moment = datetime.datetime.combine(
            day, datetime.time(rng.randint(8, 17), rng.randint(0, 59))
        )
        person.created_at = min(timezone.make_aware(moment), now)
    Person.objects.bulk_update(people, ["created_at"], batch_size=1000)


def _events(people: Sequence[Person], facts: Sequence[JusticeFact]) -> None:
    events = [
        CaseEvent(
            type=EventType.PERSON_CREATED,
            person=person,
            occurred_at=person.created_at,
            payload={"municipality": person.municipality},
        )
        for person in people
    ]
    per_source = Counter(fact.source_organisation_id for fact in facts)
    people_per_source = Counter(
        source for source, _ in {(f.source_organisation_id, f.person_id) for f in facts}
    )
    events += [
        CaseEvent(
            type=EventType.FACTS_IMPORTED,
            payload={
                "rows": count,
                "created": count,
                "updated": 0,
                "unchanged": 0,
                "persons": people_per_source[source],
                "source_organisation_ids": [source],
            },
        )
        for source, count in sorted(per_source.items())
    ]
    CaseEvent.objects.bulk_create(events, batch_size=1000)
