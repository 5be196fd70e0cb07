"""Benchmark (not a test): ``regie reviews scan`` (drift detection) over 50,000 persons and 15,000
active cases with adopted criteria sets, timing the first scan (which flags) and a second one
(idempotent: nothing new), with the number of queries of each.

    DEBUG=true .venv/bin/python -m bench.reviews_scan [--database-url URL] [--rebuild]

It never touches the development database: without ``--database-url`` it uses
``var/bench_reviews.sqlite3``. The data (bulk-created, synthetic) is built once and reused;
the flags of earlier runs are removed before measuring.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regie.persons.models import JusticeFact

PERSONS = 50_000
ACTIVE_CASES = 15_000
CASES_PER_REGISSEUR = 40
BATCH = 5_000
GROUPS = ["volwassenen", "jeugd", "doorgroeiers"]
CATEGORIES = {
    "volwassenen": ["overval", "straatroof", "woninginbraak", "zware_mishandeling"],
    "jeugd": ["straatroof", "woninginbraak", "openlijke_geweldpleging"],
    "doorgroeiers": ["drugscriminaliteit", "wapenbezit", "criminele_uitbuiting"],
}


def _configure(database_url: str | None) -> None:
    default = f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'bench_reviews.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url or default
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    Path(__file__).resolve().parents[1].joinpath("var").mkdir(exist_ok=True)
    import django

    django.setup()


def _facts(
    rng: random.Random, person_id: int, group: str, today: date, org_id: int
) -> list[JusticeFact]:
    """Offence registrations fitting the target group — for one in seven persons all too old to
    count any more — and now and then an exclusion fact."""
    from regie.persons.models import JusticeFact

    old = rng.random() < 1 / 7
    facts = [
        JusticeFact(
            person_id=person_id,
            kind="offence",
            category=rng.choice(CATEGORIES[group]),
            role="verdachte",
            date=today - timedelta(days=rng.randint(1900, 2600) if old else rng.randint(30, 1400)),
            source_organisation_id=org_id,
            external_key=f"bench-{person_id}-{n}",
        )
        for n in range(rng.randint(3, 7))
    ]
    draw = rng.random()
    extra: dict[str, object] = {}
    if draw < 0.02:
        extra = {"kind": "detention", "end_date": today + timedelta(days=rng.randint(200, 1500))}
    elif draw < 0.03:
        extra = {"kind": "residence", "residence_status": "geen_rechtmatig_verblijf"}
    elif draw < 0.035:
        extra = {"kind": "deceased"}
    elif draw < 0.05:
        extra = {"kind": "moved", "municipality": rng.choice(["buiten_regio", "diemen"])}
    if extra:
        facts.append(
            JusticeFact(
                person_id=person_id,
                date=today - timedelta(days=rng.randint(1, 300)),
                source_organisation_id=org_id,
                external_key=f"bench-{person_id}-x",
                **extra,
            )
        )
    return facts


def _build(seed: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from regie.accounts.models import Organisation, RoleAssignment, User
    from regie.cases.models import Case
    from regie.criteria.document import read_file, shipped_paths
    from regie.criteria.models import CriteriaSet
    from regie.criteria.services import criteria_sets_load
    from regie.persons.models import JusticeFact, Person

    rng = random.Random(seed)
    today = date.today()
    with transaction.atomic():
        acvz = Organisation.objects.create(
            name="AcVZ (bench)", type="acvz", municipality="amsterdam"
        )
        politie = Organisation.objects.create(
            name="Politie (bench)", type="politie", municipality="amsterdam"
        )
        n_regisseurs = ACTIVE_CASES // CASES_PER_REGISSEUR
        regisseurs = User.objects.bulk_create(
            User(username=f"bench-regisseur-{i}", organisation=acvz, password=make_password(None))
            for i in range(n_regisseurs)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=u, role="regisseur") for u in regisseurs
        )
        persons = Person.objects.bulk_create(
            (
                Person(
                    first_name=f"Bench{i}",
                    last_name="Persoon",
                    # Youths (every third case) are 14 to 21, the others 22 to 51.
                    date_of_birth=date(
                        (2005 + i % 8) if i % 3 == 1 else (1975 + i % 30), 1 + i % 12, 1 + i % 28
                    ),
                    gender="m",
                    municipality="amsterdam",
                )
                for i in range(PERSONS)
            ),
            batch_size=BATCH,
        )
        Case.objects.bulk_create(
            (
                Case(
                    person=persons[i],
                    target_group=GROUPS[i % 3],
                    regisseur=regisseurs[i % n_regisseurs],
                    start_date=today - timedelta(days=rng.randint(30, 900)),
                    first_review_date=today + timedelta(days=30),
                    next_review_date=today + timedelta(days=rng.randint(-20, 180)),
                )
                for i in range(ACTIVE_CASES)
            ),
            batch_size=BATCH,
        )
        JusticeFact.objects.bulk_create(
            (
                f
                for i, p in enumerate(persons)
                for f in _facts(rng, p.pk, GROUPS[i % 3], today, politie.pk)
            ),
            batch_size=BATCH,
        )
        results = criteria_sets_load(
            documents=[read_file(p)[0] for p in shipped_paths()], actor=None
        )
        CriteriaSet.objects.filter(pk__in=[r.criteria_set.pk for r in results]).update(
            status="vastgesteld", effective_from=today - timedelta(days=365)
        )


def _scan(label: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regie.reviews.services import review_flags_scan

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = review_flags_scan(progress=False)
        seconds = time.perf_counter() - started
    print(
        f"{label:<28}{seconds:>8.2f} s{len(queries.captured_queries):>9} queries"
        f"{result.cases:>9,} casussen{result.found:>8,} signalen{result.created:>8,} nieuw"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="defaults to var/bench_reviews.sqlite3")
    parser.add_argument("--rebuild", action="store_true", help="start from an empty database")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _configure(args.database_url)

    from django.core.management import call_command

    from regie.accounts.models import User
    from regie.cases.models import Case
    from regie.events.models import CaseEvent
    from regie.persons.models import JusticeFact, Person
    from regie.reviews.models import ReviewFlag

    if args.rebuild:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="bench-regisseur-0").exists():
        started = time.perf_counter()
        _build(args.seed)
        print(f"gegevens opgebouwd in {time.perf_counter() - started:.0f} s")
    ReviewFlag.objects.all().delete()
    CaseEvent.objects.filter(type="review_flagged").delete()
    print(
        f"{Person.objects.count():,} personen, {JusticeFact.objects.count():,} feiten, "
        f"{Case.objects.filter(status='actief').count():,} actieve casussen; "
        f"database {os.environ['DATABASE_URL'].split(':')[0]}"
    )
    _scan("eerste scan (markeert)")
    _scan("tweede scan (idempotent)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
