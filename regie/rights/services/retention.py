"""Extending a retention term for one record: only with a justification and an end date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.rights.models import RetentionExtension
from regie.rights.retention.policy import kinds

if TYPE_CHECKING:
    from regie.accounts.models import User

MIN_JUSTIFICATION = 20


def retention_extend(
    *, actor: User, kind: str, record_id: int, justification: str, until: date | None
) -> RetentionExtension:
    """Keep one record of ``kind`` until ``until`` (inclusive), past its term.

    Raises ``PermissionDenied`` for anyone but the privacy officer and ``ValidationError`` for
    an unknown kind or record, a justification shorter than 20 characters, or an end date that
    is not in the future.
    """
    if not actor.has_role("privacy_officer"):
        raise PermissionDenied
    known = {k.key: k for k in kinds() if k.deletes}
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if kind not in known:
        errors["kind"] = _("Kies een soort gegeven met een bewaartermijn.")
    elif not known[kind].expired(today).model._default_manager.filter(pk=record_id).exists():
        errors["record_id"] = _("Er is geen gegeven van deze soort met dit nummer.")
    if len(justification.strip()) < MIN_JUSTIFICATION:
        errors["justification"] = _("Rechtvaardig de verlenging in minstens %(n)d tekens.") % {
            "n": MIN_JUSTIFICATION
        }
    if until is None or until <= today:
        errors["until"] = _("De einddatum van de verlenging ligt na vandaag.")
    if errors:
        raise ValidationError(errors)
    assert until is not None
    with transaction.atomic():
        extension = RetentionExtension(
            kind=kind,
            record_id=record_id,
            justification=justification.strip(),
            until=until,
            created_by=actor,
            created_at=timezone.now(),
        )
        extension.full_clean()
        extension.save()
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="retention_extension",
            object_id=extension.pk,
            detail={"kind": kind, "record": record_id, "until": until.isoformat()},
        )
    return extension
