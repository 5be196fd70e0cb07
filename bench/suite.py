"""One benchmark run on one database: build the dataset if it is not there, then time the key
pages, the API, the monitors, ``regie audit verify``, ``regie retention run --dry-run`` and the
audit overhead. Started by ``python -m bench`` in its own process per database."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCALES = {"region": (2_000, 10), "national": (50_000, 10)}


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ["REGIE_DEMO"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import django

    django.setup()


def _recreate(database_url: str) -> None:
    """Start from nothing: remove the SQLite file, or drop and create the PostgreSQL database."""
    from django.db import connections

    connections.close_all()
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_data(database_url: str, scale: str, rebuild: bool) -> float | None:
    """Build the dataset unless it is there already; returns the generation time if built."""
    from django.core.management import call_command
    from django.db import DatabaseError

    persons, years = SCALES[scale]
    meta = ROOT / "var" / f"bench-{scale}-{database_url.split(':')[0]}.json"
    if not rebuild:
        try:
            from regie.persons.models import Person

            if Person.objects.count() == persons:
                # A dataset built by an earlier version gets this version's migrations.
                call_command("migrate", verbosity=0)
                return json.loads(meta.read_text()).get("generated_s") if meta.exists() else None
        except DatabaseError:
            pass
    _recreate(database_url)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("demo", persons=persons, years=years, seed=1)
    generated = round(time.perf_counter() - start, 1)
    meta.parent.mkdir(exist_ok=True)
    meta.write_text(json.dumps({"generated_s": generated}))
    return generated


def _clients() -> dict[str, Any]:
    from django.test import Client

    from regie.accounts.models import User

    clients = {}
    for username in ("regisseur", "triagist", "fg", "politie", "teamleider", "analist"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    return clients


def _targets() -> dict[str, Any]:
    """The objects the pages are requested for: the demo regisseur's busiest open case."""
    from django.db.models import Count

    from regie.audit.models import AuditEvent
    from regie.cases.models import Case
    from regie.persons.models import Person

    case = (
        Case.objects.filter(regisseur__username="regisseur", status="actief")
        .annotate(n=Count("journal"))
        .order_by("-n", "pk")
        .first()
    )
    assert case is not None, "de demo-regisseur heeft geen lopende casus"
    person = Person.objects.get(pk=case.person_id)
    return {
        "case": case.pk,
        "person": person,
        "person_audit_events": AuditEvent.objects.filter(person_id=person.pk).count(),
    }


def _api_token() -> str:
    from regie.accounts.models import Organisation, User
    from regie.api.services import api_client_create

    admin = User.objects.get(username="beheer")
    politie = Organisation.objects.get(name="Politie Eenheid Amsterdam")
    _client, token = api_client_create(
        actor=admin,
        organisation=politie,
        name=f"Benchmark {time.time_ns()}",
        scopes=["nominations:read"],
    )
    return token


def pages(runs: int) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from bench.measure import audit_overhead, measure_page

    settings.DEBUG = False  # no debug cursor: time what production runs
    clients, target = _clients(), _targets()
    person = target["person"]
    search = f"/personen/?last_name={person.last_name}&date_of_birth={person.date_of_birth}"
    plan: list[tuple[str, str, str]] = [
        ("regisseur_start", "regisseur", "/casussen/"),
        ("case_page", "regisseur", f"/casussen/{target['case']}/"),
        ("team_overview", "teamleider", "/casussen/overzicht/"),
        ("triage_queue", "triagist", "/triage/"),
        ("person_search", "triagist", search),
        ("privacy_log_person", "fg", f"/audit/?person={person.pk}"),
    ]
    dry_run_s, dry_run_url = _retention_dry_run()
    plan.append(("retention_dry_run_result", "fg", dry_run_url))
    for name, user, url_name in (
        ("monitor_yearly", "analist", "monitor:yearly"),
        ("monitor_fairness", "analist", "fairness:overview"),
    ):
        try:
            plan.append((name, user, reverse(url_name)))
        except NoReverseMatch:
            continue
    results: dict[str, Any] = {}
    for name, user, url in plan:
        results[name] = measure_page(clients[user], url, runs)
    api = Client(HTTP_HOST="localhost")
    auth = {"Authorization": f"Bearer {_api_token()}"}
    results["api_nominations"] = measure_page(api, "/api/v1/nominations/", runs, auth)
    results["api_nominations_submitted"] = measure_page(
        api, "/api/v1/nominations/?status=ingediend", runs, auth
    )
    case_url = f"/casussen/{target['case']}/"
    results["audit_overhead"] = audit_overhead(clients["regisseur"], case_url, runs * 2)
    # The fixed cost of any request through the whole stack (session, MFA check, navigation,
    # base template) on a page that reads no data: what no page can go below.
    results["stack_baseline"] = measure_page(clients["regisseur"], "/", runs)
    results["_person_audit_events"] = target["person_audit_events"]
    results["_retention_dry_run_task_s"] = dry_run_s
    return results


