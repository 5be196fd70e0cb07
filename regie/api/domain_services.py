"""Stand-ins for the intake services the API writes through: persons and nominations.

The intake work builds the real ones (``regie.persons.services``, ``regie.nominations.services``,
with fuzzy person search). Until they are merged the API calls these thin functions; at merge
the API's views switch to the real services and this module (and ``fact_services``) goes. They follow the same rules:
keyword-only, one transaction, ``full_clean()``, a ``CaseEvent`` per transition and an audit
event per change. ``audit_detail`` (``{"api_client": id}``) is added to the audit events.

Person matching here is deliberately exact (docs/api.md): with a BSN, the person with that BSN
(its date of birth must agree); without one, the single unmerged person with exactly the same
name and date of birth; otherwise a new person. Triage merges duplicates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from regie.access.policy import can
from regie.access.rules import Action, Org, Part, decide
from regie.accounts.models import User
from regie.api.problems import bilingual
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination, NominationConcern, NominationStatus
from regie.persons.models import Person

WITHDRAWABLE = (NominationStatus.CONCEPT, NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)


class TransitionNotAllowed(Exception):
    """The object's state does not allow this transition (the API answers 409)."""

    def __init__(self, message: str) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class PersonInput:
    first_name: str
    last_name: str
    date_of_birth: dt.date
    gender: str
    municipality: str
    bsn: str | None = None
    name_prefix: str = ""
    district: str = ""


def current_person(person: Person) -> Person:
    """Follow merges to the registration that is kept."""
    while person.merged_into_id is not None:
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _may_nominate(actor: User) -> bool:
    return decide(actor.role_codes, "nomination", Org.OWN, Part.NO, Action.CREATE)


def person_find_or_create(
    *, actor: User, data: PersonInput, audit_detail: dict[str, Any] | None = None
) -> tuple[Person, bool]:
    """The person a nomination is about, found by exact match or newly registered.

    Returns ``(person, created)``. Raises ``PermissionDenied`` when the actor may not nominate,
    ``ValidationError`` (on ``bsn``) when the BSN belongs to a person with another date of birth.
    """
    if not _may_nominate(actor):
        raise PermissionDenied
    if data.bsn:
        found = Person.objects.filter(bsn=data.bsn).first()
        if found is not None:
            if found.date_of_birth != data.date_of_birth:
                raise ValidationError(
                    {
                        "bsn": bilingual(
                            "BSN en geboortedatum horen niet bij dezelfde persoon; controleer ze.",
                            "BSN and date of birth do not belong to the same person; check both.",
                        )
                    },
                    code="bsn_mismatch",
                )
            return current_person(found), False
    else:
        candidates = list(
            Person.objects.filter(
                merged_into__isnull=True,
                first_name__iexact=data.first_name,
                name_prefix__iexact=data.name_prefix,
                last_name__iexact=data.last_name,
                date_of_birth=data.date_of_birth,
            )[:2]
        )
        if len(candidates) == 1:
            return candidates[0], False
    with transaction.atomic():
        person = Person(
            bsn=data.bsn or None,
            first_name=data.first_name,
            name_prefix=data.name_prefix,
            last_name=data.last_name,
            date_of_birth=data.date_of_birth,
            gender=data.gender,
            municipality=data.municipality,
            district=data.district,
        )
        person.full_clean()
        person.save()
        event_record(type=EventType.PERSON_CREATED, actor=actor, person=person)
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
            detail=audit_detail,
        )
    return person, True


def _submission_errors(reasons: str, concern_count: int) -> dict[str, str]:
    errors = {}
    if not reasons.strip():
        errors["reasons"] = bilingual(
            "Een ingediende voordracht heeft redenen nodig.",
            "A submitted nomination needs reasons.",
        )
    if concern_count == 0:
        errors["concerns"] = bilingual(
            "Een ingediende voordracht noemt minstens één leefgebied met zorgen.",
            "A submitted nomination names at least one life domain with concerns.",
        )
    return errors


def _submitted_event(actor: User, nomination: Nomination) -> None:
    event_record(
        type=EventType.NOMINATION_SUBMITTED,
        actor=actor,
        person=nomination.person,
        nomination_id=nomination.pk,
        payload={
            "target_group": nomination.proposed_target_group,
            "organisation_id": nomination.nominating_organisation_id,
            "urgency": nomination.urgency,
        },
    )


