"""Storing registered facts, shared by the file import (``imports.facts_import``) and the
partner API (``POST /api/v1/facts/``): one check of a fact on its own, one idempotent upsert.

A fact is identified by its source organisation and the source's own key (``external_key``):
storing the same facts again changes nothing, and a known key with other values *updates* that
fact (the source is leading).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from regie.access.policy import scope, scope_q
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record, audit_record_many
from regie.events.models import EventType
from regie.events.services import event_record
from regie.persons.models import JusticeFact, Person
from regie.persons.signals import on_facts_imported

if TYPE_CHECKING:
    from regie.accounts.models import User

# The fields that make two versions of a fact the same.
COMPARED = (
    "person_id",
    "kind",
    "category",
    "role",
    "date",
    "end_date",
    "residence_status",
    "municipality",
)
CHUNK = 500


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int
    person_ids: tuple[int, ...]


def chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def fact_problems(fact: JusticeFact) -> dict[str, list[str]]:
    """Every reason one fact is invalid on its own, per field, in the active language: the
    fields its kind needs and allows, its dates, its key (``JusticeFact.clean`` and the field
    checks). Its person and source organisation are the caller's to resolve."""
    try:
        fact.full_clean(
            exclude=["person", "source_organisation"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        return exc.message_dict
    return {}


def _existing(facts: list[JusticeFact]) -> dict[tuple[int, str], JusticeFact]:
    keys: dict[int, list[str]] = defaultdict(list)
    for fact in facts:
        keys[fact.source_organisation_id].append(fact.external_key)
    found = {}
    for org_id, org_keys in keys.items():
        for chunk in chunks(org_keys):
            for fact in JusticeFact.objects.filter(
                source_organisation_id=org_id, external_key__in=chunk
            ):
                found[(org_id, fact.external_key)] = fact
    return found


def _all_in(persons: QuerySet[Person], ids: set[int]) -> bool:
    found = 0
    for chunk in chunks(sorted(ids)):
        found += persons.filter(pk__in=chunk).count()
    return found == len(ids)


def _authorised(actor: User, facts: list[JusticeFact]) -> bool:
    """Whoever may change a person records facts about them from any source; a partner's own
    system records its own organisation's facts about the persons it may see."""
    if scope_q(actor, Action.CHANGE, Person) == Q():
        return True  # may change every person: no need to look them up
    own_source = {f.person_id for f in facts if f.source_organisation_id == actor.organisation_id}
    other_source = {f.person_id for f in facts} - own_source
    return _all_in(scope(actor, Action.CHANGE, Person), other_source) and _all_in(
        scope(actor, Action.VIEW, Person), own_source
    )


def facts_save(*, actor: User, facts: list[JusticeFact]) -> tuple[list[JusticeFact], ImportResult]:
    """Store checked facts, all or nothing and idempotently; returns the stored facts in input
    order (with their ids) and the counts.

    The caller has checked every fact (``fact_problems``), set its person (a survivor, never a
    merged duplicate) and source organisation, and made the keys unique per source. Raises
    ``PermissionDenied`` unless the actor may change every fact's person, or delivers facts of
    its own organisation about persons it may see. Writes one audit event with the counts, one per
    person whose facts changed (pointing at the first), and,
    when anything changed, one ``FACTS_IMPORTED`` event; announces the persons whose facts
    changed through ``regie.persons.signals.facts_imported``. A concurrent store of the same new
    key raises ``IntegrityError``.
    """
    if not _authorised(actor, facts):
        raise PermissionDenied
    existing = _existing(facts)
    stored, new, changed = [], [], []
    for fact in facts:
        old = existing.get((fact.source_organisation_id, fact.external_key))
        if old is None:
            new.append(fact)
            stored.append(fact)
            continue
        if any(getattr(old, f) != getattr(fact, f) for f in COMPARED):
            for field in COMPARED:
                setattr(old, field, getattr(fact, field))
            changed.append(old)
        stored.append(old)
    person_ids = tuple(sorted({f.person_id for f in new + changed}))
    result = ImportResult(
        len(facts), len(new), len(changed), len(facts) - len(new) - len(changed), person_ids
    )
    with transaction.atomic():
        JusticeFact.objects.bulk_create(new, batch_size=CHUNK)
        fields = [f.removesuffix("_id") for f in COMPARED]
        JusticeFact.objects.bulk_update(changed, fields, batch_size=CHUNK)
        counts = {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "persons": len(person_ids),
        }
        summary = audit_record(
            action=AuditAction.CREATE, actor=actor, object_type="fact_import", detail=counts
        )
        # One event per person whose facts changed, so the privacy officer's log per person
        # shows the import; it points at the summary event above.
        per_person: dict[int, dict[str, int]] = {}
        for fact, kind in [(f, "created") for f in new] + [(f, "updated") for f in changed]:
            tally = per_person.setdefault(fact.person_id, {"created": 0, "updated": 0})
            tally[kind] += 1
        audit_record_many(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="fact",
            entries=[
                ("", person_id, {**tally, "import_seq": summary.seq})
                for person_id, tally in sorted(per_person.items())
            ],
        )
        if new or changed:
            orgs = sorted({f.source_organisation_id for f in new + changed})
            event_record(
                type=EventType.FACTS_IMPORTED,
                actor=actor,
                payload={**counts, "source_organisation_ids": orgs},
            )
            on_facts_imported(person_ids)
    return stored, result
