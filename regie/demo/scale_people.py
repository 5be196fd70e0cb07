"""Scale generator, stage 1: the staff (users per role, bulk) and the persons with their offence
histories (ages mostly 16–35, mostly male, offence mixes per target group)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password

from regie.accounts.models import Organisation, RoleAssignment, User
from regie.core.domain import OffenceCategory as O
from regie.core.domain import TargetGroup
from regie.demo.bulk import Bulk
from regie.demo.region import demo_totp_secret
from regie.demo.scale_base import DAY, Scale, Staff, Trail, at, day_of
from regie.persons.models import AMSTERDAM_DISTRICTS, JusticeFact, Person

FIRST_MALE = [
    "Mohamed",
    "Daan",
    "Sem",
    "Noah",
    "Rayan",
    "Milan",
    "Adam",
    "Levi",
    "Bilal",
    "Jayden",
    "Youssef",
    "Kevin",
    "Thijs",
    "Mats",
    "Anouar",
    "Dylan",
    "Ilias",
    "Jesse",
    "Luuk",
    "Hamza",
    "Stefano",
    "Ryan",
    "Nordin",
    "Jordy",
    "Ayoub",
    "Tim",
    "Bram",
    "Mees",
    "Souf",
    "Damian",
]
FIRST_FEMALE = [
    "Fleur",
    "Sara",
    "Noa",
    "Yasmina",
    "Lotte",
    "Amira",
    "Eva",
    "Demi",
    "Naima",
    "Iris",
    "Sanne",
    "Kim",
    "Nora",
    "Fenna",
]
LAST = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Amrani",
    "Yilmaz",
    "Kaya",
    "Benali",
    "Ouali",
    "Tahiri",
    "Martina",
    "Rozenberg",
    "Kok",
    "Koster",
    "Prins",
    "Willems",
    "Maas",
    "Post",
    "Kuipers",
    "Veenstra",
    "Bouzid",
    "Wong",
    "Pinas",
    "Doelwijt",
    "Sedney",
    "Kramer",
    "Schouten",
    "Huisman",
    "Blom",
    "Sahin",
]
PREFIXES = ("", "", "", "", "de", "van", "van der", "van den", "el")
MUNICIPALITIES = (
    ("amsterdam", 76),
    ("amstelveen", 7),
    ("diemen", 4),
    ("aalsmeer", 3),
    ("uithoorn", 3),
    ("ouder_amstel", 2),
    ("buiten_regio", 5),
)
# Target group -> (share of persons, age range at nomination, offence mix with weights).
GROUPS: dict[str, tuple[float, tuple[int, int], dict[str, int]]] = {
    TargetGroup.YOUTH: (
        0.42,
        (14, 23),
        {O.STRAATROOF: 5, O.WONINGINBRAAK: 4, O.OVERVAL: 3, O.OPENLIJKE_GEWELDPLEGING: 3,
         O.WAPENBEZIT: 3, O.DRUGS: 2, O.ZWARE_MISHANDELING: 2, O.OVERIG: 2},
    ),
    TargetGroup.ADULT_VIOLENCE: (
        0.38,
        (20, 45),
        {O.ZWARE_MISHANDELING: 6, O.OPENLIJKE_GEWELDPLEGING: 5, O.WAPENBEZIT: 2,
         O.MOORD_DOODSLAG: 1, O.STRAATROOF: 1, O.OVERIG: 3},
    ),
    TargetGroup.DOORGROEIERS: (
        0.20,
        (16, 35),
        {O.DRUGS: 6, O.EXPLOSIEVEN: 3, O.WAPENBEZIT: 3, O.UITBUITING: 2, O.DIGITAAL: 2,
         O.OVERVAL: 2, O.MOORD_DOODSLAG: 1},
    ),
}  # fmt: skip
PERSON_FIELDS = (
    "id", "bsn", "first_name", "name_prefix", "last_name", "date_of_birth", "gender",
    "municipality", "district", "created_at",
)  # fmt: skip
FACT_FIELDS = (
    "id", "person_id", "kind", "category", "role", "date", "end_date", "residence_status",
    "municipality", "source_organisation_id", "external_key", "created_at",
)  # fmt: skip


@dataclass
class PersonPlan:
    """One generated person: who they are and the moment their story with Regie starts."""

    id: int
    group: str
    date_of_birth: date
    municipality: str
    gender: str
    ref_us: int  # when the person was registered (first fact import)
    fate: str  # see FATES
    nominated_us: int | None
    facts: list[tuple] = field(default_factory=list)  # engine Fact fields (see criteria.facts)


def _bsn(i: int) -> str | None:
    """A unique BSN that passes the eleven test, derived from the person's index."""
    for offset in range(3):
        first8 = f"{20_000_000 + i * 3 + offset:08d}"
        total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1), strict=True))
        if total % 11 < 10:
            return first8 + str(total % 11)
    return None


