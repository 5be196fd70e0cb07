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

from django.db.models import QuerySet
from tqdm import tqdm

from regie.accounts.models import Municipality
from regie.cases.models import Case, CaseStatus
from regie.core.domain import TargetGroup
from regie.criteria.engine import Outcome, RuleResult, all_of, evaluate_rule
from regie.criteria.evaluation import FACT_FIELDS
from regie.criteria.facts import Fact, Facts, Inputs
from regie.criteria.models import CriteriaSet
from regie.criteria.selectors import criteria_set_in_force
from regie.persons.models import FactKind, JusticeFact, Person
from regie.reviews.models import FlagKind

BATCH = 900  # ids per IN (...) list, below every SQLite limit
CASES = 5_000  # cases per batch of a full scan
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
# The facts that can make each exclusion apply.
EVIDENCE: dict[str, frozenset[str]] = {
    FlagKind.DETENTION: frozenset({FactKind.DETENTION}),
    FlagKind.RESIDENCE: frozenset({FactKind.RESIDENCE}),
    FlagKind.DECEASED: frozenset({FactKind.DECEASED}),
    FlagKind.MOVED: frozenset({FactKind.MOVED}),
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


def _batches(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _case_batches(person_ids: Iterable[int] | None) -> tuple[int, Iterator[QuerySet[Case]]]:
    """How many active cases there are, and querysets of them in batches: consecutive id
    ranges for a full scan, or the cases of up to ``BATCH`` of ``person_ids`` at a time (so a
    large import never builds one huge IN list)."""
    active = Case.objects.filter(status=CaseStatus.ACTIVE)
    if person_ids is not None:
        persons = sorted(set(person_ids))
        total = sum(active.filter(person_id__in=b).count() for b in _batches(persons))
        return total, (active.filter(person_id__in=b) for b in _batches(persons))
    ids = list(active.order_by("pk").values_list("pk", flat=True))
    ranges = (active.filter(pk__gte=chunk[0], pk__lte=chunk[-1]) for chunk in _batches(ids, CASES))
    return len(ids), ranges


def _facts(cases: QuerySet[Case]) -> dict[int, Facts]:
    """A ``Facts`` snapshot per person of ``cases``, including facts still on duplicates merged
    into them: three or four queries for the whole batch, selecting through the cases (never
    long lists of ids)."""
    person_ids = cases.values("person_id")
    persons = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "date_of_birth", "municipality"
    )
    duplicates = dict(
        Person.objects.filter(merged_into_id__in=person_ids).values_list("pk", "merged_into_id")
    )
    rows = JusticeFact.objects.filter(person_id__in=person_ids).values_list(
        "person_id", *FACT_FIELDS
    )
    found: dict[int, list[Fact]] = defaultdict(list)
    for owner, *values in rows.order_by("person_id", "date", "id"):
        found[owner].append(Fact(*values))
    if duplicates:
        extra = JusticeFact.objects.filter(person_id__in=list(duplicates)).values_list(
            "person_id", *FACT_FIELDS
        )
        for owner, *values in extra:
            found[duplicates[owner]].append(Fact(*values))
    return {
        pk: Facts(
            person_id=pk,
            date_of_birth=born,
            municipality=municipality or "",
            facts=tuple(sorted(found.get(pk, ()), key=lambda f: (f.date, f.id))),
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
    """Each exclusion rule, skipped when no fact (or municipality) could make it apply: those
    rules are "not met" without one, and only "met" flags."""
    kinds = {f.kind for f in facts.facts}
    for kind, rule in EXCLUSIONS.items():
        if EVIDENCE[kind].isdisjoint(kinds) and not (
            kind == FlagKind.MOVED and facts.municipality == Municipality.BUITEN_REGIO
        ):
            continue
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
    total, batches = _case_batches(person_ids)
    scan.cases = total
    with tqdm(total=total, desc="Toetsen op drift", unit=" casussen", disable=not progress) as bar:
        for cases in batches:
            facts = _facts(cases)
            rows = cases.values_list("pk", "person_id", "target_group")
            for case_id, person_id, group in rows:
                person = facts.get(person_id)
                if person is None:
                    continue
                scan.findings.extend(_exclusions(case_id, person, on_date))
                criteria_set = sets.get(group)
                if criteria_set is not None:
                    finding = _criteria(case_id, person, criteria_set, on_date)
                    if finding is not None:
                        scan.findings.append(finding)
                bar.update(1)
    return scan
