"""System checks of the environment Regie runs in (``regie check``, and before ``runserver`` and
``migrate``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import checks

# SQLite 3.35.0 up to 3.41.2 skip a range constraint on a NOT NULL index column that follows an
# IN constraint, once ANALYZE statistics are there: "a = 1 AND b IN (…) AND c < x" returns rows
# with c ≥ x. Probed release by release with the case below: 3.33.0 right; 3.35.0, 3.36.0,
# 3.38.5, 3.39.3, 3.40.0, 3.40.1 (Debian 12), 3.41.0 and 3.41.2 wrong; 3.42.0, 3.43.1, 3.44.2,
# 3.45.0, 3.46.0 and 3.51.1 right.
FIXED_IN = (3, 42, 0)


def sqlite_skips_range_after_in() -> bool:
    """Whether this process's SQLite library shows the bug: the smallest case, in memory."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL)")
        db.execute("CREATE INDEX t_abc ON t (a, b, c)")
        db.executemany("INSERT INTO t VALUES (1, ?, '2027-01-01')", [("open",), ("bezig",)])
        db.execute("ANALYZE")
        db.execute("UPDATE sqlite_stat1 SET stat = '100000 2 2 1' WHERE idx = 't_abc'")
        db.execute("ANALYZE sqlite_master")  # reload the statistics
        query = "SELECT count(*) FROM t WHERE a = 1 AND b IN ('open', 'bezig') AND c < '2026-01-01'"
        return bool(db.execute(query).fetchone()[0])
    finally:
        db.close()


@checks.register(checks.Tags.compatibility)
def sqlite_version_check(**kwargs: Any) -> list[checks.CheckMessage]:
    return sqlite_library_warnings(database["ENGINE"] for database in settings.DATABASES.values())


def sqlite_library_warnings(engines: Iterable[str]) -> list[checks.CheckMessage]:
    if "django.db.backends.sqlite3" not in set(engines) or not sqlite_skips_range_after_in():
        return []
    return [
        checks.Warning(
            f"SQLite {sqlite3.sqlite_version} returns wrong rows for some queries with IN and "
            "a range on one index once ANALYZE has run (fixed in SQLite "
            f"{'.'.join(map(str, FIXED_IN))}).",
            hint="Regie avoids the query shapes it knows of; for production use PostgreSQL, "
            "or a Python built against a newer SQLite. See docs/deploy.md.",
            id="regie.W001",
        )
    ]
