"""Benchmark (not a test): the regisseur's start page and the case page at 50,000 persons and
15,000 active cases, with p50/p95 response times and query counts.

    DEBUG=true .venv/bin/python -m bench.cases_pages [--database-url URL] [--runs N] [--rebuild]

It never touches the development database: without ``--database-url`` it uses
``var/bench_cases.sqlite3``. The data (bulk-created, synthetic) is built once and reused.
Every measured request runs the whole stack: session, MFA check, access policy, audit record.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client

    from regie.cases.models import Goal, Scenario

PERSONS = 50_000
ACTIVE_CASES = 15_000
CASES_PER_REGISSEUR = 40
BATCH = 5_000


def _configure(database_url: str | None) -> None:
    default = f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'bench_cases.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url or default
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    Path(__file__).resolve().parents[1].joinpath("var").mkdir(exist_ok=True)
    import django

    django.setup()


def _build(seed: int) -> None:
    """Bulk-create the synthetic region: organisations, users, persons, cases with plans."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from regie.accounts.models import Organisation, RoleAssignment, User
    from regie.cases.models import (
        Action,
        Agreement,
        Case,
        CaseConference,
        Goal,
        JournalEntry,
        Participant,
        Plan,
        Scenario,
    )
    from regie.core.domain import LifeDomain
    from regie.persons.models import Person

    rng = random.Random(seed)
    today = date.today()
    unusable = make_password(None)  # nobody logs in with a password here
    with transaction.atomic():
        acvz, politie, reclassering = (
            Organisation.objects.create(name=name, type=type_, municipality="amsterdam")
            for name, type_ in (
                ("AcVZ (bench)", "acvz"),
                ("Politie (bench)", "politie"),
                ("Reclassering (bench)", "reclassering"),
            )
        )
        n_regisseurs = ACTIVE_CASES // CASES_PER_REGISSEUR
        users = User.objects.bulk_create(
            [
                User(username=f"bench-regisseur-{i}", organisation=acvz, password=unusable)
                for i in range(n_regisseurs)
            ]
            + [
                User(username="bench-teamlead", organisation=acvz, password=unusable),
                User(username="bench-politie", organisation=politie, password=unusable),
                User(username="bench-reclassering", organisation=reclassering, password=unusable),
            ]
        )
        regisseurs, (teamlead, agent, reclasseerder) = users[:n_regisseurs], users[n_regisseurs:]
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=u, role="regisseur") for u in regisseurs]
            + [
                RoleAssignment(user=teamlead, role="teamlead"),
                RoleAssignment(user=agent, role="partner"),
                RoleAssignment(user=reclasseerder, role="partner"),
            ]
        )
        for user in (regisseurs[0], teamlead, reclasseerder):
            TOTP.activate(user, generate_totp_secret())
        persons = Person.objects.bulk_create(
            (
                Person(
                    first_name=f"Bench{i}",
                    last_name="Persoon",
                    date_of_birth=date(1985 + i % 20, 1 + i % 12, 1 + i % 28),
                    gender="m",
                    municipality="amsterdam",
                )
                for i in range(PERSONS)
            ),
            batch_size=BATCH,
        )
        cases = Case.objects.bulk_create(
            (
                Case(
                    person=persons[i],
                    target_group="volwassenen",
                    regisseur=regisseurs[i % n_regisseurs],
                    start_date=today - timedelta(days=rng.randint(30, 700)),
                    first_review_date=today + timedelta(days=rng.randint(-20, 180)),
                    next_review_date=today + timedelta(days=rng.randint(-20, 180)),
                )
                for i in range(ACTIVE_CASES)
            ),
            batch_size=BATCH,
        )
        Plan.objects.bulk_create((Plan(case=c, version=8) for c in cases), batch_size=BATCH)
        Participant.objects.bulk_create(
            (
                row
                for c in cases
                for row in (
                    Participant(
                        case=c, organisation=acvz, user_id=c.regisseur_id, role="regisseur"
                    ),
                    Participant(case=c, organisation=reclassering, role="reclasseringswerker"),
                    Participant(case=c, organisation=politie, user=agent, role="wijkagent"),
                )
            ),
            batch_size=BATCH,
        )
        domains = list(LifeDomain.values)
        goals = Goal.objects.bulk_create(
            (
                Goal(
                    plan_id=c.pk,
                    domain=domains[(c.pk + k) % len(domains)],
                    description="Synthetisch doel",
                    indicator="Meetbaar resultaat",
                    target_date=today + timedelta(days=120),
                )
                for c in cases
                for k in range(3)
            ),
            batch_size=BATCH,
        )
        Scenario.objects.bulk_create(
            (row for g in goals for row in _scenarios(rng, g, today)),
            batch_size=BATCH,
        )
        Action.objects.bulk_create(
            (
                Action(
                    goal=g,
                    description="Synthetische actie",
                    responsible_organisation=rng.choice([reclassering, politie, acvz]),
                    due_date=today + timedelta(days=rng.randint(-60, 90)),
                    status=rng.choice(["open", "open", "bezig", "afgerond"]),
                )
                for g in goals
                for _ in range(2)
            ),
            batch_size=BATCH,
        )
        JournalEntry.objects.bulk_create(
            (
                JournalEntry(
                    case=c,
                    author_id=c.regisseur_id,
                    organisation=acvz,
                    text="Synthetische journaalregel.",
                    visibility=rng.choice(
                        ["alle_deelnemers", "alleen_regisseur", "eigen_organisatie"]
                    ),
                )
                for c in cases
                for _ in range(5)
            ),
            batch_size=BATCH,
        )
        conferences = CaseConference.objects.bulk_create(
            (CaseConference(case=c, held_on=today, recorded_by_id=c.regisseur_id) for c in cases),
            batch_size=BATCH,
        )
        CaseConference.organisations.through.objects.bulk_create(
            (
                CaseConference.organisations.through(caseconference=k, organisation=o)
                for k in conferences
                for o in (acvz, reclassering)
            ),
            batch_size=BATCH,
        )
        Agreement.objects.bulk_create(
            (
                Agreement(
                    conference=k,
                    description="Synthetische afspraak",
                    responsible_organisation=reclassering,
                    due_date=today,
                )
                for k in conferences
            ),
            batch_size=BATCH,
        )


