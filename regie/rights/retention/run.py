"""Applying the retention terms: ``retention_run`` finds every expired record, skips those
under a legal hold or an extension, deletes the rest kind by kind (each record with its
tombstone and audit event in one transaction) and records the run.

A dry run only reads: it lists the same records kind by kind, keeping what it has listed (and
what deleting that would take along) in a ``Gone``, so it also lists what becomes expired only
through other deletions (a person whose last nomination expires); then it records that it ran.
It takes no locks and writes nothing while it lists, so the people at work are not held up.
Audit events are never deleted (``deletes=False``): the run reports how many are past their term.
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
from regie.rights.retention.policy import Gone, RetentionKind, kinds

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


def _expired(
    kind: RetentionKind, obj: Any, holds: _Holds, report: RetentionReport
) -> Expired | None:
    """The row of an expired record to delete, or None when a hold keeps it (then listed as
    held, with the reason)."""
    row = Expired(kind.key, kind.label, obj.pk, kind.trigger(obj))
    held = holds.reason(kind, obj)
    if held:
        report.held.append(Expired(row.kind, row.label, row.record_id, row.trigger, held))
        return None
    return row


def _apply(
    kind: RetentionKind,
    today: date,
    holds: _Holds,
    graveyard: Graveyard,
    report: RetentionReport,
    progress: Progress,
) -> None:
    cutoff = add_months(today, -kind.term_months)
    for obj in progress(list(kind.expired(cutoff).order_by("pk")), kind.label):
        row = _expired(kind, obj, holds, report)
        if row is None:
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


def _list(
    kind: RetentionKind,
    today: date,
    holds: _Holds,
    gone: Gone,
    report: RetentionReport,
    progress: Progress,
) -> None:
    """The dry run of one kind: what ``_apply`` would delete and hold, read and not deleted."""
    cutoff = add_months(today, -kind.term_months)
    if kind.expired_if_gone is not None:
        expired = list(kind.expired_if_gone(cutoff, gone))
    else:
        expired = list(kind.expired(cutoff).order_by("pk"))
    doomed = []
    for obj in progress(expired, kind.label):
        if obj.pk in gone[type(obj)]:
            continue  # taken along by a kind before
        row = _expired(kind, obj, holds, report)
        if row is None:
            continue
        report.deleted.append(row)
        doomed.append(obj)
    if doomed:
        gone.add(type(doomed[0]), (obj.pk for obj in doomed))
        if kind.takes_along is not None:
            kind.takes_along(doomed, gone)


def _run(actor: User | None, today: date, progress: Progress, report: RetentionReport) -> None:
    batch = DeletionBatch.objects.create(
        kind=BatchKind.RETENTION, started_at=timezone.now(), actor=actor
    )
    graveyard = Graveyard(batch, actor=actor)
    holds = _Holds(today)
    for kind in kinds():
        if kind.deletes:
            _apply(kind, today, holds, graveyard, report, progress)
        else:
            report.kept[kind.key] = _kept(kind, today)
    report.batch = graveyard.finish()


def _dry_run(actor: User | None, today: date, progress: Progress, report: RetentionReport) -> None:
    started = timezone.now()
    holds, gone = _Holds(today), Gone()
    for kind in kinds():
        if kind.deletes:
            _list(kind, today, holds, gone, report, progress)
        else:
            report.kept[kind.key] = _kept(kind, today)
    report.batch = DeletionBatch.objects.create(
        kind=BatchKind.RETENTION,
        started_at=started,
        finished_at=timezone.now(),
        actor=actor,
        dry_run=True,
        counts=dict(sorted(report.counts.items())),
    )


def _kept(kind: RetentionKind, today: date) -> int:
    return kind.expired(add_months(today, -kind.term_months)).count()


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
    (_dry_run if dry_run else _run)(actor, today, progress, report)
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
