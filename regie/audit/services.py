"""Writing audit events.

Every write takes the chain head's row lock (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite
every transaction already holds the database's write lock, see ``transaction_mode`` in the
settings), so concurrent requests queue for the next sequence number instead of forking the
chain. The lock is held until the caller's transaction ends: record the audit event at the end
of the work, not at its start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.utils import timezone

from regie.audit.chain import GENESIS_HASH, compute_hash
from regie.audit.context import current
from regie.audit.models import AuditAction, AuditEvent, AuditHead, AuditOutcome

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from regie.accounts.models import User

_ALLOWED_DETAIL_TYPES = (str, int, bool, type(None))
_OBJECT_ID_LENGTH = AuditEvent._meta.get_field("object_id").max_length


def _check_detail(detail: dict[str, Any]) -> None:
    for key, value in detail.items():
        if not isinstance(key, str):
            # {1: …} would be stored as {"1": …} and hash differently when read back.
            raise TypeError(f"audit detail key {key!r} must be text")
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, _ALLOWED_DETAIL_TYPES) for v in values):
            raise TypeError(f"audit detail {key!r} must be text, numbers or booleans")


def _normalise_ip(value: str | None) -> str | None:
    """A valid address in the spelling the database gives back (IPv6 compressed, lower case),
    or None: a forwarded header may carry anything, and that must not break the write."""
    if not value:
        return None
    value = value.strip()
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return AuditEvent._meta.get_field("client_ip").to_python(value)


def audit_record(
    *,
    action: AuditAction,
    actor: User | AnonymousUser | None = None,
    object_type: str = "",
    object_id: Any = "",
    person_id: int | None = None,
    purpose: str = "",
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    role: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction (or a new one).

    The event belongs to the work: when the caller's transaction rolls back, the event and the
    head move are undone with it. Never pass names, BSNs or free text: ids only. Raises
    ``TypeError`` for detail keys that are not text and for values that are not plain text,
    whole numbers, booleans or lists of those (they would not hash reproducibly), and
    ``ValueError`` for a ``person_id`` that is not a whole number.
    """
    return audit_record_many(
        action=action,
        actor=actor,
        object_type=object_type,
        entries=[(object_id, person_id, detail or {})],
        purpose=purpose,
        outcome=outcome,
        role=role,
    )[0]


def audit_record_many(
    *,
    action: AuditAction,
    actor: User | AnonymousUser | None = None,
    object_type: str = "",
    entries: Sequence[tuple[Any, int | None, dict[str, Any]]],
    purpose: str = "",
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    role: str | None = None,
) -> list[AuditEvent]:
    """Append one event per ``(object_id, person_id, detail)`` entry under a single lock of the
    chain head, in one insert: for work that touches many persons at once (an import), so the
    privacy officer's log per person shows it without one head round trip per person. Same
    rules as :func:`audit_record`, which is this with one entry."""
    if not entries:
        return []
    for _object_id, _person_id, detail in entries:
        _check_detail(detail)
    ctx = current.get()
    user = actor if actor is not None and actor.is_authenticated else None
    if role is None:
        role = ",".join(sorted(getattr(user, "role_codes", ())))
    events: list[AuditEvent] = []
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        seq, prev_hash, now = head.seq, head.hash, timezone.now()
        for object_id, person_id, detail in entries:
            seq += 1
            event = AuditEvent(
                seq=seq,
                prev_hash=prev_hash,
                occurred_at=now,
                actor_id=user.pk if user else None,
                organisation_id=getattr(user, "organisation_id", None),
                role=role,
                action=action.value,
                object_type=object_type,
                # Ids are short; cut anything longer rather than fail the work on PostgreSQL.
                object_id=str(object_id)[:_OBJECT_ID_LENGTH] if object_id not in (None, "") else "",
                person_id=int(person_id) if person_id is not None else None,
                purpose=purpose or (ctx.purpose if ctx else ""),
                outcome=outcome.value,
                client_ip=_normalise_ip(ctx.client_ip if ctx else None),
                detail=detail,
            )
            event.hash = compute_hash(event.__dict__)
            prev_hash = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev_hash)
    return events
