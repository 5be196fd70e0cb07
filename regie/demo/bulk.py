"""Fast bulk writing for the scale generator (``regie.demo.scale``), demo mode only.

``Bulk`` hands out primary keys up front (so rows can point at each other without reading
anything back) and writes rows as plain tuples: ``COPY … FROM STDIN`` on PostgreSQL,
``executemany`` on SQLite. Values are converted the way Django would store them. At the end,
``finish`` moves the PostgreSQL sequences past the keys used.

``AuditChain`` appends audit events to the hash chain exactly as ``regie.audit.services`` does
(same canonical form, ``regie.audit.chain.compute_hash``) and moves ``AuditHead`` at the end, so
``regie audit verify`` accepts the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from hashlib import sha256
from typing import Any, cast

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from regie.audit.chain import GENESIS_HASH, canonical_values
from regie.audit.models import AuditEvent, AuditHead

BATCH = 20_000
Converter = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _json(value: Any) -> Any:
    return json.dumps(value)


def _sqlite_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _converter(field: models.Field, vendor: str) -> Converter:
    kind = field.get_internal_type()
    if kind == "JSONField":
        return _json
    if vendor != "sqlite":
        return _same
    if kind == "DateTimeField":
        return _sqlite_datetime
    if kind == "DateField":
        return _sqlite_date
    if kind == "BooleanField":
        return _sqlite_bool
    return _same


class Bulk:
    """Primary keys handed out in advance, rows written in large batches."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self._next: dict[type[models.Model], int] = {}
        self.written: dict[str, int] = {}

    def ids(self, model: type[models.Model], count: int) -> range:
        if model not in self._next:
            self._next[model] = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        start = self._next[model]
        self._next[model] = start + count
        return range(start, start + count)

    def insert(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Write ``rows`` (tuples in the order of ``fields``, model attribute names)."""
        meta = model._meta
        model_fields = [cast(models.Field, meta.get_field(name)) for name in fields]
        # Fields left out get their model default (or NULL), as ``save()`` would give them.
        rest = [f for f in meta.concrete_fields if f not in model_fields and not f.primary_key]
        extra = tuple(_converter(f, self.vendor)(f.get_default()) for f in rest)
        model_fields += rest
        columns = [str(f.column) for f in model_fields]
        convert = [_converter(f, self.vendor) for f in model_fields[: len(fields)]]
        plain = all(c is _same for c in convert)
        if extra:
            rows = (tuple(row) + extra for row in rows)
            convert += [_same] * len(extra)
        table = connection.ops.quote_name(meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(
                            row if plain else [c(v) for c, v in zip(convert, row, strict=True)]
                        )
                        count += 1
            else:
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608 (names from the model)
                batch: list[Sequence[Any]] = []
                for row in rows:
                    batch.append(
                        row if plain else [c(v) for c, v in zip(convert, row, strict=True)]
                    )
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        self.written[meta.label] = self.written.get(meta.label, 0) + count
        return count

    def finish(self) -> None:
        """Move the sequences of PostgreSQL past the keys written by hand."""
        if self.vendor != "postgresql" or not self._next:
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self._next)):
                cursor.execute(sql)


@contextmanager
def indexes_deferred(*models_: type[models.Model]) -> Iterator[None]:
    """Drop the plain (non-unique) indexes of ``models_`` while loading, and build them again
    afterwards: one sort per index instead of millions of scattered inserts. Unique and primary
    key indexes stay, so the constraints hold throughout."""
    saved: list[str] = []
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND "
                    "indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = "
                    "%s::regclass)",
                    [table, table],
                )
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    [table],
                )
            for name, sql in cursor.fetchall():
                saved.append(sql)
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys are checked at commit; PostgreSQL builds no index on a table with
            # checks still pending, so run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in saved:
            cursor.execute(sql)


# One audit event before hashing: (occurred_at, actor_id, action, object_type, object_id,
# person_id, detail). Organisation and role follow from the actor, as in ``audit_record``.
AuditRow = tuple[datetime, int | None, str, str, str, int | None, dict[str, Any]]

AUDIT_FIELDS = (
    "id",
    "seq",
    "prev_hash",
    "hash",
    "occurred_at",
    "actor_id",
    "organisation_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "outcome",
    "client_ip",
    "detail",
)


class AuditChain:
    """Appends events to the chain after the current head; ``close`` moves the head."""

    def __init__(self, bulk: Bulk, actors: dict[int, tuple[int | None, str]]) -> None:
        self.bulk = bulk
        self.actors = actors  # user id -> (organisation id, sorted role codes joined by ",")
        head = AuditHead.objects.filter(pk=1).first()
        self.seq = head.seq if head else 0
        self.hash = head.hash if head else GENESIS_HASH
        self.next_id = (AuditEvent.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def _rows(self, events: Iterable[AuditRow]) -> Iterable[tuple[Any, ...]]:
        for occurred_at, actor_id, action, object_type, object_id, person_id, detail in events:
            organisation_id, role = (
                self.actors.get(actor_id, (None, "")) if actor_id else (None, "")
            )
            self.seq += 1
            # ``compute_hash`` over the canonical form, through the fast path that
            # verification uses (byte-identical to ``canonical``; regie/audit/tests/test_chain).
            digest = sha256(
                canonical_values(
                    (self.seq, self.hash, occurred_at, actor_id, organisation_id, role, action,
                     object_type, object_id, person_id, "", "success", None, detail)
                )
            ).hexdigest()  # fmt: skip
            yield (
                self.next_id,
                self.seq,
                self.hash,
                digest,
                occurred_at,
                actor_id,
                organisation_id,
                role,
                action,
                object_type,
                object_id,
                person_id,
                "",
                "success",
                None,
                detail,
            )
            self.hash = digest
            self.next_id += 1

    def append(self, events: Iterable[AuditRow]) -> int:
        """Hash and write ``events`` (already in time order) after the current head."""
        return self.bulk.insert(AuditEvent, AUDIT_FIELDS, self._rows(events))

    def close(self) -> None:
        AuditHead.objects.update_or_create(pk=1, defaults={"seq": self.seq, "hash": self.hash})
        if self.bulk.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [AuditEvent]):
                    cursor.execute(sql)
