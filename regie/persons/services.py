"""Every write on persons and their facts: create, record a fact, merge and unmerge duplicates.

Each service checks the access policy, validates with ``full_clean()``, and writes its audit
event and (for workflow transitions) its ``CaseEvent`` in the same transaction.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from regie.access.policy import can, resource_for
from regie.access.rules import Action, rules_for
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import CaseEvent, EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination
from regie.persons.models import JusticeFact, Person, normalise_bsn
from regie.persons.selectors import survivor_of
from regie.persons.signals import on_facts_imported

if TYPE_CHECKING:
    from regie.accounts.models import Organisation, User


def may(user: User, action: Action, model: type[Model]) -> bool:
    """Whether ``user`` holds a role that may ``action`` objects of ``model`` at all (for
    creating, where there is no object yet to check)."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    return bool(rules_for(resource_for(model).name, user.role_codes, action))


def person_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date,
    gender: str,
    municipality: str,
    name_prefix: str = "",
    district: str = "",
    bsn: str = "",
) -> Person:
    """Register a person. Search first (``selectors.person_search``): this never matches.

    Raises ``PermissionDenied`` when the actor may not create persons and ``ValidationError``
    for invalid data (a BSN failing the elfproef, a BSN already registered, a future birth date).
    """
    if not may(actor, Action.CREATE, Person):
        raise PermissionDenied
    with transaction.atomic():
        person = Person(
            bsn=normalise_bsn(bsn) or None,
            first_name=first_name.strip(),
            name_prefix=name_prefix.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            gender=gender,
            municipality=municipality,
            district=district,
        )
        person.full_clean()
        person.save()
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
        )
        event_record(
            type=EventType.PERSON_CREATED,
            actor=actor,
            person=person,
            payload={"municipality": person.municipality},
        )
    return person


def person_find_or_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date,
    gender: str,
    municipality: str,
    name_prefix: str = "",
    district: str = "",
    bsn: str = "",
) -> Person:
    """The person with this BSN when one is registered (the survivor, if it was merged),
    otherwise a new person. Used by nominating partners, who may not see persons outside their
    own nominations: the BSN is an exact key they already hold, so linking reveals no more.

    A known BSN with another date of birth is refused (``ValidationError`` on ``bsn``): a
    mistyped BSN must never link a nomination to a stranger, nor show the partner who that is.
    """
    if not may(actor, Action.CREATE, Person):
        raise PermissionDenied
    digits = normalise_bsn(bsn)
    if digits:
        existing = Person.objects.filter(bsn=digits).first()
        if existing is not None:
            if existing.date_of_birth != date_of_birth:
                raise ValidationError(
                    {
                        "bsn": _(
                            "Dit BSN hoort niet bij deze geboortedatum. Controleer het BSN en "
                            "de geboortedatum."
                        )
                    }
                )
            return survivor_of(existing)
    return person_create(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        gender=gender,
        municipality=municipality,
        name_prefix=name_prefix,
        district=district,
        bsn=digits,
    )


def fact_create(
    *,
    actor: User,
    person: Person,
    kind: str,
    date: datetime.date,
    source_organisation: Organisation,
    category: str = "",
    role: str = "",
    end_date: datetime.date | None = None,
    residence_status: str = "",
    municipality: str = "",
    external_key: str = "",
) -> JusticeFact:
    """Record one fact by hand. Without a key from the source, a unique one is made up.

    Raises ``PermissionDenied`` unless the actor may change the person, ``ValidationError``
    for a merged person, a fact whose fields do not fit its kind, or a key already used.
    """
    if not can(actor, Action.CHANGE, person):
        raise PermissionDenied
    if person.merged_into_id is not None:
        raise ValidationError(_("Deze persoon is samengevoegd; leg het feit vast bij de ander."))
    with transaction.atomic():
        fact = JusticeFact(
            person=person,
            kind=kind,
            date=date,
            end_date=end_date,
            category=category,
            role=role,
            residence_status=residence_status,
            municipality=municipality,
            source_organisation=source_organisation,
            external_key=external_key.strip() or f"handmatig-{uuid.uuid4().hex}",
        )
        fact.full_clean()
        fact.save()
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="justice_fact",
            object_id=fact.pk,
            person_id=person.pk,
            detail={"kind": kind},
        )
        event_record(
            type=EventType.FACT_RECORDED,
            actor=actor,
            person=person,
            payload={"fact_id": fact.pk, "kind": kind, "category": category, "role": role},
        )
        on_facts_imported([person.pk])
    return fact


def _has_case(person: Person) -> bool:
    if not apps.is_installed("regie.cases"):
        return False
    return apps.get_model("cases", "Case").objects.filter(person=person).exists()


