"""Long, valid audit chains built fast, for tests, benchmarks and demo data.

``audit_record`` appends one event per transaction, which is right for real work and far too
slow to build millions of rows. ``chain_append`` builds the same kind of rows (synthetic ids
only, never personal data) in batches behind the current head, and moves the head along.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from regie.audit.chain import GENESIS_HASH, VERIFY_FIELDS, Anchor, canonical_values
from regie.audit.models import AuditAction, AuditEvent, AuditHead, AuditOutcome
from regie.audit.selectors import verify_columns

_ACTIONS = [a.value for a in AuditAction]
_OBJECT_TYPES = ["person", "case", "nomination", "user", "page", "audit_log"]
_ROLES = ["regisseur", "partner", "triage", "teamlead", "privacy_officer"]
_VIEWS = ["detail", "list", "export"]


def _detail(rnd: random.Random, draw: float) -> dict[str, Any]:
    # Roughly the mix the application writes: mostly a few shared shapes, some unique filters.
    if draw < 0.6:
        return {"action": "view"}
    if draw < 0.8:
        return {}
    if draw < 0.95:
        return {"view": rnd.choice(_VIEWS), "page": rnd.randint(1, 9)}
    person = rnd.randint(1, 50_000)
    return {"person": person, "employee": None, "start": "2026-01-01", "end": ""}


def _synthetic_rows(
    rnd: random.Random, seq: int, prev_hash: str, at: datetime, step: timedelta, n: int
) -> Iterator[tuple[Any, ...]]:
    """``n`` chained rows in ``CHAINED_FIELDS`` order, followed by their hash."""
    success = AuditOutcome.SUCCESS.value
    for _ in range(n):
        seq += 1
        draw = rnd.random()
        row = (
            seq,
            prev_hash,
            at,
            rnd.randint(1, 2_000),
            rnd.randint(1, 40),
            rnd.choice(_ROLES),
            rnd.choice(_ACTIONS),
            rnd.choice(_OBJECT_TYPES),
            str(rnd.randint(1, 100_000)),
            rnd.randint(1, 50_000) if draw < 0.7 else None,
            "",
            success,
            f"10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}",
            _detail(rnd, draw),
        )
        prev_hash = hashlib.sha256(canonical_values(row)).hexdigest()
        yield (*row, prev_hash)
        at += step


def _writer() -> Callable[[list[tuple[Any, ...]]], None]:
    """A function that inserts a batch of ``_synthetic_rows``: COPY on PostgreSQL (several
    times faster than INSERTs there), ``executemany`` elsewhere."""
    meta = AuditEvent._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(verify_columns())
    detail_field = meta.get_field("detail")
    adapt_time = connection.ops.adapt_datetimefield_value

    def prepared(rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        for row in rows:
            detail = detail_field.get_db_prep_save(row[13], connection)
            yield (*row[:2], adapt_time(row[2]), *row[3:13], detail, row[14])

    def copy(rows: list[tuple[Any, ...]]) -> None:
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream,
        ):
            for row in prepared(rows):
                stream.write_row(row)

    def insert(rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join(["%s"] * len(VERIFY_FIELDS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                list(prepared(rows)),
            )

    return copy if connection.vendor == "postgresql" else insert


def chain_append(
    n: int,
    *,
    start: datetime | None = None,
    step: timedelta = timedelta(milliseconds=250),
    seed: int = 0,
    batch_size: int = 5_000,
    on_batch: Callable[[int], None] | None = None,
) -> Anchor:
    """Append ``n`` synthetic, correctly chained events behind the head; return the new head.

    Times start at ``start`` (default: ``n`` steps before now) and advance by ``step``. The
    head row is locked for the whole build, so real writers wait rather than fork the chain.
    ``on_batch(k)`` is called after each batch of ``k`` rows, e.g. to drive a progress bar.
    """
    rnd = random.Random(seed)
    at = start or timezone.now() - step * n
    write = _writer()
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        seq, prev = head.seq, head.hash
        remaining = n
        while remaining:
            size = min(batch_size, remaining)
            rows = list(_synthetic_rows(rnd, seq, prev, at, step, size))
            write(rows)
            seq, prev, at = rows[-1][0], rows[-1][-1], at + step * size
            remaining -= size
            if on_batch is not None:
                on_batch(size)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
        if connection.vendor == "postgresql" and n >= 10_000:
            with connection.cursor() as cursor:
                # Fresh statistics, so that reads plan on the new size straight away.
                cursor.execute(f"ANALYZE {connection.ops.quote_name(AuditEvent._meta.db_table)}")
    return Anchor(seq, prev)
