"""The fast path of ``regie audit verify``: millions of rows at ≥ 100,000 per second.

``regie.audit.chain.verify_rows`` is the reference: it walks the rows one by one and names the
first bad one. This module only answers "is the whole chain intact?", quicker:

- rows come straight from the cursor as tuples, in batches by ``seq`` (no model instances);
- the canonical form is built by string formatting instead of a generic ``json.dumps`` of a
  dict (``canonical_fast``, byte for byte the same as ``chain.canonical``; a test holds them
  together);
- on a large chain outside a transaction, ranges of ``seq`` are checked in parallel processes,
  and the ranges are then joined link by link.

Whenever the fast path finds anything wrong — or cannot be sure — the caller runs the reference
walk, so a broken chain is always reported exactly as ``verify_rows`` reports it.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

from django.db import connection, connections

from regie.audit.chain import GENESIS_HASH, Anchor

BATCH = 50_000
PARALLEL_FROM = 200_000  # rows; below this one process is quicker than starting workers
COLUMNS = (
    "seq, prev_hash, hash, {time}, actor_id, organisation_id, role, action, object_type, "
    "object_id, person_id, purpose, outcome, client_ip, detail"
)
# The time as text straight from the database: no datetime objects to build and format again.
TIME_AS_TEXT = {
    "postgresql": "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
    "sqlite": "CAST(occurred_at AS TEXT)",
}


def _time(value: Any) -> str:
    """``chain._canonical_time`` for what the cursor returns: the canonical text itself
    (PostgreSQL formats it, see ``_columns``), naive UTC text (SQLite), or a datetime."""
    if isinstance(value, str):
        if len(value) == 27 and value[10] == "T" and value[-1] == "Z":
            return value
        if len(value) == 26 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}Z"
        if len(value) == 19 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}.000000Z"
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


def _number(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(str(value))


def canonical_fast(
    seq: int,
    prev_hash: str,
    occurred_at: Any,
    actor_id: int | None,
    organisation_id: int | None,
    role: str,
    action: str,
    object_type: str,
    object_id: str,
    person_id: int | None,
    purpose: str,
    outcome: str,
    client_ip: str | None,
    detail: Any,
) -> bytes:
    """``chain.canonical`` of one row (keys in sorted order, compact separators)."""
    if isinstance(detail, str):
        detail = json.loads(detail)
    details = (
        json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if detail
        else "{}"
    )
    return (
        f'{{"action":{_text(action)},"actor_id":{_number(actor_id)},'
        f'"client_ip":{_text(client_ip)},"detail":{details},'
        f'"object_id":{_text(object_id)},"object_type":{_text(object_type)},'
        f'"occurred_at":"{_time(occurred_at)}","organisation_id":{_number(organisation_id)},'
        f'"outcome":{_text(outcome)},"person_id":{_number(person_id)},'
        f'"prev_hash":{_text(prev_hash)},"purpose":{_text(purpose)},"role":{_text(role)},'
        f'"seq":{_number(seq)}}}'
    ).encode()


@dataclass(frozen=True)
class Span:
    """What a range of the chain looks like from outside: its ends, and whether it is intact
    inside (contiguous ``seq``, every link, every hash)."""

    ok: bool
    first_seq: int
    first_prev: str
    last_seq: int
    last_hash: str
    count: int
    anchor_hash: str | None  # the hash found at the anchor's seq, when it lies in this span


def _span(low: int, high: int | None, anchor_seq: int | None) -> Span:
    """Check the rows with ``low < seq <= high`` (``high`` None: to the end)."""
    table = connection.ops.quote_name("audit_auditevent")
    bound = "" if high is None else " AND seq <= %s"
    columns = COLUMNS.format(time=TIME_AS_TEXT.get(connection.vendor, "occurred_at"))
    sql = f"SELECT {columns} FROM {table} WHERE seq > %s{bound} ORDER BY seq LIMIT {BATCH}"  # noqa: S608 (constant names)
    first_seq, first_prev, prev_hash, expected, count = 0, "", "", low + 1, 0
    anchor_hash = None
    sha256 = hashlib.sha256
    with connection.cursor() as cursor:
        after = low
        while True:
            cursor.execute(sql, [after] if high is None else [after, high])
            rows = cursor.fetchall()
            if not rows:
                break
            for seq, prev, digest, *rest in rows:
                if count == 0:
                    first_seq, first_prev = seq, prev
                elif seq != expected or prev != prev_hash:
                    return Span(False, first_seq, first_prev, seq, digest, count, anchor_hash)
                if sha256(canonical_fast(seq, prev, *rest)).hexdigest() != digest:
                    return Span(False, first_seq, first_prev, seq, digest, count, anchor_hash)
                if seq == anchor_seq:
                    anchor_hash = digest
                prev_hash, expected, count = digest, seq + 1, count + 1
            after = rows[-1][0]
    return Span(True, first_seq, first_prev, expected - 1, prev_hash, count, anchor_hash)


def _span_in_worker(args: tuple[int, int | None, int | None]) -> Span:
    try:
        return _span(*args)
    finally:
        connections.close_all()


def _bounds() -> tuple[int, int]:
    table = connection.ops.quote_name("audit_auditevent")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM {table}")  # noqa: S608
        low, high = cursor.fetchone()
    return int(low), int(high)


def _spans(highest: int, anchor_seq: int | None) -> list[Span]:
    workers = min(os.cpu_count() or 1, 4)
    if highest < PARALLEL_FROM or workers < 2 or connection.in_atomic_block:
        return [_span(0, None, anchor_seq)]
    step = highest // workers + 1
    ranges = [(k * step, None if k == workers - 1 else (k + 1) * step, anchor_seq)
              for k in range(workers)]  # fmt: skip
    connections.close_all()  # each forked worker opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_span_in_worker, ranges)


def chain_intact(anchor: Anchor | None = None) -> tuple[bool, int]:
    """``(True, rows)`` when every row, link and hash is right (and the anchored row is there
    and matches); ``(False, 0)`` when anything is off or unclear — then walk with the reference."""
    lowest, highest = _bounds()
    if highest == 0:
        return anchor is None or anchor.seq == 0, 0
    if lowest != 1:
        return False, 0
    spans = _spans(highest, anchor.seq if anchor else None)
    prev, expected, total, anchor_ok = GENESIS_HASH, 1, 0, anchor is None
    for span in spans:
        if span.count == 0:
            continue
        if not span.ok or span.first_seq != expected or span.first_prev != prev:
            return False, 0
        if anchor is not None and span.anchor_hash is not None:
            anchor_ok = span.anchor_hash == anchor.hash
        prev, expected, total = span.last_hash, span.last_seq + 1, total + span.count
    return (anchor_ok and total == highest), total
