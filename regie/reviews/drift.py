"""Drift detection: which active cases need an early review (DESIGN.md §6).

A case is found when its person

- no longer meets the hard criteria of the **adopted** criteria set in force for the case's
  target group (without an adopted set that check is skipped, and the result says so), or
- has an exclusion fact: a running detention with more than 24 months remaining, no lawful
  residence, death, or a move out of the region.

The exclusions are checked with the criteria engine's own rules (``regie.criteria.engine``), so
the reasons read exactly like a triage evaluation. Everything is loaded in bulk: per batch of
cases one query for the persons, one for merged duplicates and one for all their facts, whatever
the number of cases — never one query per case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tqdm import tqdm

from regie.cases.models import Case, CaseStatus
from regie.core.domain import TargetGroup
from regie.criteria.engine import Outcome, RuleResult, all_of, evaluate_rule
from regie.criteria.evaluation import FACT_FIELDS
from regie.criteria.facts import Fact, Facts, Inputs
from regie.criteria.models import CriteriaSet
from regie.criteria.selectors import criteria_set_in_force
from regie.persons.models import JusticeFact, Person
from regie.reviews.models import FlagKind

BATCH = 900  # ids per IN (...) list, below every SQLite limit
NO_INPUTS = Inputs()

# The exclusions that end regie whatever criteria set applies, as engine rules.
EXCLUSIONS: dict[str, dict[str, Any]] = {
    FlagKind.DETENTION: {
        "id": "drift-detentie",
        "label": "Lopende detentie met meer dan 24 maanden resterend",
        "kind": "detention_remaining",
        "more_than_months": 24,
    },
    FlagKind.RESIDENCE: {
        "id": "drift-verblijf",
        "label": "Geen rechtmatig verblijf",
        "kind": "no_lawful_residence",
        "absent_means": "not_met",
    },
    FlagKind.DECEASED: {"id": "drift-overleden", "label": "Overleden", "kind": "deceased"},
    FlagKind.MOVED: {
        "id": "drift-buiten-regio",
        "label": "Woont buiten de regio Amsterdam-Amstelland",
        "kind": "outside_region",
    },
}


@dataclass(frozen=True)
class Finding:
    """One reason for an early review: ``basis`` names what it rests on (``feit:<id>``,
    ``set:<id>`` or ``woongemeente``), ``text`` is the sentence the regisseur reads."""

    case_id: int
    person_id: int
    kind: str
    basis: str
    text: str


@dataclass
class Scan:
    cases: int = 0
    findings: list[Finding] = field(default_factory=list)
    # Target groups without an adopted criteria set: "criteria no longer met" was not checked.
    unchecked_groups: list[str] = field(default_factory=list)


def _batches(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _active_cases(person_ids: Iterable[int] | None) -> list[tuple[int, int, str]]:
    """(case id, person id, target group) of the active cases, of ``person_ids`` only when
    given (in batches, so a large import never builds one huge IN list)."""
    cases = Case.objects.filter(status=CaseStatus.ACTIVE).order_by("pk")
    fields = ("pk", "person_id", "target_group")
    if person_ids is None:
        return list(cases.values_list(*fields))
    found: list[tuple[int, int, str]] = []
    for batch in _batches(sorted(set(person_ids))):
        found += cases.filter(person_id__in=batch).values_list(*fields)
    return sorted(found)


def _facts(person_ids: Sequence[int]) -> dict[int, Facts]:
    """A ``Facts`` snapshot per person, including facts still on duplicates merged into them:
    three queries for the whole batch."""
    persons = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "date_of_birth", "municipality"
    )
    duplicates = dict(
        Person.objects.filter(merged_into_id__in=person_ids).values_list("pk", "merged_into_id")
    )
    found: dict[int, list[Fact]] = defaultdict(list)
    rows = JusticeFact.objects.filter(person_id__in=[*person_ids, *duplicates]).values_list(
        "person_id", *FACT_FIELDS
    )
    for owner, *values in rows.order_by("date", "id"):
        found[duplicates.get(owner, owner)].append(Fact(*values))
    return {
        pk: Facts(
            person_id=pk,
            date_of_birth=born,
            municipality=municipality or "",
            facts=tuple(found.get(pk, ())),
        )
        for pk, born, municipality in persons
    }


def _basis(result: RuleResult) -> str:
    """The newest fact that counted: a later fact of the same kind is a new reason."""
    if not result.facts:
        return "woongemeente"
    newest = max(result.facts, key=lambda f: (f.date, f.id))
    return f"feit:{newest.id}"


def _exclusions(case_id: int, facts: Facts, on_date: date) -> Iterator[Finding]:
    for kind, rule in EXCLUSIONS.items():
        result = evaluate_rule(rule, facts, NO_INPUTS, on_date)
        if result.outcome == Outcome.MET:
            yield Finding(case_id, facts.person_id, kind, _basis(result), result.sentence)


def _criteria(
    case_id: int, facts: Facts, criteria_set: CriteriaSet, on_date: date
) -> Finding | None:
    """The hard rules of the adopted set; only a clear "not met" counts (unknown never does)."""
    results = [
        evaluate_rule(r, facts, NO_INPUTS, on_date) for r in criteria_set.document["hard_rules"]
    ]
    if all_of(r.outcome for r in results) != Outcome.NOT_MET:
        return None
    failed = " ".join(r.sentence for r in results if r.outcome == Outcome.NOT_MET)
    text = (
        f"Voldoet niet meer aan de harde criteria van {criteria_set.title} "
        f"(versie {criteria_set.version}): {failed}"
    )
    return Finding(case_id, facts.person_id, FlagKind.CRITERIA, f"set:{criteria_set.pk}", text)


def find(*, on_date: date, person_ids: Iterable[int] | None = None, progress: bool = False) -> Scan:
    """Every reason for an early review among the active cases (of ``person_ids`` only, when
    given) on ``on_date``. Reads only; ``regie.reviews.services.drift`` writes the flags."""
    sets = {group: criteria_set_in_force(group, on_date) for group in TargetGroup.values}
    scan = Scan(unchecked_groups=[g for g, s in sets.items() if s is None])
    cases = _active_cases(person_ids)
    scan.cases = len(cases)
    with tqdm(
        total=len(cases), desc="Toetsen op drift", unit=" casussen", disable=not progress
    ) as bar:
        for batch in _batches(cases):
            facts = _facts(sorted({person_id for _, person_id, _ in batch}))
            for case_id, person_id, group in batch:
                person = facts.get(person_id)
                if person is None:
                    continue
                scan.findings.extend(_exclusions(case_id, person, on_date))
                criteria_set = sets.get(group)
                if criteria_set is not None:
                    finding = _criteria(case_id, person, criteria_set, on_date)
                    if finding is not None:
                        scan.findings.append(finding)
            bar.update(len(batch))
    return scan
