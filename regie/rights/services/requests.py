"""The life of a subject request: received → in behandeling → (verlengd) → afgehandeld |
afgewezen. Every transition checks the policy (``subject_request``), writes one ``CaseEvent``
and one audit event in the same transaction.

Deadlines follow GDPR art. 12(3): one month after receipt; once, by two further months, when the
requester is told so — with the reasons — within that first month.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.monitor.kanon import age_on
from regie.persons.services import may
from regie.rights.dates import add_months
from regie.rights.models import (
    RequesterKind,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.persons.models import Person

DEADLINE_MONTHS = 1
EXTENSION_MONTHS = 2


def deadline_for(received_on: date) -> date:
    """The legal deadline: one month after receipt."""
    return add_months(received_on, DEADLINE_MONTHS)


def _record(
    actor: User, request: SubjectRequest, type: EventType, audit: AuditAction, **detail: Any
) -> None:
    event_record(
        type=type,
        actor=actor,
        person=request.person,
        payload={"request": request.pk, "kind": request.kind, **detail},
    )
    audit_record(
        action=audit,
        actor=actor,
        object_type="subject_request",
        object_id=request.pk,
        person_id=request.person_ref,
        detail={"kind": request.kind, **detail},
    )


def _locked(actor: User, request: SubjectRequest, action: Action) -> SubjectRequest:
    if not can(actor, action, request):
        raise PermissionDenied
    locked = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_open:
        raise ValidationError(_("Dit verzoek is al gesloten."))
    return locked


def subject_request_receive(
    *,
    actor: User,
    person: Person,
    kind: str,
    received_on: date,
    requester_kind: str = RequesterKind.PERSON,
    requester_name: str = "",
    description: str = "",
) -> SubjectRequest:
    """Register a request at the contact point; its deadline is one month after receipt.

    Raises ``PermissionDenied`` for anyone but the privacy officer, ``ValidationError`` for a
    receipt date in the future or a parent's request without the parent's name.
    """
    if not may(actor, Action.CREATE, SubjectRequest):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if received_on > timezone.localdate():
        errors["received_on"] = _("De datum van ontvangst ligt in de toekomst.")
    if requester_kind == RequesterKind.PARENT and not requester_name.strip():
        errors["requester_name"] = _("Geef de naam van de ouder of voogd die het verzoek doet.")
    elif requester_kind == RequesterKind.PARENT and age_on(person.date_of_birth, received_on) >= 18:
        errors["requester_kind"] = _(
            "De persoon was op de dag van ontvangst meerderjarig: alleen de persoon zelf kan "
            "het verzoek doen."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SubjectRequest(
            kind=kind,
            person=person,
            person_ref=person.pk,
            requester_kind=requester_kind,
            requester_name=requester_name.strip(),
            description=description.strip(),
            received_on=received_on,
            deadline=deadline_for(received_on),
            created_by=actor,
        )
        request.full_clean()
        request.save()
        _record(
            actor,
            request,
            EventType.SUBJECT_REQUEST_RECEIVED,
            AuditAction.CREATE,
            requester=request.requester_kind,
        )
    return request


def subject_request_start(*, actor: User, request: SubjectRequest) -> SubjectRequest:
    """Take a received request into handling; the actor becomes its handler."""
    with transaction.atomic():
        request = _locked(actor, request, Action.CHANGE)
        if request.status != RequestStatus.RECEIVED:
            raise ValidationError(_("Dit verzoek is al in behandeling."))
        request.status = RequestStatus.IN_PROGRESS
        request.handler = actor
        request.full_clean()
        request.save(update_fields=["status", "handler"])
        _record(actor, request, EventType.SUBJECT_REQUEST_STARTED, AuditAction.CHANGE)
    return request


def subject_request_extend(
    *, actor: User, request: SubjectRequest, notice_on: date, notice_text: str
) -> SubjectRequest:
    """Extend the deadline once by two months, recording the notice to the requester.

    The notice must have been given within the first month (on or before the original deadline,
    not before receipt, not in the future) and say why. Raises ``ValidationError`` otherwise,
    and for a second extension.
    """
    with transaction.atomic():
        request = _locked(actor, request, Action.CHANGE)
        if request.is_extended:
            raise ValidationError(
                _("De termijn van een verzoek kan maar één keer worden verlengd.")
            )
        errors: dict[str, str] = {}
        if not notice_text.strip():
            errors["extension_notice_text"] = _(
                "Leg vast wat de verzoeker is gemeld, met de redenen voor de vertraging."
            )
        original = deadline_for(request.received_on)
        if notice_on < request.received_on:
            errors["extension_notice_on"] = _("De melding ligt vóór de ontvangst van het verzoek.")
        elif notice_on > timezone.localdate():
            errors["extension_notice_on"] = _("De datum van de melding ligt in de toekomst.")
        elif notice_on > original:
            errors["extension_notice_on"] = _(
                "Verlengen kan alleen als de verzoeker binnen de eerste maand is geïnformeerd "
                "(uiterlijk %(date)s)."
            ) % {"date": original.strftime("%d-%m-%Y")}
        if errors:
            raise ValidationError(errors)
        request.extension_notice_on = notice_on
        request.extension_notice_text = notice_text.strip()
        request.deadline = add_months(original, EXTENSION_MONTHS)
        request.status = RequestStatus.EXTENDED
        if request.handler_id is None:
            request.handler = actor
        request.full_clean()
        request.save()
        _record(
            actor,
            request,
            EventType.SUBJECT_REQUEST_EXTENDED,
            AuditAction.CHANGE,
            deadline=request.deadline.isoformat(),
        )
    return request


def conclude(
    *,
    actor: User,
    request: SubjectRequest,
    status: RequestStatus,
    outcome: str,
    legal_ground: str,
) -> SubjectRequest:
    """Close an open request with ``status``, outcome and legal ground, inside the caller's
    transaction (the services below and ``person_erase`` use it)."""
    errors: dict[str, str] = {}
    if not outcome.strip():
        errors["outcome"] = _("Beschrijf de uitkomst van het verzoek.")
    if not legal_ground.strip():
        errors["legal_ground"] = _("Geef de juridische grondslag van de uitkomst.")
    if errors:
        raise ValidationError(errors)
    request = _locked(actor, request, Action.DECIDE)
    today = timezone.localdate()
    request.status = status
    request.outcome = outcome.strip()
    request.legal_ground = legal_ground.strip()
    request.closed_on = today
    if request.handler_id is None:
        request.handler = actor
    request.full_clean()
    request.save()
    _record(
        actor,
        request,
        EventType.SUBJECT_REQUEST_CLOSED
        if status == RequestStatus.DONE
        else EventType.SUBJECT_REQUEST_REFUSED,
        AuditAction.CHANGE,
        status=status.value,
        in_time=today <= request.deadline,
    )
    return request


def subject_request_close(
    *, actor: User, request: SubjectRequest, outcome: str, legal_ground: str
) -> SubjectRequest:
    """Close the request as handled (granted), with its outcome and legal ground.

    An erasure request is closed by ``person_erase`` (which deletes the data first); closing
    it here would leave the data in place, so that raises ``ValidationError``.
    """
    if request.kind == RequestKind.ERASURE:
        raise ValidationError(_("Een toegewezen wissingsverzoek sluit u met 'Gegevens wissen'."))
    with transaction.atomic():
        return conclude(
            actor=actor,
            request=request,
            status=RequestStatus.DONE,
            outcome=outcome,
            legal_ground=legal_ground,
        )


def subject_request_refuse(
    *, actor: User, request: SubjectRequest, outcome: str, legal_ground: str
) -> SubjectRequest:
    """Refuse the request (wholly), with the reasoning and the legal ground."""
    with transaction.atomic():
        return conclude(
            actor=actor,
            request=request,
            status=RequestStatus.REFUSED,
            outcome=outcome,
            legal_ground=legal_ground,
        )
