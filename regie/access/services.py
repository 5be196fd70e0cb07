"""Break-glass: opening one object outside one's scope, with a reason, for one hour."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.models import BreakGlassGrant, ReviewOutcome
from regie.access.rules import BREAK_GLASS_RESOURCES, BREAK_GLASS_ROLES
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record

BREAK_GLASS_DURATION = timedelta(hours=1)
MIN_REASON_LENGTH = 20


def break_glass_grant(
    *, user: User, resource: str, object_id: int, reason: str, person_id: int | None = None
) -> BreakGlassGrant:
    """Grant ``user`` one hour of read access to one object, and put it in the FG's queue.

    Raises ``PermissionDenied`` for roles without break-glass and ``ValidationError`` for a
    reason that is too short to be a reason.
    """
    if not user.has_role(*BREAK_GLASS_ROLES) or resource not in BREAK_GLASS_RESOURCES:
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Geef een reden van minstens %(n)d tekens.") % {"n": MIN_REASON_LENGTH}}
        )
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant(
            user=user,
            resource=resource,
            object_id=str(object_id),
            reason=reason,
            granted_at=now,
            expires_at=now + BREAK_GLASS_DURATION,
        )
        grant.full_clean()
        grant.save()
        audit_record(
            action=AuditAction.BREAK_GLASS,
            actor=user,
            object_type=resource,
            object_id=object_id,
            person_id=person_id,
            detail={"grant": grant.pk, "expires_at": grant.expires_at.isoformat()},
        )
    return grant


def break_glass_review(
    *, reviewer: User, grant: BreakGlassGrant, outcome: ReviewOutcome, note: str
) -> BreakGlassGrant:
    """The privacy officer's verdict on one break-glass use."""
    if not reviewer.has_role("privacy_officer") or reviewer.pk == grant.user_id:
        raise PermissionDenied
    if outcome == ReviewOutcome.QUESTIONED and not note.strip():
        raise ValidationError({"review_note": _("Licht toe welke vraag u heeft.")})
    with transaction.atomic():
        grant.reviewed_by = reviewer
        grant.reviewed_at = timezone.now()
        grant.review_outcome = outcome
        grant.review_note = note.strip()
        grant.save(update_fields=["reviewed_by", "reviewed_at", "review_outcome", "review_note"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=reviewer,
            object_type="break_glass",
            object_id=grant.pk,
            detail={"review_outcome": outcome.value},
        )
    return grant
