"""Writes for criteria: loading checked sets, and the audited evaluation for the command line.

Criteria sets are not personal data; loading one is still audited (a change of what decides
admission). Governance transitions (voorleggen, advies, vaststellen) follow in a later issue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from regie.access.policy import access
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.criteria.document import DocumentError, check_document
from regie.criteria.engine import Evaluation
from regie.criteria.evaluation import evaluate, person_facts
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.selectors import criteria_set_for_evaluation
from regie.persons.models import Person

if TYPE_CHECKING:
    from regie.accounts.models import User


@dataclass(frozen=True)
class LoadResult:
    criteria_set: CriteriaSet
    created: bool


def criteria_set_load(*, document: dict[str, Any], actor: User | None) -> LoadResult:
    """Store a checked document as a new *concept* set, or find the identical stored version.

    Versions are immutable: a stored (target group, version) with a different document raises
    ``ValidationError`` (give the changed set a new version). Raises ``DocumentError`` with
    every problem when the document does not pass ``check_document``.
    """
    problems = check_document(document)
    if problems:
        raise DocumentError(problems)
    with transaction.atomic():
        existing = (
            CriteriaSet.objects.select_for_update()
            .filter(target_group=document["target_group"], version=document["version"])
            .first()
        )
        if existing is not None:
            if existing.document != document:
                raise ValidationError(
                    f"Versie {existing.version} van doelgroep {existing.target_group} bestaat al "
                    "met andere regels; geef de gewijzigde set een nieuw versienummer.",
                    code="version_exists",
                )
            return LoadResult(existing, created=False)
        criteria_set = CriteriaSet(
            target_group=document["target_group"],
            version=document["version"],
            status=CriteriaStatus.CONCEPT,
            title=document["title"],
            note=document["note"],
            document=document,
        )
        criteria_set.full_clean()
        criteria_set.save()
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="criteria_set",
            object_id=criteria_set.pk,
            detail={"target_group": criteria_set.target_group, "version": criteria_set.version},
        )
    return LoadResult(criteria_set, created=True)


def criteria_sets_load(
    *, documents: Iterable[dict[str, Any]], actor: User | None
) -> list[LoadResult]:
    """Load several documents all-or-nothing: nothing is stored when any one is refused."""
    with transaction.atomic():
        return [criteria_set_load(document=d, actor=actor) for d in documents]


def criteria_explain(
    *,
    actor: User | None,
    person_id: int,
    on_date: date,
    target_groups: Iterable[str],
    purpose: str,
    zrm_scores: Mapping[str, int] | None = None,
    partner_domains: Iterable[str] | None = None,
    other_approach: bool | None = None,
) -> list[Evaluation]:
    """Evaluate the applicable set (in force, else the latest concept) of each target group
    for one person with the given inputs, and audit the read (VIEW, with the person id).

    ``actor=None`` is the system (the command line): the person is read without a user scope.
    A user must be allowed to view the person (``Http404`` otherwise). Raises
    ``Person.DoesNotExist`` for an unknown id. Target groups without any set are skipped.
    """
    if actor is None:
        person = Person.objects.get(pk=person_id)
    else:
        person = access(actor, Action.VIEW, Person, pk=person_id, audit=False)
    facts = person_facts(person)
    evaluations = []
    for group in target_groups:
        criteria_set = criteria_set_for_evaluation(group, on_date)
        if criteria_set is not None:
            evaluations.append(
                evaluate(
                    criteria_set,
                    person,
                    on_date,
                    zrm_scores,
                    partner_domains=partner_domains,
                    other_approach=other_approach,
                    facts=facts,
                )
            )
    audit_record(
        action=AuditAction.VIEW,
        actor=actor,
        object_type="criteria_evaluation",
        object_id=person.pk,
        person_id=person.pk,
        purpose=purpose,
        detail={
            "on_date": on_date.isoformat(),
            "criteria_sets": [e.criteria_set.id for e in evaluations if e.criteria_set.id],
        },
    )
    return evaluations
