"""Timing helpers for the benchmark suite: server time per request, the query count, the floor
(the same SELECTs re-executed raw, without Django around them) and the audit write switched off.

Runs inside a configured Django process (see ``bench.suite``)."""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.test import Client


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "max_ms": round(max(values), 2),
    }


class Recorder:
    """Counts every statement a request sends, and keeps the SELECTs with their parameters."""

    def __init__(self) -> None:
        self.count = 0
        self.selects: list[tuple[str, Any]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool,
                 context: Any) -> Any:  # fmt: skip
        self.count += 1
        if not many and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            self.selects.append((sql, params))
        return execute(sql, params, many, context)


def _floor(selects: list[tuple[str, Any]], runs: int) -> list[float]:
    """Time of the bare SQL: the page's SELECTs re-executed and fetched, nothing else."""
    timings = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            start = time.perf_counter()
            for sql, params in selects:
                cursor.execute(sql, params)
                cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure_page(
    client: Client, url: str, runs: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """p50/p95 of the whole request (middleware, session, access policy, audit write, template),
    the number of statements, and the floor of its SELECTs."""
    for _ in range(3):
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            return {"url": url, "error": f"HTTP {response.status_code}"}
    timings: list[float] = []
    counts: Counter[int] = Counter()
    recorder = Recorder()
    gc.collect()  # not the garbage of the page before (the monitor's is large)
    for _ in range(runs):
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
        counts[recorder.count] += 1
    floor = _floor(recorder.selects, runs)
    page, bare = summary(timings), summary(floor)
    return {
        "url": url,
        **page,
        # The count of the usual request: once a minute a request also saves the session (the
        # idle expiry), which the largest count would show for some pages and not for others.
        "queries": counts.most_common(1)[0][0],
        "queries_max": max(counts),
        "floor_p50_ms": bare["p50_ms"],
        "floor_p95_ms": bare["p95_ms"],
        "ratio_p50": round(page["p50_ms"] / bare["p50_ms"], 2) if bare["p50_ms"] else None,
    }


@contextmanager
def audit_write_off() -> Iterator[None]:
    """For the benchmark process only: every module's ``audit_record`` becomes a no-op, so the
    same page can be timed with and without its audit write. Not a production switch."""
    from regie.audit import services
    from regie.audit.models import AuditEvent

    original = services.audit_record

    def skip(**kwargs: Any) -> AuditEvent:
        return AuditEvent()

    patched = [
        m for m in list(sys.modules.values()) if getattr(m, "audit_record", None) is original
    ]
    for module in patched:
        module.audit_record = skip  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.audit_record = original  # type: ignore[attr-defined]


def audit_overhead(client: Client, url: str, runs: int) -> dict[str, Any]:
    """The same page with the audit write on and off, one request of each in turn, so that the
    machine's drift (it varies by tens of percent within minutes here) falls on both alike."""
    on: list[float] = []
    off: list[float] = []

    def request(bucket: list[float]) -> bool:
        start = time.perf_counter()
        response = client.get(url)
        bucket.append((time.perf_counter() - start) * 1000)
        return response.status_code == 200

    gc.collect()  # not the garbage of the pages before (the monitor's is large)
    for _ in range(runs):
        ok = request(on)
        with audit_write_off():
            ok = request(off) and ok
        if not ok:
            return {"url": url, "error": "HTTP-fout"}
    with_audit, without = statistics.median(on), statistics.median(off)
    return {
        "url": url,
        "with_audit_p50_ms": round(with_audit, 2),
        "without_audit_p50_ms": round(without, 2),
        "overhead_pct": round(100 * (with_audit - without) / with_audit, 1),
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result
