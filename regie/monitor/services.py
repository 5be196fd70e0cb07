"""Writes of the monitor: the analyst's register of experiences (docs/monitor.md).

Each write is audited in the same transaction. Experiences concern no regiepersoon, so no
``CaseEvent`` is written.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from regie.access.policy import can
from regie.access.rules import Action, Org, Part, decide
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.monitor.models import Experience


def _audit(actor: User, experience: Experience, action: AuditAction) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="experience",
        object_id=experience.pk,
        detail={
            "year": experience.year,
            "kind": experience.kind,
            "included": experience.included,
            "consent_given": experience.consent_given,
        },
    )


def experience_create(
    *,
    actor: User,
    kind: str,
    year: int,
    themes: list[str],
    text: str,
    consent_given: bool,
    consent_date: date | None,
    included: bool,
) -> Experience:
    """Record an experience; the actor is recorded as the one who recorded the consent.

    Raises ``PermissionDenied`` for anyone but the analyst and ``ValidationError`` for missing
    themes, a missing consent date, or inclusion without consent.
    """
    if not _may(actor, Action.CREATE):
        raise PermissionDenied
    with transaction.atomic():
        experience = Experience(
            kind=kind,
            year=year,
            themes=sorted(set(themes)),
            text=text.strip(),
            consent_given=consent_given,
            consent_date=consent_date,
            consent_recorded_by=actor,
            included=included,
        )
        experience.full_clean()
        experience.save()
        _audit(actor, experience, AuditAction.CREATE)
    return experience


def experience_change(
    *,
    actor: User,
    experience: Experience,
    kind: str,
    year: int,
    themes: list[str],
    text: str,
    consent_given: bool,
    consent_date: date | None,
    included: bool,
) -> Experience:
    """Change an experience (e.g. include it in the monitor once consent is recorded).

    Raises as :func:`experience_create`; ``PermissionDenied`` also when the actor may not change
    this experience.
    """
    if not can(actor, Action.CHANGE, experience):
        raise PermissionDenied
    with transaction.atomic():
        experience.kind = kind
        experience.year = year
        experience.themes = sorted(set(themes))
        experience.text = text.strip()
        experience.consent_given = consent_given
        experience.consent_date = consent_date
        experience.included = included
        experience.full_clean()
        experience.save()
        _audit(actor, experience, AuditAction.CHANGE)
    return experience


def _may(actor: User, action: Action) -> bool:
    return actor.is_active and decide(actor.role_codes, "experience", Org.OWN, Part.NO, action)
