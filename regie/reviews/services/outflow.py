"""Deciding on a proposed outflow (four eyes), the follow-up check "nog in beeld?" and closing
the case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.cases.models import Case, CaseStatus
from regie.cases.services.base import record, require_regisseur
from regie.events.models import EventType
from regie.reviews.config import follow_up_due
from regie.reviews.models import (
    FlagResolution,
    FollowUp,
    Outflow,
    OutflowReason,
    OutflowStatus,
    ReviewFlag,
)
from regie.reviews.services.common import case_update


def _require_second_person(actor: User, outflow: Outflow) -> None:
    """A triage chair or teamlead (the policy's *decide*) who did not propose it."""
    if not can(actor, Act.DECIDE, outflow):
        raise PermissionDenied
    if outflow.proposed_by_id == actor.pk:
        raise ValidationError(
            _("U stelde deze uitstroom zelf voor; een tweede persoon beoordeelt het voorstel.")
        )
    if outflow.status != OutflowStatus.PROPOSED:
        raise ValidationError(_("Over dit uitstroomvoorstel is al besloten."))


def outflow_confirm(
    *, actor: User, outflow: Outflow, seen_version: int, care_needed: str
) -> Outflow:
    """Confirm a proposed outflow as the second person, with the joint assessment of which care
    is still needed. The case is then *uitgestroomd*, open flags are resolved, and the
    follow-up check falls due (REGIE_FOLLOW_UP_MONTHS). Writes ``outflow_confirmed``.

    Raises ``PermissionDenied`` unless the actor is a triage chair or teamlead;
    ``ValidationError`` for the proposer, an outflow already decided, an empty assessment, or a
    case changed since ``seen_version``.
    """
    _require_second_person(actor, outflow)
    if not care_needed.strip():
        raise ValidationError(
            {"care_needed": _("Beschrijf welke zorg of ondersteuning nog nodig is.")}
        )
    case = outflow.case
    today = timezone.localdate()
    with transaction.atomic():
        outflow.status = OutflowStatus.CONFIRMED
        outflow.care_needed = care_needed.strip()
        outflow.decided_by = actor
        outflow.decided_at = timezone.now()
        outflow.outflow_date = today
        outflow.follow_up_due = follow_up_due(today)
        outflow.full_clean()
        outflow.save()
        case_update(case=case, seen_version=seen_version, status=CaseStatus.OUTFLOWN)
        ReviewFlag.objects.filter(case=case, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolution=FlagResolution.OUTFLOW
        )
        record(
            actor=actor,
            case=case,
            event=EventType.OUTFLOW_CONFIRMED,
            payload={
                "outflow_id": outflow.pk,
                "reason": outflow.reason,
                "target_group": case.target_group,
                "origin": case.origin,
                "duration_days": (today - case.start_date).days,
                "proposed_by_id": outflow.proposed_by_id,
            },
            audit=AuditAction.CHANGE,
            object_type="outflow",
            object_id=outflow.pk,
            detail={"status": outflow.status},
        )
    return outflow


def outflow_return(*, actor: User, outflow: Outflow, seen_version: int, note: str) -> Outflow:
    """Send a proposed outflow back with a note; the case is active again, its next review due
    on the cadence from the review that proposed the outflow. Writes ``outflow_returned``.

    Raises as ``outflow_confirm``; ``ValidationError`` when the note is empty.
    """
    _require_second_person(actor, outflow)
    if not note.strip():
        raise ValidationError({"note": _("Schrijf waarom het voorstel terug moet.")})
    case = outflow.case
    with transaction.atomic():
        outflow.status = OutflowStatus.RETURNED
        outflow.decided_by = actor
        outflow.decided_at = timezone.now()
        outflow.return_note = note.strip()
        outflow.full_clean()
        outflow.save()
        case_update(case=case, seen_version=seen_version, status=CaseStatus.ACTIVE)
        record(
            actor=actor,
            case=case,
            event=EventType.OUTFLOW_RETURNED,
            payload={"outflow_id": outflow.pk, "reason": outflow.reason},
            audit=AuditAction.CHANGE,
            object_type="outflow",
            object_id=outflow.pk,
            detail={"status": outflow.status},
        )
    return outflow


def confirmed_outflow(case: Case) -> Outflow | None:
    return case.outflows.filter(status=OutflowStatus.CONFIRMED).order_by("-pk").first()


def follow_up_record(*, actor: User, outflow: Outflow, in_view: bool, note: str) -> FollowUp:
    """Record the answer to "nog in beeld?", from the day it is due. Writes the event
    ``follow_up_recorded`` and sets the outflow's flag of that name.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur; ``ValidationError``
    before the due date, for an outflow not confirmed, or when it was already recorded.
    """
    case = outflow.case
    require_regisseur(actor, case)
    today = timezone.localdate()
    if outflow.status != OutflowStatus.CONFIRMED or outflow.follow_up_due is None:
        raise ValidationError(_("De nacontrole volgt op een bevestigde uitstroom."))
    if FollowUp.objects.filter(outflow=outflow).exists():
        raise ValidationError(_("De nacontrole is al vastgelegd."))
    if today < outflow.follow_up_due:
        raise ValidationError(
            _("De controle 'nog in beeld?' is pas vanaf %(d)s aan de orde.")
            % {"d": outflow.follow_up_due.strftime("%d-%m-%Y")}
        )
    with transaction.atomic():
        follow_up = FollowUp(
            outflow=outflow, in_view=in_view, note=note.strip(), checked_on=today, recorded_by=actor
        )
        follow_up.full_clean()
        follow_up.save()
        outflow.follow_up_recorded = True
        outflow.save(update_fields=["follow_up_recorded"])
        record(
            actor=actor,
            case=case,
            event=EventType.FOLLOW_UP_RECORDED,
            payload={
                "outflow_id": outflow.pk,
                "in_view": in_view,
                "reason": outflow.reason,
                "days_after_outflow": (today - outflow.outflow_date).days
                if outflow.outflow_date
                else None,
            },
            audit=AuditAction.CREATE,
            object_type="follow_up",
            object_id=follow_up.pk,
        )
    return follow_up


def may_close(case: Case, outflow: Outflow | None) -> bool:
    """An outflown case closes once "nog in beeld?" is answered (a deceased person has none)."""
    if case.status != CaseStatus.OUTFLOWN or outflow is None:
        return False
    return outflow.reason == OutflowReason.DECEASED or hasattr(outflow, "follow_up")


def case_close(*, actor: User, case: Case, seen_version: int) -> Case:
    """Close an outflown case (afgesloten) after the follow-up check, by its regisseur or a
    teamlead. Writes ``case_closed``.

    Raises ``PermissionDenied`` for anyone else; ``ValidationError`` when the case is not
    outflown, the follow-up is not recorded yet, or the case changed since ``seen_version``.
    """
    is_regisseur = case.regisseur_id == actor.pk and can(actor, Act.CHANGE, case)
    if not is_regisseur and not can(actor, Act.REASSIGN, case):
        raise PermissionDenied
    outflow = confirmed_outflow(case)
    if not may_close(case, outflow):
        raise ValidationError(
            _("Een casus wordt afgesloten na de uitstroom en de controle 'nog in beeld?'.")
        )
    assert outflow is not None  # may_close checked it
    with transaction.atomic():
        case_update(case=case, seen_version=seen_version, status=CaseStatus.CLOSED)
        follow_up = getattr(outflow, "follow_up", None)
        record(
            actor=actor,
            case=case,
            event=EventType.CASE_CLOSED,
            payload={
                "outflow_id": outflow.pk,
                "reason": outflow.reason,
                "in_view": follow_up.in_view if follow_up else None,
            },
            audit=AuditAction.CHANGE,
            object_type="case",
            object_id=case.pk,
            detail={"status": case.status},
        )
    return case
