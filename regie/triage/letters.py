"""The admission letter: generating its PDF, sending it, postponing it (DESIGN.md §4).

The PDF is generated with WeasyPrint from ``triage/letter_pdf.html`` and stored on the letter.
Until the letter is sent it is regenerated on every request (so a corrected name or address is
in it); from the moment it is marked sent the stored PDF is the copy that was sent and is never
regenerated.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.triage.models import Letter, LetterStatus

# The one contact point for the regiepersoon's questions and rights (WGS). Synthetic default;
# a deployment sets REGIE_CONTACT_POINT.
CONTACT_POINT: dict[str, str] = getattr(
    settings,
    "REGIE_CONTACT_POINT",
    {
        "name": "Centraal contactpunt persoonsgerichte regie",
        "organisation": "Actiecentrum Veiligheid en Zorg",
        "address": "Postbus 00000, 1000 AA Amsterdam",
        "email": "contactpunt@regie.example",
        "phone": "020 000 00 00",
    },
)


def _require_triage(actor: User, letter: Letter) -> None:
    if not (
        can(actor, Action.ASSESS, letter.nomination) or can(actor, Action.DECIDE, letter.nomination)
    ):
        raise PermissionDenied


def letter_render_pdf(letter: Letter) -> bytes:
    """Render the letter as PDF bytes (no side effects)."""
    from weasyprint import HTML

    decision = letter.decision
    html = render_to_string(
        "triage/letter_pdf.html",
        {
            "letter": letter,
            "person": letter.person,
            "decision": decision,
            "regisseur": decision.regisseur,
            "letter_date": timezone.localdate(decision.confirmed_at or letter.created_at),
            "contact": CONTACT_POINT,
        },
    )
    return bytes(HTML(string=html).write_pdf())


def letter_generate_pdf(*, actor: User, letter: Letter) -> bytes:
    """The letter's PDF: the sent copy once sent, otherwise freshly generated and stored.
    Audited as an export of personal data."""
    _require_triage(actor, letter)
    with transaction.atomic():
        if letter.status == LetterStatus.SENT and letter.pdf:
            pdf = bytes(letter.pdf)
        else:
            pdf = letter_render_pdf(letter)
            letter.pdf = pdf
            letter.save(update_fields=["pdf"])
        audit_record(
            action=AuditAction.EXPORT,
            actor=actor,
            object_type="letter",
            object_id=letter.pk,
            person_id=letter.person_id,
            detail={"format": "pdf"},
        )
    return pdf


def letter_mark_sent(*, actor: User, letter: Letter) -> Letter:
    """Record that the letter went out; the stored PDF becomes the sent copy."""
    _require_triage(actor, letter)
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("decision")
            .get(pk=letter.pk)
        )
        if letter.status == LetterStatus.SENT:
            raise ValidationError(_("Deze brief is al verstuurd."))
        if not letter.pdf:
            letter.pdf = letter_render_pdf(letter)
        letter.status = LetterStatus.SENT
        letter.sent_at = timezone.now()
        letter.full_clean()
        letter.save(update_fields=["status", "sent_at", "pdf"])
        event_record(
            type=EventType.LETTER_SENT,
            actor=actor,
            person=letter.person,
            case_id=letter.case_id,
            nomination_id=letter.nomination_id,
            payload={"letter": letter.pk, "to_parents": letter.to_parents},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="letter",
            object_id=letter.pk,
            person_id=letter.person_id,
            detail={"status": letter.status},
        )
    return letter


def letter_postpone(*, actor: User, letter: Letter, ground: str, until: date | None) -> Letter:
    """Postpone informing the person. Both a ground and an end date are required; the end
    date lies after today. Once it has passed, the letter is overdue."""
    _require_triage(actor, letter)
    errors: dict[str, str] = {}
    if not ground.strip():
        errors["ground"] = _("Geef de grond voor het uitstel.")
    if until is None:
        errors["until"] = _("Geef de datum waarop de brief uiterlijk wordt verstuurd.")
    elif until <= timezone.localdate():
        errors["until"] = _("De einddatum van het uitstel ligt na vandaag.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
        if letter.status == LetterStatus.SENT:
            raise ValidationError(_("Deze brief is al verstuurd."))
        letter.status = LetterStatus.POSTPONED
        letter.postponement_ground = ground.strip()
        letter.postponed_until = until
        letter.full_clean()
        letter.save(update_fields=["status", "postponement_ground", "postponed_until"])
        event_record(
            type=EventType.LETTER_POSTPONED,
            actor=actor,
            person=letter.person,
            case_id=letter.case_id,
            nomination_id=letter.nomination_id,
            payload={"letter": letter.pk, "until": until.isoformat() if until else None},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="letter",
            object_id=letter.pk,
            person_id=letter.person_id,
            detail={"status": letter.status},
        )
    return letter
