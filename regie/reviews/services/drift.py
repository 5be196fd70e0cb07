"""Writing the flags that drift detection finds: once per case, kind and basis, in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import CaseEvent, EventType
from regie.reviews import drift
from regie.reviews.models import ReviewFlag

BATCH = 500


@dataclass(frozen=True)
class ScanResult:
    on_date: date
    cases: int
    found: int
    created: int
    unchecked_groups: tuple[str, ...]


def _known(case_ids: list[int]) -> set[tuple[int, str, str]]:
    known: set[tuple[int, str, str]] = set()
    for start in range(0, len(case_ids), drift.BATCH):
        batch = case_ids[start : start + drift.BATCH]
        known |= set(
            ReviewFlag.objects.filter(case_id__in=batch).values_list("case_id", "kind", "basis")
        )
    return known


def review_flags_scan(
    *,
    on_date: date | None = None,
    person_ids: Iterable[int] | None = None,
    trigger: str = "scan",
    progress: bool = False,
) -> ScanResult:
    """Flag active cases for an early review (``regie.reviews.drift``), of ``person_ids`` only
    when given. Idempotent: a flag exists once per case, kind and basis — an open one is not
    repeated, and a resolved one is not raised again for the same fact or criteria set. Writes
    one ``review_flagged`` event per new flag and, when anything was flagged, one audit event
    (counts only). Runs as the system: no human actor, it only advises."""
    day = on_date or timezone.localdate()
    scan = drift.find(on_date=day, person_ids=person_ids, progress=progress)
    known = _known(sorted({f.case_id for f in scan.findings}))
    stamp = timezone.now()
    new = {
        (f.case_id, f.kind, f.basis): f
        for f in scan.findings
        if (f.case_id, f.kind, f.basis) not in known
    }
    with transaction.atomic():
        before = ReviewFlag.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ReviewFlag.objects.bulk_create(
            (
                ReviewFlag(
                    case_id=f.case_id, kind=f.kind, basis=f.basis, text=f.text, detected_at=stamp
                )
                for f in new.values()
            ),
            batch_size=BATCH,
            ignore_conflicts=True,  # a concurrent scan may have flagged the same in between
        )
        created = (
            [
                row
                for row in ReviewFlag.objects.filter(pk__gt=before).values_list(
                    "pk", "case_id", "kind", "basis"
                )
                if tuple(row[1:]) in new
            ]
            if new
            else []
        )
        CaseEvent.objects.bulk_create(
            (
                CaseEvent(
                    type=EventType.REVIEW_FLAGGED,
                    person_id=new[(case_id, kind, basis)].person_id,
                    case_id=case_id,
                    occurred_at=stamp,
                    payload={"flag_id": pk, "kind": kind},
                )
                for pk, case_id, kind, basis in created
            ),
            batch_size=BATCH,
        )
        if created:
            audit_record(
                action=AuditAction.CREATE,
                object_type="review_flag",
                purpose="drift",
                detail={
                    "trigger": trigger,
                    "on_date": day.isoformat(),
                    "cases_scanned": scan.cases,
                    "flags_created": len(created),
                },
            )
    return ScanResult(
        on_date=day,
        cases=scan.cases,
        found=len(scan.findings),
        created=len(created),
        unchecked_groups=tuple(scan.unchecked_groups),
    )