def person_merge(*, actor: User, duplicate: Person, survivor: Person) -> CaseEvent:
    """Merge ``duplicate`` into ``survivor``: its facts and nominations move over and
    ``duplicate.merged_into`` is set. The moved ids are kept in the ``PERSON_MERGED`` event so
    ``person_unmerge`` can move exactly those back. Domain events and audit rows keep the
    person they were written for.

    Raises ``PermissionDenied`` unless the actor may merge both, ``ValidationError`` when they
    are the same, either is already merged, their BSNs differ, or the duplicate has a case.
    """
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("Een persoon kan niet met zichzelf worden samengevoegd."))
    if not (can(actor, Action.MERGE, duplicate) and can(actor, Action.MERGE, survivor)):
        raise PermissionDenied
    with transaction.atomic():
        locked = {
            p.pk: p
            for p in Person.objects.select_for_update().filter(pk__in=[duplicate.pk, survivor.pk])
        }
        duplicate, survivor = locked[duplicate.pk], locked[survivor.pk]
        if duplicate.merged_into_id is not None or survivor.merged_into_id is not None:
            raise ValidationError(_("Een van beide personen is al samengevoegd."))
        if duplicate.bsn and survivor.bsn and duplicate.bsn != survivor.bsn:
            raise ValidationError(
                _("Deze personen hebben verschillende BSN's: het zijn geen dubbele registraties.")
            )
        if _has_case(duplicate):
            raise ValidationError(
                _("De dubbele registratie heeft een casus: voeg in omgekeerde richting samen.")
            )
        fact_ids = sorted(JusticeFact.objects.filter(person=duplicate).values_list("pk", flat=True))
        nomination_ids = sorted(
            Nomination.objects.filter(person=duplicate).values_list("pk", flat=True)
        )
        JusticeFact.objects.filter(pk__in=fact_ids).update(person=survivor)
        Nomination.objects.filter(pk__in=nomination_ids).update(person=survivor)
        duplicate.merged_into = survivor
        duplicate.save(update_fields=["merged_into"])
        payload = {
            "survivor_id": survivor.pk,
            "duplicate_id": duplicate.pk,
            "fact_ids": fact_ids,
            "nomination_ids": nomination_ids,
        }
        _audit_pair(actor, duplicate, survivor, "merge", len(fact_ids), len(nomination_ids))
        event = event_record(
            type=EventType.PERSON_MERGED, actor=actor, person=duplicate, payload=payload
        )
        on_facts_imported([survivor.pk, duplicate.pk])
    return event


def person_unmerge(*, actor: User, duplicate: Person) -> CaseEvent:
    """Undo the last merge of ``duplicate``: exactly the facts and nominations that merge moved
    go back; whatever was added to the survivor since stays there.

    Raises ``PermissionDenied`` unless the actor may merge both persons, ``ValidationError``
    when the person is not merged or the survivor was itself merged on since.
    """
    with transaction.atomic():
        duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
        if duplicate.merged_into_id is None:
            raise ValidationError(_("Deze persoon is niet samengevoegd."))
        survivor = Person.objects.select_for_update().get(pk=duplicate.merged_into_id)
        if not (can(actor, Action.MERGE, duplicate) and can(actor, Action.MERGE, survivor)):
            raise PermissionDenied
        if survivor.merged_into_id is not None:
            raise ValidationError(
                _("Maak eerst de latere samenvoeging van de andere persoon ongedaan.")
            )
        merge = (
            CaseEvent.objects.filter(type=EventType.PERSON_MERGED, person=duplicate)
            .order_by("-occurred_at", "-pk")
            .first()
        )
        if merge is None or merge.payload.get("survivor_id") != survivor.pk:
            raise ValidationError(_("De samenvoeging is niet terug te vinden."))
        fact_ids = merge.payload.get("fact_ids", [])
        nomination_ids = merge.payload.get("nomination_ids", [])
        JusticeFact.objects.filter(pk__in=fact_ids, person=survivor).update(person=duplicate)
        Nomination.objects.filter(pk__in=nomination_ids, person=survivor).update(person=duplicate)
        duplicate.merged_into = None
        duplicate.save(update_fields=["merged_into"])
        _audit_pair(actor, duplicate, survivor, "unmerge", len(fact_ids), len(nomination_ids))
        event = event_record(
            type=EventType.PERSON_UNMERGED,
            actor=actor,
            person=duplicate,
            payload={
                "survivor_id": survivor.pk,
                "duplicate_id": duplicate.pk,
                "fact_ids": fact_ids,
                "nomination_ids": nomination_ids,
                "merge_event_id": merge.pk,
            },
        )
        on_facts_imported([survivor.pk, duplicate.pk])
    return event


def _audit_pair(
    actor: User, duplicate: Person, survivor: Person, what: str, facts: int, nominations: int
) -> None:
    for person, other in ((duplicate, survivor), (survivor, duplicate)):
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
            detail={
                what: True,
                "other_person": other.pk,
                "facts": facts,
                "nominations": nominations,
            },
        )
