"""Case conferences and their agreements, the journal, and support offered to family."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.cases.models import (
    Action,
    Agreement,
    Case,
    CaseConference,
    FamilyContact,
    Goal,
    JournalEntry,
)
from regie.cases.services.base import (
    plan_bump,
    record,
    require_contributor,
    require_open,
    require_regisseur,
)
from regie.events.models import EventType


def conference_record(
    *,
    actor: User,
    case: Case,
    held_on: date,
    agenda: str,
    minutes: str,
    organisations: Iterable[Organisation],
    attendees: Iterable[User],
) -> CaseConference:
    """Record a case conference held by the regisseur. Writes ``conference_held``."""
    require_regisseur(actor, case)
    organisations = list(organisations)
    with transaction.atomic():
        conference = CaseConference(
            case=case, held_on=held_on, agenda=agenda, minutes=minutes, recorded_by=actor
        )
        conference.full_clean()
        conference.save()
        conference.organisations.set(organisations)
        conference.attendees.set(list(attendees))
        record(
            actor=actor,
            case=case,
            event=EventType.CONFERENCE_HELD,
            payload={
                "conference_id": conference.pk,
                "held_on": held_on.isoformat(),
                "organisation_ids": sorted(o.pk for o in organisations),
            },
            audit=AuditAction.CREATE,
            object_type="case_conference",
            object_id=conference.pk,
        )
    return conference


def agreement_add(
    *,
    actor: User,
    conference: CaseConference,
    description: str,
    responsible_organisation: Organisation,
    due_date: date,
) -> Agreement:
    """Record an agreement made in a conference. Writes ``agreement_recorded``."""
    case = conference.case
    require_regisseur(actor, case)
    with transaction.atomic():
        agreement = Agreement(
            conference=conference,
            description=description,
            responsible_organisation=responsible_organisation,
            due_date=due_date,
        )
        agreement.full_clean()
        agreement.save()
        record(
            actor=actor,
            case=case,
            event=EventType.AGREEMENT_RECORDED,
            payload={
                "conference_id": conference.pk,
                "agreement_id": agreement.pk,
                "organisation_id": responsible_organisation.pk,
            },
            audit=AuditAction.CREATE,
            object_type="agreement",
            object_id=agreement.pk,
        )
    return agreement


def agreement_to_action(
    *, actor: User, agreement: Agreement, goal: Goal, seen_version: int
) -> Action:
    """Turn an agreement into an action under ``goal`` in one step: same description,
    organisation and due date. Writes ``plan_changed`` (``action_added``)."""
    case = agreement.conference.case
    require_regisseur(actor, case)
    require_open(case)
    if agreement.action_id is not None:
        raise ValidationError(_("Van deze afspraak is al een actie gemaakt."))
    if goal.plan_id != case.pk or not goal.is_current:
        raise ValidationError({"goal": _("Kies een lopend doel van deze casus.")})
    with transaction.atomic():
        version = plan_bump(actor=actor, case=case, seen_version=seen_version)
        action = Action(
            goal=goal,
            description=agreement.description,
            responsible_organisation=agreement.responsible_organisation,
            due_date=agreement.due_date,
        )
        action.full_clean()
        action.save()
        agreement.action = action
        agreement.save(update_fields=["action"])
        record(
            actor=actor,
            case=case,
            event=EventType.PLAN_CHANGED,
            payload={
                "change": "action_added",
                "version": version,
                "action_id": action.pk,
                "goal_id": goal.pk,
                "agreement_id": agreement.pk,
                "organisation_id": agreement.responsible_organisation_id,
            },
            audit=AuditAction.CREATE,
            object_type="action",
            object_id=action.pk,
            detail={"agreement": agreement.pk, "version": version},
        )
    return action


def journal_entry_add(*, actor: User, case: Case, text: str, visibility: str) -> JournalEntry:
    """Write a journal entry as a participant (regisseur or partner), with its visibility.
    Writes ``journal_entry_added`` (ids and visibility only, never the text)."""
    require_contributor(actor, case)
    with transaction.atomic():
        entry = JournalEntry(
            case=case,
            author=actor,
            organisation=actor.organisation,
            text=text.strip(),
            visibility=visibility,
        )
        entry.full_clean()
        entry.save()
        record(
            actor=actor,
            case=case,
            event=EventType.JOURNAL_ENTRY_ADDED,
            payload={"entry_id": entry.pk, "visibility": visibility},
            audit=AuditAction.CREATE,
            object_type="journal_entry",
            object_id=entry.pk,
            detail={"visibility": visibility},
        )
    return entry


def _is_minor(birth: date, on: date) -> bool:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return age < 18


def family_contact_record(
    *,
    actor: User,
    case: Case,
    relation: str,
    offered: str,
    offered_on: date,
    consent_given_by: str,
    consent_given_on: date,
    parents_consulted: bool,
    parents_consulted_on: date | None,
) -> FamilyContact:
    """Record support offered to a family member (regisseur only). When the regiepersoon is a
    minor on the day of the offer, consulting the parents is required. Writes
    ``family_support_recorded`` — with the relation only: a family member is never a subject.
    """
    require_regisseur(actor, case)
    if _is_minor(case.person.date_of_birth, offered_on) and not (
        parents_consulted and parents_consulted_on
    ):
        raise ValidationError(
            {
                "parents_consulted": _(
                    "De regiepersoon is minderjarig: steun aan gezinsleden gaat alleen in overleg "
                    "met de ouders. Leg vast wanneer zij zijn geraadpleegd."
                )
            }
        )
    if parents_consulted and parents_consulted_on is None:
        raise ValidationError(
            {"parents_consulted_on": _("Vul in wanneer de ouders zijn geraadpleegd.")}
        )
    with transaction.atomic():
        contact = FamilyContact(
            case=case,
            relation=relation,
            offered=offered.strip(),
            offered_on=offered_on,
            consent_given_by=consent_given_by,
            consent_given_on=consent_given_on,
            parents_consulted=parents_consulted,
            parents_consulted_on=parents_consulted_on if parents_consulted else None,
            recorded_by=actor,
        )
        contact.full_clean()
        contact.save()
        record(
            actor=actor,
            case=case,
            event=EventType.FAMILY_SUPPORT_RECORDED,
            payload={"family_contact_id": contact.pk, "relation": relation},
            audit=AuditAction.CREATE,
            object_type="family_contact",
            object_id=contact.pk,
        )
    return contact
