"""``python -m bench.sqlite_diff``: does this machine's SQLite answer Regie's queries right?

    python -m bench.sqlite_diff [--scale region|national] [--pages N]

SQLite 3.35.0 up to 3.41.2 skip a range bound after an IN constraint on one index once ANALYZE
has run (``regie.core.checks``), and Regie's overdue counts once had that shape. This tool looks
for any other query that the SQLite library Python uses answers differently from a current
SQLite: it opens the pages of every demo role on the benchmark's SQLite dataset (the start page
and the links it finds from there, breadth first, GET only), records every SELECT with its
parameters, and runs each again, read-only, under both libraries. The current one comes from
the ``pysqlite3-binary`` wheel (a dev dependency on Linux x86_64). It is not a test: on
PostgreSQL the question does not arise, and the answer needs a dataset with its statistics.

A difference is a statement to read: it is either a wrong answer of the older library or, where a
statement sorts on ties and cuts off with LIMIT, two right answers. Exit status 1 when a
statement differs, 2 when the current SQLite is not installed or no page could be opened.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import importlib
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

ROLES = ("regisseur", "teamleider", "triagist", "voorzitter", "fg", "politie", "reclassering",
         "amstelveen", "analist", "toezicht", "beheer")  # fmt: skip
# Links not to follow: leaving, files and forms that write or take long (the retention dry run).
SKIP = re.compile(r"uitloggen|logout|/static/|/media/|/account/|/admin/|proefdraai|export|\.pdf")
Statement = tuple[str, tuple[Any, ...]]


def _plain(value: Any) -> Any:
    """A parameter as SQLite receives it (Django's adapters), so both libraries get the same."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return str.__str__(value)  # a TextChoices member as its value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, float | bytes):
        return value
    raise TypeError(type(value))


@contextmanager
def _selects() -> Iterator[set[Statement]]:
    """Every SELECT the requests inside send, with its parameters."""
    from django.db import connection

    seen: set[Statement] = set()

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool,
               context: Any) -> Any:  # fmt: skip
        if not many and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.add((sql, tuple(_plain(p) for p in params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def crawl(pages_per_role: int) -> tuple[set[Statement], int]:
    """Open up to ``pages_per_role`` pages as each demo role; the SELECTs and the page count."""
    from django.conf import settings
    from django.test import Client

    from regie.accounts.models import User

    settings.DEBUG = False
    opened = 0
    with _selects() as seen:
        for user in User.objects.filter(username__in=ROLES).order_by("username"):
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            queue: list[str] = ["/"]
            done: set[str] = set()
            while queue and len(done) < pages_per_role:
                url = queue.pop(0)
                if url in done:
                    continue
                done.add(url)
                response = client.get(url)
                if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                    for href in re.findall(r'href="(/[^"#]*)"', response.content.decode()):
                        href = href.replace("&amp;", "&")
                        if not SKIP.search(href) and href not in done:
                            queue.append(href)
            opened += len(done)
    return seen, opened


def _connect(module: Any, path: str) -> Any:
    from django.db.backends.sqlite3._functions import register

    connection = module.connect(f"file:{path}?mode=ro", uri=True)
    register(connection)  # Django's SQL functions (date extraction and the like)
    return connection


def compare(statements: set[Statement], path: str, newer: Any) -> list[str]:
    """The statements whose rows differ between this Python's SQLite and ``newer``."""
    from tqdm import tqdm

    old, new = _connect(sqlite3, path), _connect(newer, path)
    differ = []
    for sql, params in tqdm(sorted(statements), desc="vergelijken", unit=" SELECT"):
        query = sql.replace("%s", "?")
        rows = [sorted(map(repr, db.execute(query, params).fetchall())) for db in (old, new)]
        if rows[0] != rows[1]:
            differ.append(f"{len(rows[0])} tegen {len(rows[1])} rijen: {sql[:300]}")
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sqlite_diff", description=__doc__)
    parser.add_argument("--scale", choices=("region", "national"), default="region")
    parser.add_argument("--pages", type=int, default=60, help="pagina's per rol")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages moet 1 of meer zijn")
    try:
        newer = importlib.import_module("pysqlite3.dbapi2")
    except ImportError:
        print("Een actuele SQLite ontbreekt: pip install pysqlite3-binary (Linux x86_64).")
        return 2

    from bench.__main__ import database_url
    from bench.suite import configure, ensure_data

    url = database_url("sqlite", args.scale)
    configure(url)
    ensure_data(url, args.scale, rebuild=False)
    statements, opened = crawl(args.pages)
    if not opened:  # no demo accounts: nothing was compared, so nothing can be vouched for
        print(f"Geen pagina geopend: de dataset heeft geen demo-accounts ({', '.join(ROLES)}).")
        return 2
    differ = compare(statements, url.removeprefix("sqlite:///"), newer)
    print(
        f"{len(statements):,} verschillende SELECTs van {opened} pagina's vergeleken tussen "
        f"SQLite {sqlite3.sqlite_version} en {newer.sqlite_version}: {len(differ)} verschillen."
    )
    for line in differ:
        print(f"- {line}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
