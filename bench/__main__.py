"""``make bench`` / ``python -m bench``: the benchmark suite (never part of the tests; it never
fails for slowness).

    python -m bench [--scale region|national] [--db sqlite|postgres|both] [--runs N] [--rebuild]

Region scale (2,000 persons) by default, national scale (50,000 persons, 15,000 active cases,
10 years, 5 million audit events) with ``--scale national`` or ``BENCH_SCALE=national``. The
datasets are built once with ``regie demo --persons`` into their own databases
(``var/bench-<scale>.sqlite3``; PostgreSQL ``$BENCH_PG_URL_<scale>``, by default
``postgres://postgres@127.0.0.1:5432/regie_bench_<scale>``) and reused. Every database runs in
its own process; the figures are printed against their targets and written to
``bench/results/<scale>-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PAGE_P95_MS = 100
FLOOR_RATIO = 3
MONITOR_S = 2
VERIFY_PER_S = 100_000
AUDIT_OVERHEAD_PCT = 10


def database_url(db: str, scale: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-{scale}.sqlite3'}"
    base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/regie_bench")
    return os.environ.get(f"BENCH_PG_URL_{scale.upper()}", f"{base}_{scale}")


def _postgres_available(url: str) -> bool:
    check = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "pg_available.py"), url],
        check=False,
    )
    return check.returncode == 0


def _child(db: str, scale: str, runs: int, rebuild: bool) -> dict[str, Any] | None:
    out = RESULTS / f".partial-{scale}-{db}.json"
    out.unlink(missing_ok=True)
    code = (
        "import json, sys; from bench.suite import run; "
        f"r = run({database_url(db, scale)!r}, {scale!r}, {runs}, {rebuild}); "
        f"open({str(out)!r}, 'w').write(json.dumps(r, default=str))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)  # noqa: S603
    if not out.exists():
        print(f"{db}: de benchmark is niet afgerond (zie de foutmelding hierboven)")
        return None
    result = json.loads(out.read_text())
    out.unlink()
    return result


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "TE TRAAG")


def report(db: str, result: dict[str, Any]) -> list[str]:
    """The figures of one database against their targets, as printable lines."""
    data = result["data"]
    lines = [
        f"== {db} ({result['scale']}): {data['persons']:,} personen, {data['active_cases']:,} "
        f"lopende casussen, {data['audit_events']:,} auditregels; gegenereerd in "
        f"{result.get('generated_s') or '?'} s; belasting van de machine (load average 1/5/15 "
        f"min) {result.get('load_before')}",
        f"{'pagina':<28}{'p50':>8}{'p95':>8}{'vloer':>8}{'ratio':>7}{'queries':>9}  doel",
    ]
    for name, page in result["pages"].items():
        if name.startswith("_") or name in ("audit_overhead", "stack_baseline"):
            continue
        if "error" in page:
            lines.append(f"{name:<28}{page['error']}")
            continue
        limit = MONITOR_S * 1000 if name.startswith("monitor") else PAGE_P95_MS
        # The ratio target is the key pages'; the monitors and the retention page have their
        # time target only.
        ok = page["p95_ms"] <= limit and (
            name.startswith(("monitor", "retention")) or (page["ratio_p50"] or 0) <= FLOOR_RATIO
        )
        lines.append(
            f"{name:<28}{page['p50_ms']:>8.1f}{page['p95_ms']:>8.1f}{page['floor_p50_ms']:>8.1f}"
            f"{page['ratio_p50'] or 0:>7.1f}{page['queries']:>9}  {_verdict(ok)}"
        )
    baseline = result["pages"].get("stack_baseline")
    if baseline and "error" not in baseline:
        lines.append(
            f"vaste kosten per verzoek (pagina zonder gegevens, {baseline['url']}): "
            f"p50 {baseline['p50_ms']} ms, {baseline['queries']} queries"
        )
    overhead = result["pages"]["audit_overhead"]
    pct = overhead.get("overhead_pct")
    lines.append(
        f"auditoverhead casuspagina: {overhead.get('with_audit_p50_ms')} ms met, "
        f"{overhead.get('without_audit_p50_ms')} ms zonder = {pct} %  "
        f"{_verdict(None if pct is None else pct <= AUDIT_OVERHEAD_PCT)}"
    )
    verify = result["commands"]["audit_verify"]
    lines.append(
        f"regie audit verify: {verify['events']:,} regels in {verify['seconds']} s = "
        f"{verify['events_per_s']:,}/s  {_verdict(verify['events_per_s'] >= VERIFY_PER_S)}"
    )
    if "retention_dry_run" in result["commands"]:
        lines.append(
            f"regie retention run --dry-run: {result['commands']['retention_dry_run']['seconds']} s"
        )
    if "_retention_dry_run_task_s" in result["pages"]:
        lines.append(
            "proefdraai bewaartermijnen als taak (regie db_worker): "
            f"{result['pages']['_retention_dry_run_task_s']} s"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["region", "national"],
                        default=os.environ.get("BENCH_SCALE", "region"))  # fmt: skip
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=30, help="requests per page (after 3 warm-up)")
    parser.add_argument("--rebuild", action="store_true", help="generate the dataset anew")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (ROOT / "var").mkdir(exist_ok=True)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, Any] = {}
    for db in databases:
        if db == "postgres" and not _postgres_available(database_url(db, args.scale)):
            print("PostgreSQL niet bereikbaar: overgeslagen.")
            continue
        result = _child(db, args.scale, args.runs, args.rebuild)
        if result is not None:
            results[db] = result
            print("\n".join(report(db, result)))
            print()
    if not results:
        return 0
    path = RESULTS / f"{args.scale}-{date.today().isoformat()}.json"
    targets = {
        "page_p95_ms": PAGE_P95_MS,
        "page_floor_ratio": FLOOR_RATIO,
        "monitor_s": MONITOR_S,
        "audit_verify_events_per_s": VERIFY_PER_S,
        "audit_overhead_pct": AUDIT_OVERHEAD_PCT,
    }
    machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    path.write_text(
        json.dumps({"targets": targets, "machine": machine, **results}, indent=2) + "\n"
    )
    print(f"resultaten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
