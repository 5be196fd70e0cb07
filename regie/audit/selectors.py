"""Reading the audit log: verification, the anchor, and the privacy officer's queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from regie.audit.chain import GENESIS_HASH, VERIFY_FIELDS, Anchor, VerifyResult, verify_rows
from regie.audit.models import AuditEvent, AuditHead

VERIFY_BATCH = 20_000


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
    upto: int, batch_size: int, on_batch: Callable[[int], None] | None
) -> Iterator[Sequence[Any]]:
    """Rows with ``seq <= upto`` in order, in keyset batches (memory stays flat)."""
    sql = _select_sql()
    last = 0
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
) -> VerifyResult:
    """Recompute the whole chain up to its head; compare the head and the ``anchors`` with it.

    Safe while people work: the head is read first and only rows up to it are checked, so
    events written meanwhile are left for the next run. Finds changed, inserted and removed
    rows (``verify_rows``), a head that does not match the last row, rows beyond the head, and
    — given anchors saved earlier — rows cut off the end, or the chain rewritten up to an
    anchor (the first anchor that no longer matches bounds where the rewriting started).
    ``on_batch(k)`` is called after every ``k`` rows, for a progress bar.
    """
    head = audit_head()
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
