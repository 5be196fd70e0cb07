"""What every case service shares: who may do it, the plan's version check, and recording the
change (one ``CaseEvent`` and one audit event, in the caller's transaction)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.cases.models import Case, Plan
from regie.events.models import EventType
from regie.events.services import event_record


def stale_plan_message() -> str:
    return _(
        "Iemand anders heeft het plan intussen gewijzigd. Uw wijziging is niet opgeslagen: "
        "laad de pagina opnieuw, bekijk de nieuwste versie en probeer het dan nog eens."
    )


def require_regisseur(actor: User, case: Case) -> None:
    """Only the case's own regisseur changes the plan and its participants: the policy must
    allow ``change`` *and* the actor must be this case's regisseur."""
    if case.regisseur_id != actor.pk or not can(actor, Act.CHANGE, case):
        raise PermissionDenied


def require_contributor(actor: User, case: Case) -> None:
    """Participants (the regisseur and partners) contribute: journal entries, their actions."""
    if not can(actor, Act.CONTRIBUTE, case):
        raise PermissionDenied


def require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("Deze casus is niet meer actief; het plan kan niet meer wijzigen."))


def plan_bump(*, actor: User, case: Case, seen_version: int) -> int:
    """Raise the plan's version from ``seen_version`` by one, or refuse when someone else
    changed the plan since. Compare-and-swap in one UPDATE, so two concurrent edits can never
    both pass. Call inside the service's transaction: a later failure rolls the bump back."""
    bumped = Plan.objects.filter(case_id=case.pk, version=seen_version).update(
        version=F("version") + 1, changed_at=timezone.now(), changed_by=actor
    )
    if not bumped:
        raise ValidationError(stale_plan_message(), code="stale")
    new_version = seen_version + 1
    if "plan" in case._state.fields_cache:
        case.plan.version = new_version
    return new_version


def record(
    *,
    actor: User,
    case: Case,
    event: EventType,
    payload: dict[str, Any],
    audit: AuditAction,
    object_type: str,
    object_id: int,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write the domain event and the audit event of one change. Payload and detail hold ids and
    codes only, never free text about a person."""
    event_record(
        type=event,
        actor=actor,
        person=case.person,
        case_id=case.pk,
        nomination_id=case.nomination_id,
        payload=payload,
    )
    audit_record(
        action=audit,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        person_id=case.person_id,
        detail={"case": case.pk, **(detail or {})},
    )
