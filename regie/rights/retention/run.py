"""Applying the retention terms: ``retention_run`` finds every expired record, skips those
under a legal hold or an extension, deletes the rest kind by kind (each record with its
tombstone and audit event in one transaction) and records the run.

A dry run does the same work inside one transaction that is rolled back, so it also lists what
becomes expired only through other deletions (a person whose last nomination expires), and then
records just that it ran. Audit events are never deleted (``deletes=False``): the run reports
how many are past their term.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction
from django.utils import timezone

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.rights.dates import add_months
from regie.rights.graveyard import Graveyard
from regie.rights.models import (
    OPEN_STATUSES,
    BatchKind,
    DeletionBatch,
    ProcessingRestriction,
    RetentionExtension,
    SubjectRequest,
)
from regie.rights.retention.policy import RetentionKind, kinds

if TYPE_CHECKING:
    from regie.accounts.models import User

T = TypeVar("T")
Progress = Callable[[Sequence[Any], str], Iterable[Any]]


@dataclass(frozen=True)
class Expired:
    kind: str
    label: str
    record_id: int
    trigger: date | None
    held: str = ""


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    batch: DeletionBatch | None = None
    deleted: list[Expired] = field(default_factory=list)
    held: list[Expired] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.deleted:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        return counts


class _DryRun(Exception):
    pass


def _no_progress(items: Sequence[T], label: str) -> Iterable[T]:
    return items


class _Holds:
    """Records that expire but stay: an extension until a future date, or a person with an
    open subject request or a restriction of processing (legal holds)."""

    def __init__(self, today: date):
        self.extended = {
            (kind, record_id): until
            for kind, record_id, until in RetentionExtension.objects.filter(
                until__gte=today
            ).values_list("kind", "record_id", "until")
        }
        self.requested = set(
            SubjectRequest.objects.filter(status__in=OPEN_STATUSES).values_list(
                "person_ref", flat=True
            )
        )
        self.restricted = set(
            ProcessingRestriction.objects.filter(lifted_at__isnull=True).values_list(
                "person_id", flat=True
            )
        )

    def reason(self, kind: RetentionKind, obj: Any) -> str:
        until = self.extended.get((kind.key, obj.pk))
        if until is not None:
            return f"verlengd tot en met {until:%d-%m-%Y}"
        person_id = kind.person_id(obj)
        if person_id in self.restricted:
            return "verwerking beperkt"
        if person_id in self.requested:
            return "open verzoek van de betrokkene"
        return ""


def _ground(kind: RetentionKind) -> str:
    return f"Bewaartermijn verstreken: {kind.label}, {kind.term_text} {kind.trigger_label}"


def _apply(
    kind: RetentionKind,
    today: date,
    holds: _Holds,
    graveyard: Graveyard,
    report: RetentionReport,
    progress: Progress,
) -> None:
    cutoff = add_months(today, -kind.term_months)
    expired = list(kind.expired(cutoff).order_by("pk"))
    if graveyard.dry_run and kind.delete_many is not None:
        _apply_at_once(kind, expired, holds, graveyard, report, progress)
        return
    for obj in progress(expired, kind.label):
        row = Expired(kind.key, kind.label, obj.pk, kind.trigger(obj))
        held = holds.reason(kind, obj)
        if held:
            report.held.append(Expired(row.kind, row.label, row.record_id, row.trigger, held))
            continue
        assert kind.delete is not None
        with transaction.atomic():
            record_id, person_id, created = obj.pk, kind.person_id(obj), kind.created(obj)
            detail = kind.delete(obj)
            graveyard.bury(
                kind=kind.key,
                record_id=record_id,
                ground=_ground(kind),
                person_id=person_id,
                record_date=created,
                trigger_date=row.trigger,
                detail=detail,
            )
        report.deleted.append(row)


def _apply_at_once(
    kind: RetentionKind,
    expired: list[Any],
    holds: _Holds,
    graveyard: Graveyard,
    report: RetentionReport,
    progress: Progress,
) -> None:
    """The dry run of one kind, set-based: the same records listed and held, and the same
    records deleted (inside the run's rolled-back transaction, so later kinds see what
    becomes expired through these deletions), but in a few statements instead of one
    transaction per record."""
    assert kind.delete_many is not None
    doomed = []
    for obj in progress(expired, kind.label):
        row = Expired(kind.key, kind.label, obj.pk, kind.trigger(obj))
        held = holds.reason(kind, obj)
        if held:
            report.held.append(Expired(row.kind, row.label, row.record_id, row.trigger, held))
            continue
        graveyard.bury(kind=kind.key, record_id=obj.pk, ground=_ground(kind))
        report.deleted.append(row)
        doomed.append(obj)
    kind.delete_many(doomed)


def _run(
    actor: User | None, today: date, dry_run: bool, progress: Progress, report: RetentionReport
) -> None:
    batch = DeletionBatch.objects.create(
        kind=BatchKind.RETENTION, started_at=timezone.now(), actor=actor, dry_run=dry_run
    )
    graveyard = Graveyard(batch, actor=actor, dry_run=dry_run)
    holds = _Holds(today)
    for kind in kinds():
        if kind.deletes:
            _apply(kind, today, holds, graveyard, report, progress)
        else:
            report.kept[kind.key] = kind.expired(add_months(today, -kind.term_months)).count()
    report.batch = graveyard.finish()


def retention_run(
    *,
    actor: User | None = None,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress = _no_progress,
) -> RetentionReport:
    """Delete (or, with ``dry_run``, only list) every record past its retention term.

    ``actor`` is None for the scheduled job. ``progress(items, label)`` wraps each kind's list
    (the command passes a progress bar). Returns what was deleted, what was held and why, and
    how many audit events are past their term but kept.
    """
    today = today or timezone.localdate()
    report = RetentionReport(today=today, dry_run=dry_run)
    if dry_run:
        try:
            with transaction.atomic():
                _run(actor, today, True, progress, report)
                raise _DryRun
        except _DryRun:
            pass
        report.batch = DeletionBatch.objects.create(
            kind=BatchKind.RETENTION,
            started_at=timezone.now(),
            finished_at=timezone.now(),
            actor=actor,
            dry_run=True,
            counts=report.counts,
        )
    else:
        _run(actor, today, False, progress, report)
    assert report.batch is not None
    with transaction.atomic():
        if not dry_run:
            event_record(
                type=EventType.RETENTION_RUN,
                actor=actor,
                payload={"batch": report.batch.pk, "counts": report.counts},
            )
        audit_record(
            action=AuditAction.VIEW if dry_run else AuditAction.DELETE,
            actor=actor,
            object_type="retention_run",
            object_id=report.batch.pk,
            detail={
                "dry_run": dry_run,
                "deleted": len(report.deleted),
                "held": len(report.held),
                "audit_kept": sum(report.kept.values()),
            },
        )
    return report