def _scenarios(rng: random.Random, goal: Goal, today: date) -> list[Scenario]:
    from regie.cases.models import Scenario

    if rng.random() < 0.2:
        return [
            Scenario(
                goal=goal,
                kind="primair",
                description="Primair",
                status="geblokkeerd",
                shortage_type=rng.choice(["woningnood", "wachtlijst_zorg", "geen_passend_aanbod"]),
                blocked_on=today - timedelta(days=30),
                expected_wait_days=90,
            ),
            Scenario(goal=goal, kind="alternatief", description="Alternatief", status="actief"),
        ]
    return [
        Scenario(goal=goal, kind="primair", description="Primair", status="actief"),
        Scenario(goal=goal, kind="alternatief", description="Alternatief", status="verkend"),
    ]


def _measure(client: Client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
        queries = max(queries, len(context.captured_queries))
    return timings, queries


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="defaults to var/bench_cases.sqlite3")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="start from an empty database")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _configure(args.database_url)

    from django.core.management import call_command
    from django.test import Client

    from regie.accounts.models import User
    from regie.cases.models import Case
    from regie.persons.models import Person

    if args.rebuild:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="bench-teamlead").exists():
        started = time.perf_counter()
        _build(args.seed)
        print(f"gegevens opgebouwd in {time.perf_counter() - started:.0f} s")

    regisseur = User.objects.get(username="bench-regisseur-0")
    teamlead = User.objects.get(username="bench-teamlead")
    partner = User.objects.get(username="bench-reclassering")
    case = Case.objects.filter(regisseur=regisseur).order_by("pk").first()
    assert case is not None
    print(
        f"{Person.objects.count():,} personen, {Case.objects.filter(status='actief').count():,} "
        f"actieve casussen; regisseur met {Case.objects.filter(regisseur=regisseur).count()} "
        f"casussen; database {os.environ['DATABASE_URL'].split(':')[0]}"
    )
    pages = [
        ("startpagina regisseur (Mijn casussen)", regisseur, "/casussen/"),
        ("casuspagina (regisseur)", regisseur, f"/casussen/{case.pk}/"),
        ("casuspagina (partner)", partner, f"/casussen/{case.pk}/"),
        ("teamoverzicht (teamleider)", teamlead, "/casussen/overzicht/"),
    ]
    print(f"{'pagina':<40}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'queries':>9}")
    for label, user, url in pages:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        timings, queries = _measure(client, url, args.runs)
        print(
            f"{label:<40}{statistics.median(timings):>8.1f}{_percentile(timings, 0.95):>8.1f}"
            f"{max(timings):>8.1f}{queries:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