def nomination_create(
    *,
    actor: User,
    person: Person,
    proposed_target_group: str,
    reasons: str = "",
    urgency: str = "",
    tried_already: str = "",
    concerns: Sequence[tuple[str, str]] = (),
    submit: bool = False,
    audit_detail: dict[str, Any] | None = None,
) -> Nomination:
    """A nomination by the actor's organisation, as concept or submitted at once.

    Raises ``PermissionDenied`` when the actor may not nominate, ``ValidationError`` for
    invalid data or (when submitting) missing reasons or concerns.
    """
    if not _may_nominate(actor):
        raise PermissionDenied
    if submit and (errors := _submission_errors(reasons, len(concerns))):
        raise ValidationError(errors, code="incomplete")
    now = timezone.now()
    with transaction.atomic():
        nomination = Nomination(
            person=person,
            nominating_organisation=actor.organisation,
            nominated_by=actor,
            proposed_target_group=proposed_target_group,
            reasons=reasons,
            tried_already=tried_already,
            status=NominationStatus.SUBMITTED if submit else NominationStatus.CONCEPT,
            submitted_at=now if submit else None,
        )
        if urgency:
            nomination.urgency = urgency
        nomination.full_clean()
        nomination.save()
        for domain, description in concerns:
            concern = NominationConcern(
                nomination=nomination, domain=domain, description=description
            )
            concern.full_clean()
            concern.save()
        if submit:
            _submitted_event(actor, nomination)
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="nomination",
            object_id=nomination.pk,
            person_id=person.pk,
            detail={**(audit_detail or {}), "status": nomination.status},
        )
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().select_related("person").get(pk=nomination.pk)


def nomination_submit(
    *, actor: User, nomination: Nomination, audit_detail: dict[str, Any] | None = None
) -> Nomination:
    """Submit a concept. Raises ``PermissionDenied``, ``TransitionNotAllowed`` (not a concept)
    or ``ValidationError`` (reasons or concerns missing)."""
    if not can(actor, Action.CHANGE, nomination):
        raise PermissionDenied
    with transaction.atomic():
        nomination = _locked(nomination)
        if nomination.status != NominationStatus.CONCEPT:
            raise TransitionNotAllowed(
                bilingual(
                    "Alleen een concept kan worden ingediend.", "Only a concept can be submitted."
                )
            )
        if errors := _submission_errors(nomination.reasons, nomination.concerns.count()):
            raise ValidationError(errors, code="incomplete")
        nomination.status = NominationStatus.SUBMITTED
        nomination.submitted_at = timezone.now()
        nomination.save(update_fields=["status", "submitted_at"])
        _submitted_event(actor, nomination)
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="nomination",
            object_id=nomination.pk,
            person_id=nomination.person_id,
            detail={**(audit_detail or {}), "status": nomination.status},
        )
    return nomination


def nomination_withdraw(
    *, actor: User, nomination: Nomination, audit_detail: dict[str, Any] | None = None
) -> Nomination:
    """Withdraw a nomination before the decision. Raises ``PermissionDenied`` or
    ``TransitionNotAllowed`` (already decided or withdrawn)."""
    if not can(actor, Action.WITHDRAW, nomination):
        raise PermissionDenied
    with transaction.atomic():
        nomination = _locked(nomination)
        previous = nomination.status
        if previous not in WITHDRAWABLE:
            raise TransitionNotAllowed(
                bilingual(
                    "Deze voordracht is al besloten of ingetrokken.",
                    "This nomination has already been decided or withdrawn.",
                )
            )
        nomination.status = NominationStatus.WITHDRAWN
        nomination.withdrawn_at = timezone.now()
        nomination.save(update_fields=["status", "withdrawn_at"])
        event_record(
            type=EventType.NOMINATION_WITHDRAWN,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
            payload={"from_status": previous},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="nomination",
            object_id=nomination.pk,
            person_id=nomination.person_id,
            detail={**(audit_detail or {}), "status": nomination.status},
        )
    return nomination
