"""Stand-in for the intake service that registers facts (see ``domain_services``): all or
nothing, idempotent per ``(source organisation, external_key)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import User
from regie.api.domain_services import TransitionNotAllowed
from regie.api.problems import bilingual
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.persons.models import JusticeFact, Person


@dataclass(frozen=True)
class FactInput:
    person: Person
    external_key: str
    kind: str
    date: dt.date
    category: str = ""
    role: str = ""
    end_date: dt.date | None = None
    residence_status: str = ""
    municipality: str = ""

    def matches(self, fact: JusticeFact) -> bool:
        """Whether ``fact`` already records exactly this (resubmission changes nothing)."""
        return (
            fact.person_id,
            fact.kind,
            fact.category,
            fact.role,
            fact.date,
            fact.end_date,
            fact.residence_status,
            fact.municipality,
        ) == (
            self.person.pk,
            self.kind,
            self.category,
            self.role,
            self.date,
            self.end_date,
            self.residence_status,
            self.municipality,
        )


def justice_facts_submit(
    *, actor: User, facts: Sequence[FactInput], audit_detail: dict[str, Any] | None = None
) -> list[JusticeFact]:
    """Register facts from the actor's organisation, all or nothing, idempotent per key.

    A fact whose ``external_key`` the organisation already used is returned unchanged when it
    records the same; otherwise ``TransitionNotAllowed``. Returns the facts in input order.
    Raises ``PermissionDenied`` for a person outside the actor's view.
    """
    person_ids = {item.person.pk for item in facts}
    visible = set(
        scope(actor, Action.VIEW, Person).filter(pk__in=person_ids).values_list("pk", flat=True)
    )
    if person_ids - visible:
        raise PermissionDenied
    organisation = actor.organisation
    with transaction.atomic():
        existing = {
            fact.external_key: fact
            for fact in JusticeFact.objects.filter(
                source_organisation=organisation,
                external_key__in=[item.external_key for item in facts],
            )
        }
        new: list[JusticeFact] = []
        for item in facts:
            known = existing.get(item.external_key)
            if known is not None:
                if not item.matches(known):
                    raise TransitionNotAllowed(
                        bilingual(
                            "De sleutel {key} is al gebruikt voor een ander feit.",
                            "The key {key} is already used for another fact.",
                            key=item.external_key,
                        )
                    )
                continue
            fact = JusticeFact(
                person=item.person,
                kind=item.kind,
                category=item.category,
                role=item.role,
                date=item.date,
                end_date=item.end_date,
                residence_status=item.residence_status,
                municipality=item.municipality,
                source_organisation=organisation,
                external_key=item.external_key,
            )
            fact.full_clean(validate_unique=False, validate_constraints=False)
            new.append(fact)
            existing[item.external_key] = fact
        JusticeFact.objects.bulk_create(new)
        _record_facts(actor, facts, existing, {fact.external_key for fact in new}, audit_detail)
    return [existing[item.external_key] for item in facts]


def _record_facts(
    actor: User,
    facts: Sequence[FactInput],
    stored: dict[str, JusticeFact],
    created_keys: set[str],
    audit_detail: dict[str, Any] | None,
) -> None:
    """One audit event per person (and one ``CaseEvent`` per person with new facts)."""
    by_person: dict[int, tuple[Person, list[JusticeFact], list[JusticeFact]]] = {}
    for item in facts:
        person, created, unchanged = by_person.setdefault(item.person.pk, (item.person, [], []))
        fact = stored[item.external_key]
        target = created if item.external_key in created_keys else unchanged
        if fact not in target:
            target.append(fact)
    for person, created, unchanged in by_person.values():
        if created:
            event_record(
                type=EventType.FACTS_IMPORTED,
                actor=actor,
                person=person,
                payload={
                    "count": len(created),
                    "kinds": sorted({fact.kind for fact in created}),
                    "source_organisation_id": actor.organisation_id,
                },
            )
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="justice_fact",
            person_id=person.pk,
            detail={
                **(audit_detail or {}),
                "created": [fact.pk for fact in created],
                "unchanged": [fact.pk for fact in unchanged],
            },
        )
