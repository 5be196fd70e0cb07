"""Evaluating a stored criteria set against a stored person: the bridge between the database
and the pure engine (``regie.criteria.engine``).

Callers authorise first: pass a ``Person`` fetched through the access policy, and write the
audit event for reading their data (``regie.criteria.services.criteria_explain`` does both for
the command line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db.models import Q

from regie.criteria.engine import Evaluation, SetRef, evaluate_document
from regie.criteria.facts import Fact, Facts, Inputs
from regie.criteria.models import CriteriaSet
from regie.persons.models import JusticeFact, Person

FACT_FIELDS = (
    "id",
    "kind",
    "date",
    "category",
    "role",
    "end_date",
    "residence_status",
    "municipality",
)


def person_facts(person: Person) -> Facts:
    """Snapshot of the person and every fact registered on them, including facts still on
    duplicates merged into them. One query."""
    rows = (
        JusticeFact.objects.filter(Q(person=person) | Q(person__merged_into=person))
        .order_by("date", "id")
        .values_list(*FACT_FIELDS)
    )
    return Facts(
        person_id=person.pk,
        date_of_birth=person.date_of_birth,
        municipality=person.municipality or "",
        facts=tuple(Fact(*row) for row in rows),
    )


def set_ref(criteria_set: CriteriaSet) -> SetRef:
    return SetRef(
        id=criteria_set.pk,
        target_group=criteria_set.target_group,
        version=criteria_set.version,
        status=criteria_set.status,
        title=criteria_set.title,
        note=criteria_set.note,
        document_sha256=criteria_set.document_sha256,
    )


def evaluate(
    criteria_set: CriteriaSet,
    person: Person,
    on_date: date,
    zrm_scores: Mapping[str, int] | None = None,
    *,
    partner_domains: Iterable[str] | None = None,
    other_approach: bool | None = None,
    facts: Facts | None = None,
) -> Evaluation:
    """Evaluate ``criteria_set`` for ``person`` at ``on_date``. Inputs left ``None`` are
    "not given" and make the rules that need them unknown. Pass ``facts`` to evaluate several
    sets against one snapshot. Store ``regie.criteria.snapshot.evaluation_to_json(result)``
    with a decision."""
    inputs = Inputs(
        zrm_scores=dict(zrm_scores) if zrm_scores is not None else None,
        partner_domains=frozenset(partner_domains) if partner_domains is not None else None,
        other_approach=other_approach,
    )
    return evaluate_document(
        criteria_set.document,
        set_ref(criteria_set),
        facts or person_facts(person),
        on_date,
        inputs,
    )
