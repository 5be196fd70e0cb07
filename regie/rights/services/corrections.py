"""Rectification and restriction of processing, and the notifications they send.

These services run on a person the access policy may be refusing to everyone (a restriction
is exactly that): they are authorised through the *request* (``subject_request`` rules), not
the person.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.persons.models import Person
from regie.rights.models import (
    RECTIFIABLE_FIELDS,
    Notification,
    NotificationKind,
    ProcessingRestriction,
    Rectification,
    RequestKind,
    SubjectRequest,
)
from regie.rights.participants import participating_organisations, references

if TYPE_CHECKING:
    from regie.accounts.models import User

RESTRICTION_KINDS = (RequestKind.RESTRICTION, RequestKind.RECTIFICATION, RequestKind.OBJECTION)


def _require_open(actor: User, request: SubjectRequest, action: Action) -> SubjectRequest:
    if not can(actor, action, request):
        raise PermissionDenied
    request = (
        SubjectRequest.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=request.pk)
    )
    if not request.is_open:
        raise ValidationError(_("Dit verzoek is al gesloten."))
    if request.person is None:
        raise ValidationError(_("De gegevens van deze persoon zijn gewist."))
    return request


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _choice_value(model_field: Any, raw: str) -> str:
    """A choice may be given by its code or its Dutch label ("Amstelveen", "Vrouw")."""
    for value, label in model_field.choices or ():
        if raw.casefold() in (str(value).casefold(), str(label).casefold()):
            return str(value)
    return raw


def notify_participants(
    *, person: Person, kind: NotificationKind, rectification: Rectification | None = None
) -> list[Notification]:
    """One notification per organisation that holds the person's data through Regie."""
    now = timezone.now()
    reference = references(person)
    return Notification.objects.bulk_create(
        Notification(
            organisation=organisation,
            kind=kind,
            person=person,
            rectification=rectification,
            reference=reference,
            created_at=now,
        )
        for organisation in participating_organisations(person)
    )


def person_rectify(
    *, actor: User, request: SubjectRequest, field: str, new_value: str, ground: str
) -> Rectification:
    """Correct one identity field of the request's person, keeping the old value in a
    ``Rectification``, and notify the participating organisations.

    Raises ``ValidationError`` for a field that cannot be rectified here, an invalid new value
    (a BSN failing the elfproef, a date in the future …), a value that does not change anything,
    a missing ground, or a request that is not an open rectification request.
    """
    if field not in RECTIFIABLE_FIELDS:
        raise ValidationError({"field": _("Dit gegeven kan hier niet worden gerectificeerd.")})
    if not ground.strip():
        raise ValidationError({"ground": _("Onderbouw waarom de oude waarde onjuist was.")})
    with transaction.atomic():
        request = _require_open(actor, request, Action.CHANGE)
        if request.kind != RequestKind.RECTIFICATION:
            raise ValidationError(_("Rectificeren kan alleen bij een rectificatieverzoek."))
        person = Person.objects.select_for_update().get(pk=request.person_ref)
        if person.merged_into_id is not None:
            raise ValidationError(_("Deze persoon is samengevoegd; rectificeer de ander."))
        model_field = cast(models.Field, Person._meta.get_field(field))
        old = getattr(person, field)
        raw = _choice_value(model_field, new_value.strip())
        try:
            value = (
                model_field.to_python(raw or None) if field == "bsn" else model_field.to_python(raw)
            )
        except ValidationError as exc:
            raise ValidationError({"new_value": exc.messages}) from exc
        if _as_text(value) == _as_text(old):
            raise ValidationError({"new_value": _("De nieuwe waarde is gelijk aan de oude.")})
        setattr(person, field, value)
        try:
            person.full_clean()
        except ValidationError as exc:
            raise ValidationError({"new_value": exc.messages}) from exc
        person.save(update_fields=[field])
        rectification = Rectification(
            request=request,
            person=person,
            field=field,
            old_value=_as_text(old),
            new_value=_as_text(value),
            ground=ground.strip(),
            decided_by=actor,
            decided_at=timezone.now(),
        )
        rectification.full_clean()
        rectification.save()
        notify_participants(
            person=person, kind=NotificationKind.RECTIFICATION, rectification=rectification
        )
        event_record(
            type=EventType.PERSON_RECTIFIED,
            actor=actor,
            person=person,
            payload={"request": request.pk, "field": field},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
            detail={"field": field, "request": request.pk, "rectification": rectification.pk},
        )
    return rectification


def processing_restrict(
    *, actor: User, request: SubjectRequest, ground: str
) -> ProcessingRestriction:
    """Restrict the processing of the request's person: from now on only storage (GDPR art.
    18). Notifies the participating organisations.

    Raises ``ValidationError`` without a ground, for a request kind that cannot lead to a
    restriction (only restriction, rectification and objection can), or when the person is
    already restricted.
    """
    if not ground.strip():
        raise ValidationError({"ground": _("Geef de grond voor de beperking.")})
    with transaction.atomic():
        request = _require_open(actor, request, Action.CHANGE)
        if request.kind not in RESTRICTION_KINDS:
            raise ValidationError(
                _("Beperken kan bij een verzoek om beperking, rectificatie of bezwaar.")
            )
        restriction = ProcessingRestriction(
            person_id=request.person_ref,
            request=request,
            ground=ground.strip(),
            started_at=timezone.now(),
            started_by=actor,
        )
        restriction.full_clean()
        restriction.save()
        assert request.person is not None
        notify_participants(person=request.person, kind=NotificationKind.RESTRICTION)
        event_record(
            type=EventType.PROCESSING_RESTRICTED,
            actor=actor,
            person=request.person,
            payload={"request": request.pk, "restriction": restriction.pk},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="processing_restriction",
            object_id=restriction.pk,
            person_id=request.person_ref,
            detail={"request": request.pk, "restricted": True},
        )
    return restriction


def processing_restriction_lift(
    *, actor: User, restriction: ProcessingRestriction, ground: str
) -> ProcessingRestriction:
    """End a restriction, with the ground (the person is told beforehand, art. 18(3))."""
    if not can(actor, Action.CHANGE, restriction.request):
        raise PermissionDenied
    if not ground.strip():
        raise ValidationError({"lift_ground": _("Geef de grond voor het opheffen.")})
    with transaction.atomic():
        restriction = ProcessingRestriction.objects.select_for_update().get(pk=restriction.pk)
        if not restriction.is_active:
            raise ValidationError(_("Deze beperking is al opgeheven."))
        restriction.lifted_at = timezone.now()
        restriction.lifted_by = actor
        restriction.lift_ground = ground.strip()
        restriction.full_clean()
        restriction.save()
        person = Person.objects.get(pk=restriction.person_id)
        notify_participants(person=person, kind=NotificationKind.RESTRICTION_LIFTED)
        event_record(
            type=EventType.RESTRICTION_LIFTED,
            actor=actor,
            person=person,
            payload={"request": restriction.request_id, "restriction": restriction.pk},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="processing_restriction",
            object_id=restriction.pk,
            person_id=person.pk,
            detail={"request": restriction.request_id, "restricted": False},
        )
    return restriction


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark a notification of the actor's own organisation as read (once)."""
    if notification.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.read_by = actor
        notification.save(update_fields=["read_at", "read_by"])
    return notification
