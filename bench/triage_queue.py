"""Benchmark (not a test): the triage queue with 50,000 persons and 5,000 open nominations.

Builds the data with ``bulk_create`` in a throwaway test database (SQLite in memory, or
``test_<name>`` on PostgreSQL when ``DATABASE_URL`` points there), then requests the queue page
through the Django test client and prints the server time (p50/p95/max) and the number of
queries per request. Run: ``DEBUG=true .venv/bin/python -m bench.triage_queue``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from regie.accounts.models import Organisation, RoleAssignment, User  # noqa: E402
from regie.core.domain import TargetGroup  # noqa: E402
from regie.nominations.models import Nomination, NominationStatus, Urgency  # noqa: E402
from regie.persons.models import Gender, Person  # noqa: E402
from regie.triage.models import (  # noqa: E402
    DecisionStatus,
    Letter,
    TriageDecision,
)

QUERIES = (
    {},
    {"pagina": "2"},
    {"pagina": "150"},
    {"urgency": "acuut"},
    {"target_group": "jeugd", "age_band": "12-17"},
    {"waiting": "29+"},
    {"status": "alle"},
    {"status": "in_triage", "age_band": "23-29"},
)


def _user(org: Organisation, username: str, role: str) -> User:
    user = User.objects.create(username=username, organisation=org, first_name=username.title())
    RoleAssignment.objects.create(user=user, role=role)
    TOTP.activate(user, generate_totp_secret())  # every account needs MFA to get past login
    return user


def build(persons: int, nominations: int, rng: random.Random) -> tuple[User, User]:
    acvz = Organisation.objects.create(name="AcVZ (bench)", type="acvz", municipality="amsterdam")
    politie = Organisation.objects.create(
        name="Politie (bench)", type="politie", municipality="amsterdam"
    )
    triagist = _user(acvz, "triagist", "triage")
    chair = _user(acvz, "voorzitter", "triage_chair")
    regisseur = _user(acvz, "regisseur", "regisseur")
    partner = _user(politie, "politie", "partner")
    Person.objects.bulk_create(
        (
            Person(
                first_name=f"Voornaam{i}",
                last_name=f"Achternaam{i}",
                date_of_birth=date(1965, 1, 1) + timedelta(days=rng.randint(0, 17000)),
                gender=rng.choice(Gender.values),
                municipality="amsterdam",
            )
            for i in range(persons)
        ),
        batch_size=5000,
    )
    person_ids = list(Person.objects.values_list("pk", flat=True))
    now = timezone.now()
    closed = nominations // 5

    def nomination(status: str) -> Nomination:
        return Nomination(
            person_id=rng.choice(person_ids),
            nominating_organisation=politie,
            nominated_by=partner,
            proposed_target_group=rng.choice(TargetGroup.values),
            urgency=rng.choices(Urgency.values, weights=(8, 3, 1))[0],
            status=status,
            submitted_at=now - timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23)),
        )

    Nomination.objects.bulk_create(
        (
            nomination(rng.choice((NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)))
            for _ in range(nominations)
        ),
        batch_size=5000,
    )
    Nomination.objects.bulk_create(
        (nomination(NominationStatus.DECIDED) for _ in range(closed)), batch_size=5000
    )
    in_triage = list(
        Nomination.objects.filter(status=NominationStatus.IN_TRIAGE).values_list("pk", flat=True)
    )
    decided = list(
        Nomination.objects.filter(status=NominationStatus.DECIDED).values_list("pk", "person_id")
    )
    common = {
        "kind": "toegelaten",
        "proposed_by": triagist,
        "proposed_at": now,
        "target_group": "volwassenen",
        "regisseur": regisseur,
        "first_review_date": now.date() + timedelta(days=90),
        "motivation": "Bench.",
        "hard_criteria": "met",
    }
    TriageDecision.objects.bulk_create(
        TriageDecision(nomination_id=pk, **common) for pk in in_triage[: len(in_triage) // 10]
    )
    decisions = TriageDecision.objects.bulk_create(
        TriageDecision(
            nomination_id=pk,
            status=DecisionStatus.CONFIRMED,
            confirmed_by=chair,
            confirmed_at=now,
            **common,
        )
        for pk, _person in decided
    )
    Letter.objects.bulk_create(
        Letter(
            person_id=person_id,
            nomination_id=pk,
            decision=decision,
            created_at=now - timedelta(days=rng.randint(0, 60)),
        )
        for (pk, person_id), decision in zip(decided, decisions, strict=True)
    )
    return triagist, chair


def measure(user: User, requests: int) -> tuple[list[float], list[int]]:
    client = Client()
    client.force_login(user)
    client.get("/triage/")  # warm up templates and connections
    times, counts = [], []
    for i in range(requests):
        query = QUERIES[i % len(QUERIES)]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/triage/", query)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"/triage/ {query} gaf {response.status_code}")
        counts.append(len(captured))
    return times, counts


def report(label: str, times: list[float], counts: list[int]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{label:<24} p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {ordered[-1]:7.1f} ms   queries {min(counts)}–{max(counts)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--nominations", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=80)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        triagist, chair = build(args.persons, args.nominations, random.Random(args.seed))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum would have them
        print(
            f"{connection.vendor}: {Person.objects.count()} personen, "
            f"{Nomination.objects.filter(status__in=('ingediend', 'in_triage')).count()} open "
            f"voordrachten, {Letter.objects.count()} brieven "
            f"(opgebouwd in {time.perf_counter() - started:.1f} s)"
        )
        for label, user in (("triagist", triagist), ("voorzitter", chair)):
            report(f"/triage/ als {label}", *measure(user, args.requests))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
