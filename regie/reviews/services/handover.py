"""The warm handover: recorded by the regisseur, carried out, and confirmed by a user of the
receiving organisation."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.cases.models import Case
from regie.cases.services.base import record, require_regisseur
from regie.events.models import EventType
from regie.reviews.models import Handover, HandoverStatus, Outflow, OutflowStatus

# A handover is planned at most this far ahead.
PLAN_AHEAD = timedelta(days=366)


def current_outflow(case: Case) -> Outflow | None:
    """The outflow under way: proposed or confirmed."""
    return (
        case.outflows.filter(status__in=[OutflowStatus.PROPOSED, OutflowStatus.CONFIRMED])
        .order_by("-pk")
        .first()
    )


def handover_record(
    *,
    actor: User,
    case: Case,
    receiving_organisation: Organisation,
    contact_name: str,
    contact_details: str,
    what: str,
    handover_date: date,
) -> Handover:
    """Record a warm handover for a case whose outflow is under way. A handover dated today or
    earlier has taken place (*overgedragen*) and awaits the receiver's confirmation; a later one
    is *gepland*. Writes ``handover_recorded``.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur; ``ValidationError``
    without an outflow under way, for a date before the case or more than a year ahead, or an
    inactive receiving organisation.
    """
    require_regisseur(actor, case)
    outflow = current_outflow(case)
    if outflow is None:
        raise ValidationError(_("Een warme overdracht hoort bij een uitstroom die loopt."))
    today = timezone.localdate()
    errors = {}
    if handover_date < case.start_date:
        errors["handover_date"] = _("De overdracht kan niet vóór de start van de casus liggen.")
    elif handover_date > today + PLAN_AHEAD:
        errors["handover_date"] = _("Plan de overdracht binnen een jaar.")
    if not receiving_organisation.is_active:
        errors["receiving_organisation"] = _("Kies een actieve organisatie.")
    if errors:
        raise ValidationError(errors)
    done = handover_date <= today
    with transaction.atomic():
        handover = Handover(
            case=case,
            outflow=outflow,
            receiving_organisation=receiving_organisation,
            contact_name=contact_name.strip(),
            contact_details=contact_details.strip(),
            what=what.strip(),
            handover_date=handover_date,
            status=HandoverStatus.DONE if done else HandoverStatus.PLANNED,
            handed_over_on=handover_date if done else None,
            recorded_by=actor,
        )
        handover.full_clean()
        handover.save()
        record(
            actor=actor,
            case=case,
            event=EventType.HANDOVER_RECORDED,
            payload={
                "handover_id": handover.pk,
                "outflow_id": outflow.pk,
                "receiving_organisation_id": receiving_organisation.pk,
                "handover_date": handover_date.isoformat(),
                "status": handover.status,
            },
            audit=AuditAction.CREATE,
            object_type="handover",
            object_id=handover.pk,
            detail={"organisation": receiving_organisation.pk},
        )
    return handover


def handover_mark_done(*, actor: User, handover: Handover, handed_over_on: date) -> Handover:
    """Record that a planned handover took place. Writes ``handover_completed``.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur; ``ValidationError``
    when it is not planned, or for a date in the future.
    """
    case = handover.case
    require_regisseur(actor, case)
    if handover.status != HandoverStatus.PLANNED:
        raise ValidationError(_("Deze overdracht is al uitgevoerd."))
    if handed_over_on > timezone.localdate():
        raise ValidationError({"handed_over_on": _("Deze datum ligt in de toekomst.")})
    with transaction.atomic():
        handover.status = HandoverStatus.DONE
        handover.handed_over_on = handed_over_on
        handover.full_clean()
        handover.save(update_fields=["status", "handed_over_on"])
        record(
            actor=actor,
            case=case,
            event=EventType.HANDOVER_COMPLETED,
            payload={
                "handover_id": handover.pk,
                "receiving_organisation_id": handover.receiving_organisation_id,
                "handed_over_on": handed_over_on.isoformat(),
            },
            audit=AuditAction.CHANGE,
            object_type="handover",
            object_id=handover.pk,
            detail={"status": handover.status},
        )
    return handover


def handover_confirm(*, actor: User, handover: Handover) -> Handover:
    """Confirm receipt, as a user of the receiving organisation (the policy's *confirm*).
    Writes ``handover_confirmed``.

    Raises ``PermissionDenied`` for anyone outside the receiving organisation;
    ``ValidationError`` when the handover has not taken place yet or is already confirmed.
    """
    if not can(actor, Act.CONFIRM, handover):
        raise PermissionDenied
    if handover.status == HandoverStatus.CONFIRMED:
        raise ValidationError(_("Deze overdracht is al bevestigd."))
    if handover.status != HandoverStatus.DONE:
        raise ValidationError(_("Deze overdracht heeft nog niet plaatsgevonden."))
    assert handover.handed_over_on is not None  # a handover that took place has its date
    with transaction.atomic():
        handover.status = HandoverStatus.CONFIRMED
        handover.confirmed_by = actor
        handover.confirmed_at = timezone.now()
        handover.full_clean()
        handover.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        record(
            actor=actor,
            case=handover.case,
            event=EventType.HANDOVER_CONFIRMED,
            payload={
                "handover_id": handover.pk,
                "receiving_organisation_id": handover.receiving_organisation_id,
                "days_to_confirm": (timezone.localdate() - handover.handed_over_on).days,
            },
            audit=AuditAction.CHANGE,
            object_type="handover",
            object_id=handover.pk,
            detail={"status": handover.status},
        )
    return handover
