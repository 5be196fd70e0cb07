"""Opening a case, reassigning it, and who takes part in it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.cases.models import (
    Case,
    CaseOrigin,
    Participant,
    ParticipantRole,
    Plan,
)
from regie.cases.services.base import record, require_open, require_regisseur
from regie.events.models import EventType
from regie.nominations.models import Nomination
from regie.persons.models import Person

# Who may open a case: the triage chair on admission (four eyes already done), triage staff and
# the teamlead for the transition of persons from the former approaches.
CASE_OPENERS = ("triage_chair", "triage", "teamlead")


def _check_regisseur(user: User) -> None:
    if not user.is_active or not user.has_role("regisseur"):
        raise ValidationError({"regisseur": _("Kies een actieve medewerker met de rol regisseur.")})


def case_open(
    *,
    actor: User,
    person: Person,
    target_group: str,
    regisseur: User,
    origin: str = CaseOrigin.NEW,
    start_date: date,
    first_review_date: date,
    nomination: Nomination | None = None,
) -> Case:
    """Open a case for an admitted person, with an empty plan and the regisseur as its first
    participant. Writes ``case_opened``.

    Raises ``PermissionDenied`` when the actor may not open cases, ``ValidationError`` when the
    regisseur is not one, the first review lies before the start, or the person already has an
    open case.
    """
    if not actor.has_role(*CASE_OPENERS):
        raise PermissionDenied
    _check_regisseur(regisseur)
    if first_review_date < start_date:
        raise ValidationError(
            {"first_review_date": _("De eerste toets kan niet vóór de startdatum liggen.")}
        )
    with transaction.atomic():
        case = Case(
            person=person,
            target_group=target_group,
            regisseur=regisseur,
            origin=origin,
            start_date=start_date,
            first_review_date=first_review_date,
            next_review_date=first_review_date,
            nomination=nomination,
        )
        case.full_clean()
        case.save()
        Plan.objects.create(case=case, changed_by=actor)
        _participant_save(
            case=case,
            organisation=regisseur.organisation,
            user=regisseur,
            role=ParticipantRole.REGISSEUR,
            added_by=actor,
        )
        record(
            actor=actor,
            case=case,
            event=EventType.CASE_OPENED,
            payload={
                "target_group": target_group,
                "origin": origin,
                "regisseur_id": regisseur.pk,
                "start_date": start_date.isoformat(),
            },
            audit=AuditAction.CREATE,
            object_type="case",
            object_id=case.pk,
        )
    return case


def case_reassign(*, actor: User, case: Case, regisseur: User, seen_version: int) -> Case:
    """Hand a case to another regisseur (teamlead). The old regisseur's participation ends at
    once; the new one takes part as regisseur. Writes ``case_reassigned``.

    Raises ``PermissionDenied`` for anyone who may not reassign, ``ValidationError`` when the
    new regisseur is not one, is the current one, or the case changed since ``seen_version``.
    """
    if not can(actor, Act.REASSIGN, case):
        raise PermissionDenied
    _check_regisseur(regisseur)
    if regisseur.pk == case.regisseur_id:
        raise ValidationError({"regisseur": _("Deze regisseur voert de casus al.")})
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != seen_version:
            raise ValidationError(
                _("Iemand anders heeft de casus intussen gewijzigd. Laad de pagina opnieuw.")
            )
        previous = current.regisseur_id
        now = timezone.now()
        case.participants.filter(
            user_id=previous, role=ParticipantRole.REGISSEUR, removed_at__isnull=True
        ).update(removed_at=now, removed_by=actor)
        case.regisseur = regisseur
        case.version = current.version + 1
        case.full_clean()
        case.save(update_fields=["regisseur", "version"])
        existing = case.participants.filter(user=regisseur, removed_at__isnull=True).first()
        if existing is not None:
            existing.role = ParticipantRole.REGISSEUR
            existing.save(update_fields=["role"])
        else:
            _participant_save(
                case=case,
                organisation=regisseur.organisation,
                user=regisseur,
                role=ParticipantRole.REGISSEUR,
                added_by=actor,
            )
        record(
            actor=actor,
            case=case,
            event=EventType.CASE_REASSIGNED,
            payload={"from_regisseur_id": previous, "to_regisseur_id": regisseur.pk},
            audit=AuditAction.CHANGE,
            object_type="case",
            object_id=case.pk,
            detail={"regisseur": regisseur.pk},
        )
    return case


def _participant_save(
    *,
    case: Case,
    organisation: Organisation | None,
    user: User | None,
    role: str,
    added_by: User,
) -> Participant:
    participant = Participant(
        case=case, organisation=organisation, user=user, role=role, added_by=added_by
    )
    participant.full_clean()
    participant.save()
    return participant


def participant_add(
    *, actor: User, case: Case, organisation: Organisation, user: User | None, role: str
) -> Participant:
    """Let an organisation (as a whole, or one named user in it) take part in a case. Access
    starts at once. Writes ``participant_added``.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur, ``ValidationError``
    when the user does not work at the organisation or already takes part.
    """
    require_regisseur(actor, case)
    require_open(case)
    if user is not None and user.organisation_id != organisation.pk:
        raise ValidationError({"user": _("Deze medewerker werkt niet bij de gekozen organisatie.")})
    if role == ParticipantRole.REGISSEUR:
        raise ValidationError({"role": _("Een casus heeft één regisseur; kies een andere rol.")})
    with transaction.atomic():
        participant = _participant_save(
            case=case, organisation=organisation, user=user, role=role, added_by=actor
        )
        record(
            actor=actor,
            case=case,
            event=EventType.PARTICIPANT_ADDED,
            payload={
                "participant_id": participant.pk,
                "organisation_id": organisation.pk,
                "user_id": user.pk if user else None,
                "role": role,
            },
            audit=AuditAction.CREATE,
            object_type="case_participant",
            object_id=participant.pk,
            detail={"organisation": organisation.pk, "user": user.pk if user else None},
        )
    return participant


def participant_remove(*, actor: User, participant: Participant) -> Participant:
    """End a participation; from this moment it grants no access. Writes ``participant_removed``.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur, ``ValidationError``
    for the regisseur's own participation (reassign the case instead) or one already removed.
    """
    case = participant.case
    require_regisseur(actor, case)
    if participant.role == ParticipantRole.REGISSEUR:
        raise ValidationError(
            _("De regisseur kan niet worden verwijderd; laat de teamleider de casus herverdelen.")
        )
    if participant.removed_at is not None:
        raise ValidationError(_("Deze deelnemer is al verwijderd."))
    with transaction.atomic():
        participant.removed_at = timezone.now()
        participant.removed_by = actor
        participant.save(update_fields=["removed_at", "removed_by"])
        record(
            actor=actor,
            case=case,
            event=EventType.PARTICIPANT_REMOVED,
            payload={
                "participant_id": participant.pk,
                "organisation_id": participant.organisation_id,
                "user_id": participant.user_id,
            },
            audit=AuditAction.CHANGE,
            object_type="case_participant",
            object_id=participant.pk,
            detail={"removed": True},
        )
    return participant
