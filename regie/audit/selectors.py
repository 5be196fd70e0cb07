"""Reading the audit log: verification, the anchor, and the privacy officer's queries."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, connections
from django.db.models import QuerySet

from regie.audit.chain import (
    GENESIS_HASH,
    VERIFY_FIELDS,
    Anchor,
    VerifyResult,
    broken_link_reason,
    gap_reason,
    verify_rows,
    verify_span,
)
from regie.audit.models import AuditEvent, AuditHead

VERIFY_BATCH = 20_000
# Chains of at least this many rows are verified by several processes, one stretch each.
PARALLEL_FROM = 300_000
STRETCH = 200_000


def verify_columns() -> list[str]:
    """The quoted columns of ``VERIFY_FIELDS``, for queries that bypass the ORM."""
    column = {field.name: field.column for field in AuditEvent._meta.concrete_fields}
    return [connection.ops.quote_name(column[name]) for name in VERIFY_FIELDS]


def _select_sql() -> str:
    # A plain cursor, not the ORM: building model values per row would cost more than the
    # hashing. ``chain.canonical_values`` accepts the database's own spelling of each value.
    quote = connection.ops.quote_name
    columns = verify_columns()
    # Times as UTC text (SQLite stores them so; PostgreSQL is asked to): several times cheaper
    # than the drivers' parsers, and an impossible date is reported instead of crashing a read.
    at = VERIFY_FIELDS.index("occurred_at")
    if connection.vendor == "postgresql":
        columns[at] = f"to_char({columns[at]} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    else:
        columns[at] = f"CAST({columns[at]} AS TEXT)"
    return (
        f"SELECT {', '.join(columns)} FROM {quote(AuditEvent._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('seq')} > %s AND {quote('seq')} <= %s ORDER BY {quote('seq')} LIMIT %s"
    )


def _iter_rows(
    upto: int, batch_size: int, on_batch: Callable[[int], None] | None, after: int = 0
) -> Iterator[Sequence[Any]]:
    """Rows with ``after < seq <= upto`` in order, in keyset batches (memory stays flat)."""
    sql = _select_sql()
    last = after
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, upto, batch_size])
            batch = cursor.fetchall()
        if not batch:
            return
        yield from batch
        if on_batch is not None:
            on_batch(len(batch))
        last = batch[-1][0]


def audit_head() -> Anchor:
    """The stored head of the chain (what the next event will link to)."""
    head = AuditHead.objects.filter(pk=1).values_list("seq", "hash").first()
    return Anchor(*head) if head else Anchor(0, GENESIS_HASH)


def audit_verify(
    *,
    anchors: Sequence[Anchor] = (),
    batch_size: int = VERIFY_BATCH,
    on_batch: Callable[[int], None] | None = None,
    processes: int | None = None,
) -> VerifyResult:
    """Recompute the whole chain up to its head; compare the head and the ``anchors`` with it.

    Safe while people work: the head is read first and only rows up to it are checked, so
    events written meanwhile are left for the next run. Finds changed, inserted and removed
    rows (``verify_rows``), a head that does not match the last row, rows beyond the head, and
    — given anchors saved earlier — rows cut off the end, or the chain rewritten up to an
    anchor (the first anchor that no longer matches bounds where the rewriting started).
    ``on_batch(k)`` is called after every ``k`` rows, for a progress bar.

    A long chain (``PARALLEL_FROM`` rows or more, outside a transaction) is verified by one
    process per core, each a stretch of ``STRETCH`` rows; every stretch only needs the link to
    the one before, which its first row carries (``_verify_parallel``). ``processes`` overrides
    the choice (1: in this process).
    """
    head = audit_head()
    workers = _workers(head.seq) if processes is None else processes
    if workers > 1:
        result = _verify_parallel(head.seq, anchors, batch_size, on_batch, workers)
    else:
        result = verify_rows(_iter_rows(head.seq, batch_size, on_batch), anchors=anchors)
    if not result.ok:
        return result
    if result.checked != head.seq:
        return VerifyResult.broken(
            result.checked + 1,
            f"de kop van de keten staat op {head.seq}, maar de laatste regel is "
            f"{result.checked}: regels aan het eind zijn verwijderd",
        )
    last = AuditEvent.objects.filter(seq=head.seq).values_list("hash", flat=True).first()
    if head.seq and last != head.hash:
        return VerifyResult.broken(head.seq, "de kop van de keten wijkt af van de laatste regel")
    furthest = max((anchor.seq for anchor in anchors), default=0)
    if furthest > head.seq:
        return VerifyResult.broken(
            head.seq + 1,
            f"de keten eindigt bij {head.seq}, vóór het anker {furthest}: "
            "regels aan het eind zijn verwijderd",
        )
    # The highest row first, the head after it: a writer commits its row and the new head
    # together, so a row beyond the head read *after* it is one that no writer put there.
    beyond = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    now = audit_head()
    if beyond > now.seq:
        return VerifyResult.broken(
            now.seq + 1, f"er staan regels tot {beyond} na de kop van de keten ({now.seq})"
        )
    return result


def _workers(rows: int) -> int:
    if rows < PARALLEL_FROM or connection.in_atomic_block:
        return 1  # rows written in an open transaction are invisible to other processes
    return max(1, min(os.cpu_count() or 1, 8))


def _verify_stretch(job: tuple[int, int, dict[int, str], int]) -> tuple[Any, ...]:
    """In a worker process: the rows ``after < seq <= upto``, linked to each other; the link
    of the first row to the stretch before is left to the caller."""
    after, upto, anchored, batch_size = job
    result, first_prev, last = verify_span(
        _iter_rows(upto, batch_size, None, after=after), anchored, first_seq=after + 1, prev=None
    )
    return result.ok, result.checked, result.first_bad_seq, result.reason, first_prev, last


def _verify_parallel(
    upto: int,
    anchors: Sequence[Anchor],
    batch_size: int,
    on_batch: Callable[[int], None] | None,
    workers: int,
) -> VerifyResult:
    """Stretches verified side by side, their results taken in chain order: the first break
    found is the first break of the chain, exactly as the walk in one process would report."""
    anchored = {anchor.seq: anchor.hash for anchor in anchors}
    jobs = [
        (start, min(start + STRETCH, upto), anchored, batch_size)
        for start in range(0, upto, STRETCH)
    ]
    connections.close_all()  # each process opens its own connection (forked, not shared)
    # Closed and joined, never terminated: Pool.terminate() can deadlock (CPython issues
    # #73945, #96995). After a finding the workers still finish the stretches they were given.
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        return _first_finding(jobs, pool.imap(_verify_stretch, jobs), upto, on_batch)
    except KeyboardInterrupt:
        pool.terminate()  # Ctrl+C reached the workers too: their stretches will not come back
        raise
    finally:
        pool.close()
        pool.join()


def _first_finding(
    jobs: Sequence[tuple[int, int, dict[int, str], int]],
    outcomes: Iterable[tuple[Any, ...]],
    upto: int,
    on_batch: Callable[[int], None] | None,
) -> VerifyResult:
    """The stretches' outcomes taken in chain order: the first break among them, linked."""
    prev = GENESIS_HASH
    for (after, stretch_end, _, _), outcome in zip(jobs, outcomes, strict=True):
        ok, checked, first_bad, reason, first_prev, last = outcome
        if first_prev is not None and first_prev != prev:
            return VerifyResult.broken(after + 1, broken_link_reason(after + 1))
        if not ok:
            return VerifyResult(False, checked, first_bad, reason)
        if checked != stretch_end:  # rows missing at the end of the stretch
            if stretch_end == upto:
                return VerifyResult(True, checked)  # the caller compares with the head
            found = (
                AuditEvent.objects.filter(seq__gt=checked)
                .order_by("seq")
                .values_list("seq", flat=True)
                .first()
            )
            return VerifyResult.broken(checked + 1, gap_reason(checked + 1, found or upto))
        prev = last
        if on_batch is not None:
            on_batch(stretch_end - after)
    return VerifyResult(True, upto)


def audit_anchor() -> Anchor:
    """The last row of the chain (``seq`` and ``hash``), for the privacy officer to keep outside
    the system; ``audit_verify(anchors=...)`` later proves the chain still holds that row."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return Anchor(*last) if last else Anchor(0, GENESIS_HASH)


def audit_events(
    *,
    person_id: int | None = None,
    actor_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Events about one person and/or by one employee in ``[start, end)``, newest first.

    Not scoped: the caller limits the result with the access policy (only the privacy officer
    may read the log).
    """
    qs = AuditEvent.objects.all()
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    if start is not None:
        qs = qs.filter(occurred_at__gte=start)
    if end is not None:
        qs = qs.filter(occurred_at__lt=end)
    # Time order follows the chain (the time is taken under the head lock); sorting on the time
    # first lets the (person, time) and (employee, time) indexes deliver the rows in order.
    return qs.order_by("-occurred_at", "-seq")
