"""``make loadtest`` / ``python -m loadtest``: 50 simulated users across five roles against
gunicorn (2 workers) on 127.0.0.1, bounded in time, then ``regie audit verify``.

    python -m loadtest [--db sqlite|postgres] [--users 50] [--seconds 60] [--scale region]

1. The dataset is the benchmark's (``bench.suite``: built with ``regie demo --persons`` if absent).
2. Setup: for each simulated user a session through Django's own login (``force_login``: the
   session row the real login leaves behind, MFA passed), and the pages that user may open.
3. gunicorn serves the production profile (``DEBUG=false``, ``ManifestStaticFilesStorage``
   after ``collectstatic``), as if behind a TLS proxy (``REGIE_BEHIND_TLS_PROXY=true``).
4. Warm-up: each role's pages a few times, several at once, so that both workers have imported
   their views and compiled their templates, as a server that has been running a while has.
5. locust runs headless for ``--seconds``; then the server stops and the audit chain is verified.

Figures are printed and written to ``bench/results/loadtest-<db>-<date>.json``. Targets: p95 ≤
300 ms, no errors, chain clean.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from loadtest.pages import ROLES

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
ROLE_USERS = {role: spec.users for role, spec in ROLES.items()}


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        REGIE_DEMO="true",
        SECRET_KEY="loadtest-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        REGIE_BEHIND_TLS_PROXY="true",
        STATIC_ROOT=str(VAR / "loadtest-static"),
        DJANGO_SETTINGS_MODULE="regie.settings",
    )
    return env


def _sessions(database_url: str, scale: str, path: Path) -> None:
    """Runs in a child with the production settings: data, then one session per simulated user."""
    code = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ["DEBUG"] = "true"  # only for building the dataset in bench.suite's own way
from bench.suite import configure, ensure_data
configure({database_url!r})
ensure_data({database_url!r}, {scale!r}, False)
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)  # noqa: S603
    code = f"""
import json, random
import django; django.setup()
from django.conf import settings
from django.test import Client
from regie.accounts.models import User
from regie.cases.models import Case, Participant
from regie.persons.models import Person
rng = random.Random(1)
roles = {ROLE_USERS!r}
persons = list(Person.objects.filter(cases__isnull=False).values_list("pk", "last_name", "date_of_birth")[:500])
out = {{}}
for role, count in roles.items():
    users = list(User.objects.filter(role_assignments__role=role, is_active=True, api_client__isnull=True).order_by("pk")[: max(count, 5)])
    out[role] = []
    for user in users:
        client = Client()
        client.force_login(user)
        cases = list(Case.objects.filter(regisseur=user, status="actief").values_list("pk", flat=True)[:40])
        if role == "partner":
            cases = list(Participant.objects.filter(organisation_id=user.organisation_id, user__isnull=True, removed_at__isnull=True, case__status="actief").values_list("case_id", flat=True)[:40])
        sample = rng.sample(persons, min(20, len(persons)))
        out[role].append({{
            "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "targets": {{
                "cases": cases,
                "persons": [p[0] for p in sample],
                "searches": [f"/personen/?last_name={{p[1]}}&date_of_birth={{p[2]}}" for p in sample],
            }},
        }})
open({str(path)!r}, "w").write(json.dumps(out))
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=_env(database_url))  # noqa: S603


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_server(server: subprocess.Popen[bytes], url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn is gestopt (poort bezet?)")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback only)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn kwam niet op")


def _warm_up(base: str, sessions: Path, times: int = 6) -> None:
    """Each role's pages a few times, several at once so that both workers get them, before the
    measured minute: a worker imports views and compiles templates on its first request for a
    page (up to 1.6 s), which a server that has been running for a while no longer does."""
    cookie = os.environ.get("LOADTEST_COOKIE", "__Host-regie_session")
    by_role = json.loads(sessions.read_text())
    urls: list[tuple[str, str]] = []
    for role, spec in ROLES.items():
        session = by_role[role][0]
        for page in spec.pages:
            url = page.url_for(session["targets"], lambda targets: targets[0])
            if url is not None:
                urls.append((url, session["cookie"]))

    def get(job: tuple[str, str]) -> None:
        url, value = job
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            base + url, headers={"Cookie": f"{cookie}={value}", "X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(get, [job for job in urls for _ in range(times)]))


def _stats(prefix: Path) -> dict[str, Any]:
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    pages = {}
    for row in rows:
        pages[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "rps": round(float(row["Requests/s"]), 1),
        }
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", choices=["region", "national"], default="region")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", default="3,10", help="think time per user, min,max seconds")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.__main__ import database_url

    url = database_url(args.db, args.scale)
    VAR.mkdir(exist_ok=True)
    sessions = VAR / "loadtest-sessions.json"
    _sessions(url, args.scale, sessions)
    env = _env(url)
    subprocess.run([str(BIN / "regie"), "collectstatic", "--no-input", "-v0"], check=True, env=env)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "regie.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    prefix = VAR / "loadtest"
    try:
        _wait_for_server(server, f"http://127.0.0.1:{port}/account/login/")
        _warm_up(f"http://127.0.0.1:{port}", sessions)
        subprocess.run(  # noqa: S603
            [str(BIN / "locust"), "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", "10", "--run-time", f"{args.seconds}s",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
             "--stop-timeout", "10"],
            env={**env, "LOADTEST_SESSIONS": str(sessions), "LOADTEST_WAIT": args.wait}, check=False, timeout=args.seconds + 120,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    verify = subprocess.run(  # noqa: S603
        [str(BIN / "regie"), "audit", "verify"], env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    pages = _stats(prefix)
    total = pages.get("Aggregated", {})
    result = {
        "database": args.db,
        "scale": args.scale,
        "users": args.users,
        "think_time_s": args.wait,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "seconds": args.seconds,
        "workers": 2,
        "pages": pages,
        "audit_verify": (verify.stdout or verify.stderr).strip(),
        "audit_verify_ok": verify.returncode == 0,
        "targets": {"p95_ms": 300, "failures": 0},
    }
    out = ROOT / "bench" / "results" / f"loadtest-{args.db}-{date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'pagina':<24}{'verzoeken':>10}{'fouten':>8}{'p50':>8}{'p95':>8}{'p99':>8}")
    for name, page in pages.items():
        print(f"{name:<24}{page['requests']:>10}{page['failures']:>8}{page['p50_ms']:>8.0f}"
              f"{page['p95_ms']:>8.0f}{page['p99_ms']:>8.0f}")  # fmt: skip
    ok = total.get("p95_ms", 1e9) <= 300 and total.get("failures", 1) == 0
    print(
        f"p95 {total.get('p95_ms')} ms, fouten {total.get('failures')}: {'ok' if ok else 'NIET GEHAALD'}"
    )
    print(f"audit verify: {result['audit_verify']}")
    print(f"resultaten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
