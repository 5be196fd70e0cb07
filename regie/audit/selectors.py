"""Reading the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from regie.audit.chain import CHAINED_FIELDS, Anchor, VerifyResult, verify_rows
from regie.audit.fastverify import chain_intact
from regie.audit.models import AuditEvent, AuditHead

_VERIFY_FIELDS = (*CHAINED_FIELDS, "hash")


def _iter_rows(batch_size: int = 20_000) -> Iterator[dict[str, Any]]:
    last = 0
    while True:
        batch = list(
            AuditEvent.objects.filter(seq__gt=last)
            .order_by("seq")
            .values(*_VERIFY_FIELDS)[:batch_size]
        )
        if not batch:
            return
        yield from batch
        last = batch[-1]["seq"]


def audit_verify(*, anchor: Anchor | None = None) -> VerifyResult:
    """Recompute the whole chain; also compare the stored head with the last row. The fast path
    (``regie.audit.fastverify``) answers for an intact chain; anything else is walked row by row
    so the first bad row is named exactly."""
    intact, checked = chain_intact(anchor)
    result = VerifyResult(True, checked) if intact else verify_rows(_iter_rows(), anchor=anchor)
    if not result.ok:
        return result
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.seq != result.checked:
        return VerifyResult(
            False,
            result.checked,
            result.checked + 1,
            f"de kop van de keten staat op {head.seq}, maar de laatste regel is {result.checked}: "
            "regels aan het eind zijn verwijderd",
        )
    return result


def audit_anchor() -> Anchor:
    """The current head of the chain, to be saved outside the system by the privacy officer."""
    last = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
    if last is None:
        return Anchor(0, "0" * 64)
    return Anchor(last["seq"], last["hash"])


def audit_events(
    *, person_id: int | None = None, actor_id: int | None = None, start=None, end=None
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    if start is not None:
        qs = qs.filter(occurred_at__gte=start)
    if end is not None:
        qs = qs.filter(occurred_at__lt=end)
    return qs.order_by("-seq")