def build_staff(scale: Scale, bulk: Bulk, trail: Trail) -> Staff:
    """Users per role on top of the demo accounts, so that regisseurs carry about 40 cases."""
    orgs: dict[str, list[int]] = {}
    for organisation in Organisation.objects.order_by("pk"):
        orgs.setdefault(organisation.type, []).append(organisation.pk)
    acvz = orgs["acvz"][0]
    active_cases = int(scale.persons * 0.3)
    wanted = {
        "regisseur": max(2, active_cases // 40),
        "triage": max(2, scale.persons // 2500),
        "triage_chair": max(2, scale.persons // 10_000),
        "teamlead": max(1, active_cases // 400),
        "privacy_officer": 2,
        "analyst": 2,
    }
    partner_orgs = [
        pk for type_ in ("politie", "reclassering", "jeugdbescherming", "forensische_zorg",
                         "stadsdeel", "gemeente", "pi", "om") for pk in orgs.get(type_, [])
    ]  # fmt: skip
    per_partner_org = max(2, scale.persons // 2000)
    existing: dict[str, list[int]] = {}
    partners: dict[int, list[int]] = {}
    for user in User.objects.prefetch_related("role_assignments"):
        for role in user.role_codes:
            existing.setdefault(role, []).append(user.pk)
            if role == "partner" and user.organisation_id:
                partners.setdefault(user.organisation_id, []).append(user.pk)
    plan: list[tuple[str, int, str]] = []  # (role, organisation, username)
    for role, count in wanted.items():
        plan += [
            (role, acvz, f"{role}-{n:04d}") for n in range(count - len(existing.get(role, [])))
        ]
    for org in partner_orgs:
        have = len(partners.get(org, []))
        plan += [("partner", org, f"partner-{org}-{n:03d}") for n in range(per_partner_org - have)]
    ids = bulk.ids(User, len(plan))
    unusable = make_password(None)
    joined = at(scale.start_us)
    bulk.insert(
        User,
        ("id", "password", "is_superuser", "username", "first_name", "last_name", "email",
         "is_staff", "is_active", "date_joined", "organisation_id"),
        (
            (pk, unusable, False, username, "Synthetisch", role.replace("_", " ").title(), "",
             False, True, joined, org)
            for pk, (role, org, username) in zip(ids, plan, strict=True)
        ),
    )  # fmt: skip
    bulk.insert(
        RoleAssignment,
        ("id", "user_id", "role"),
        zip(bulk.ids(RoleAssignment, len(plan)), ids, (r for r, _o, _u in plan), strict=True),
    )
    # Every account has its authenticator app set up (MFA is mandatory); the secret follows
    # from seed and username like the demo accounts' (``regie.demo.region.demo_totp_secret``).
    bulk.insert(
        Authenticator,
        ("id", "user_id", "type", "data", "created_at"),
        (
            (key, pk, Authenticator.Type.TOTP,
             {"secret": encrypt(demo_totp_secret(scale.seed, username))}, joined)
            for key, pk, (_r, _o, username) in zip(
                bulk.ids(Authenticator, len(plan)), ids, plan, strict=True
            )
        ),
    )  # fmt: skip
    for pk, (role, org, _username) in zip(ids, plan, strict=True):
        existing.setdefault(role, []).append(pk)
        if role == "partner":
            partners.setdefault(org, []).append(pk)
        trail.audit(scale.start_us, None, "create", "user", pk, None)
    actors = {
        u.pk: (u.organisation_id, ",".join(sorted(u.role_codes)))
        for u in User.objects.prefetch_related("role_assignments")
    }
    return Staff(
        regisseurs=sorted(existing["regisseur"]),
        triage=sorted(existing["triage"]),
        chairs=sorted(existing["triage_chair"]),
        teamleads=sorted(existing["teamlead"]),
        privacy_officers=sorted(existing["privacy_officer"]),
        analysts=sorted(existing["analyst"]),
        partners=partners,
        orgs=orgs,
        actors=actors,
    )


# What becomes of a person, with its share: a case still open, a case closed, declined, withdrawn,
# still in intake, or never nominated (only known from registered facts).
FATES = (
    ("active", 30), ("closed", 12), ("declined", 20), ("withdrawn", 6), ("concept", 1.5),
    ("submitted", 3), ("in_triage", 3), ("none", 24.5),
)  # fmt: skip


def _nominated_us(scale: Scale, fate: str, rng: random.Random) -> tuple[str, int | None]:
    """When the nomination was submitted (created, for a concept), given the person's fate."""
    now, start = scale.now_us, scale.start_us
    if fate == "active":
        return fate, now - rng.randint(30, min(900, scale.years * 365)) * DAY
    if fate == "closed":
        latest = now - 500 * DAY
        if latest <= start:
            return "declined", start + rng.randrange(now - start - 20 * DAY)
        return fate, start + rng.randrange(latest - start)
    if fate in ("declined", "withdrawn"):
        return fate, start + rng.randrange(now - start - 20 * DAY)
    if fate in ("concept", "submitted", "in_triage"):
        return fate, now - rng.randint(1, 60) * DAY
    return fate, None


def _person(scale: Scale, pk: int, rng: random.Random) -> PersonPlan:
    shares = [(group, spec[0]) for group, spec in GROUPS.items()]
    group = rng.choices([g for g, _ in shares], [s for _, s in shares])[0]
    low, high = GROUPS[group][1]
    fate, nominated_us = _nominated_us(scale, rng.choices(*zip(*FATES, strict=True))[0], rng)
    if nominated_us is None:
        ref_us = scale.start_us + int((scale.now_us - scale.start_us) * rng.random() ** 0.8)
    else:
        ref_us = max(scale.start_us, nominated_us - rng.randint(1, 180) * DAY)
    age = min(high, max(low, int(rng.triangular(low, high, low + (high - low) / 4))))
    born = day_of(nominated_us or ref_us) - timedelta(days=age * 365 + rng.randrange(365))
    municipality = rng.choices(*zip(*MUNICIPALITIES, strict=True))[0]
    if fate in ("active", "closed") and municipality == "buiten_regio":
        municipality = "amsterdam"
    gender = rng.choices(("m", "v", "x"), (86, 12, 2))[0]
    return PersonPlan(pk, group, born, municipality, gender, ref_us, fate, nominated_us)


def _facts(scale: Scale, person: PersonPlan, rng: random.Random) -> list[tuple]:
    """Offences in the five years before registration, now and then a detention, a residence
    status, a move. Tuples: (kind, category, role, date, end_date, residence, municipality)."""
    mix = GROUPS[person.group][2]
    ref = day_of(person.ref_us)
    lower = max(person.date_of_birth + timedelta(days=12 * 365), ref - timedelta(days=5 * 365))
    span = max(1, (ref - lower).days)
    rows: list[tuple[Any, ...]] = []
    for _ in range(rng.randint(2, 7)):
        role = "verdachte" if rng.random() < 0.78 else "veroordeelde"
        category = rng.choices(list(mix), list(mix.values()))[0]
        rows.append(
            ("offence", category, role, lower + timedelta(rng.randrange(span)), None, "", "")
        )
    if rng.random() < 0.12:
        start = lower + timedelta(rng.randrange(span))
        rows.append(("detention", "", "", start, start + timedelta(rng.randint(60, 1400)), "", ""))
    if rng.random() < 0.03:
        rows.append(("residence", "", "", ref - timedelta(rng.randrange(400)), None,
                     "geen_rechtmatig_verblijf", ""))  # fmt: skip
    if rng.random() < 0.02:
        rows.append(("moved", "", "", ref - timedelta(rng.randrange(200)), None, "", "amstelveen"))
    return sorted(rows, key=lambda r: r[3])


def build_persons(scale: Scale, bulk: Bulk, trail: Trail, staff: Staff) -> list[PersonPlan]:
    rng = random.Random(scale.seed * 7 + 1)
    person_ids = bulk.ids(Person, scale.persons)
    plans = [_person(scale, pk, rng) for pk in person_ids]
    source = {
        "verdachte": staff.orgs["politie"][0],
        "veroordeelde": staff.orgs["om"][0],
        "detention": staff.orgs["pi"][0],
        "gemeente": staff.orgs["gemeente"][0],
    }
    importer = staff.partners[source["verdachte"]][0]

    def person_rows():
        for i, p in enumerate(plans):
            district = rng.choice(AMSTERDAM_DISTRICTS) if p.municipality == "amsterdam" else ""
            name = (rng.choice(FIRST_MALE if p.gender == "m" else FIRST_FEMALE),
                    rng.choice(PREFIXES), rng.choice(LAST))  # fmt: skip
            bsn = _bsn(i + scale.seed * 1_000_003 % 5_000_000) if rng.random() < 0.9 else None
            yield (p.id, bsn, *name, p.date_of_birth, p.gender, p.municipality, district,
                   at(p.ref_us))  # fmt: skip
            trail.event(
                p.ref_us, "person_created", importer, p.id, {"municipality": p.municipality}
            )

    bulk.insert(Person, PERSON_FIELDS, person_rows())
    raw = [(p, _facts(scale, p, rng)) for p in plans]
    fact_ids = iter(bulk.ids(JusticeFact, sum(len(f) for _, f in raw)))
    imports: dict[tuple[int, int], set[int]] = {}  # (month, source) -> persons

    def fact_rows():
        for p, facts in raw:
            for kind, category, role, day, end, residence, municipality in facts:
                pk = next(fact_ids)
                org = source.get(role or kind, source["gemeente"])
                p.facts.append((pk, kind, day, category, role, end, residence, municipality))
                imports.setdefault((p.ref_us // (30 * DAY), org), set()).add(p.id)
                yield (pk, p.id, kind, category, role, day, end, residence, municipality, org,
                       f"synth-{pk}", at(p.ref_us))  # fmt: skip

    bulk.insert(JusticeFact, FACT_FIELDS, fact_rows())
    for (month, org), persons in sorted(imports.items()):
        when = min(month * 30 * DAY + 9 * 3600 * 1_000_000, scale.now_us)
        count = len(persons)
        trail.event(when, "facts_imported", staff.partners.get(org, [importer])[0], None,
                    {"rows": count, "created": count, "updated": 0, "unchanged": 0,
                     "persons": count, "source_organisation_ids": [org]})  # fmt: skip
    for p in plans:
        p.facts.sort(key=lambda f: (f[2], f[0]))
    return plans