def _retention_dry_run() -> tuple[float, str]:
    """The privacy officer's dry run as the page starts it: enqueued, then run by the real
    worker (``db_worker --batch``). Returns the worker's time and the finished run's page."""
    from django.core.management import call_command
    from django.urls import reverse

    from bench.measure import timed
    from regie.accounts.models import User
    from regie.rights.tasks import retention_dry_run

    result = retention_dry_run.enqueue(actor_id=User.objects.get(username="fg").pk)
    seconds, _ = timed(lambda: call_command("db_worker", "--batch", "--interval", "0", verbosity=0))
    return round(seconds, 2), reverse("rights:retention_dry_run_result", args=[result.id])


def commands() -> dict[str, Any]:
    from django.core.management import call_command, get_commands

    from bench.measure import timed
    from regie.audit.models import AuditEvent

    out: dict[str, Any] = {}
    count = AuditEvent.objects.count()
    with open(os.devnull, "w") as devnull:
        seconds, _ = timed(lambda: call_command("audit", "verify", stdout=devnull))
        out["audit_verify"] = {
            "events": count,
            "seconds": round(seconds, 2),
            "events_per_s": round(count / seconds),
        }
        if "retention" in get_commands():
            seconds, _ = timed(
                lambda: call_command("retention", "run", "--dry-run", "--quiet", stdout=devnull)
            )
            out["retention_dry_run"] = {"seconds": round(seconds, 2)}
    return out


def counts() -> dict[str, int]:
    from regie.audit.models import AuditEvent
    from regie.cases.models import OPEN_STATUSES, Case
    from regie.events.models import CaseEvent
    from regie.nominations.models import Nomination
    from regie.persons.models import Person

    return {
        "persons": Person.objects.count(),
        "nominations": Nomination.objects.count(),
        "cases": Case.objects.count(),
        # in the approach: active, or with an outflow prepared and not yet confirmed
        "active_cases": Case.objects.filter(status__in=OPEN_STATUSES).count(),
        "case_events": CaseEvent.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def vacuum(connection: Any) -> None:
    """Start from a vacuumed database, as autovacuum keeps a production one. Needed because a
    PostgreSQL may run with autovacuum off (this machine's does): the dead rows and stale
    statistics of what earlier runs and load tests wrote would make the next run's pages
    slower. SQLite: ANALYZE.

    Then everything the vacuum (or the generator, or an earlier run) wrote goes to disk first —
    a checkpoint, then the operating system's buffers: with gigabytes still being written back,
    a commit's flush waits behind them, and the pages' audit write measured 10 ms instead of
    under one."""
    from django.db import DatabaseError

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            # Needs a superuser or pg_checkpoint; without it the sync below still helps.
            with contextlib.suppress(DatabaseError):
                cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
    os.sync()


def run(database_url: str, scale: str, runs: int, rebuild: bool) -> dict[str, Any]:
    configure(database_url)
    from django.db import connection

    generated = ensure_data(database_url, scale, rebuild)
    vacuum(connection)
    result: dict[str, Any] = {
        "database": connection.vendor,
        "scale": scale,
        "generated_s": generated,
        "data": counts(),
    }
    result["load_before"] = [round(x, 1) for x in os.getloadavg()]
    result["pages"] = pages(runs)
    result["commands"] = commands()
    result["load_after"] = [round(x, 1) for x in os.getloadavg()]
    return result
