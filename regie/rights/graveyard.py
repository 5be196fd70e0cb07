"""Deleting records and leaving tombstones, for erasure and for retention alike.

A ``Graveyard`` belongs to one ``DeletionBatch``. ``bury`` records one deleted record: a
tombstone (kind, internal id, dates, ground, batch, counts of what went with it) and a
``DELETE`` audit event with ids only — so the audit chain stays intact and verifiable.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.utils import timezone

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.rights.models import DeletionBatch, Tombstone

if TYPE_CHECKING:
    from regie.accounts.models import User


def delete_with_counts(obj: Model) -> dict[str, int]:
    """Delete ``obj`` (and what cascades from it); the number of rows per model that went with
    it, e.g. ``{"triage.Assessment": 1}``."""
    _total, per_model = obj.delete()
    own = obj._meta.label
    return {label: n for label, n in per_model.items() if label != own and n}


def as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


class Graveyard:
    def __init__(self, batch: DeletionBatch, *, actor: User | None):
        self.batch = batch
        self.actor = actor
        self.counts: Counter[str] = Counter()

    def bury(
        self,
        *,
        kind: str,
        record_id: int,
        ground: str,
        person_id: int | None = None,
        record_date: date | datetime | None = None,
        trigger_date: date | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Record one deleted record."""
        self.counts[kind] += 1
        Tombstone.objects.create(
            batch=self.batch,
            kind=kind,
            record_id=record_id,
            record_date=as_date(record_date),
            trigger_date=trigger_date,
            deleted_at=timezone.now(),
            ground=ground[:300],
            detail=detail or {},
        )
        audit_record(
            action=AuditAction.DELETE,
            actor=self.actor,
            object_type=kind,
            object_id=record_id,
            person_id=person_id,
            detail={"batch": self.batch.pk, "cascade": sum((detail or {}).values())},
        )

    def finish(self) -> DeletionBatch:
        self.batch.finished_at = timezone.now()
        self.batch.counts = dict(sorted(self.counts.items()))
        self.batch.save(update_fields=["finished_at", "counts"])
        return self.batch
