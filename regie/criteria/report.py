"""An ``Evaluation`` as Dutch text (``regie criteria explain``)."""

from __future__ import annotations

from regie.criteria.dates import dmy
from regie.criteria.engine import Evaluation, RuleResult, choice_label
from regie.criteria.snapshot import EXCLUSION_PHRASES
from regie.persons.models import FactKind

CONCEPT_WARNING = "CONCEPT: deze criteria zijn niet vastgesteld en gelden (nog) niet."


def _kind(code: str) -> str:
    return choice_label(FactKind, code).lower()


def _rule_lines(result: RuleResult, depth: int = 1) -> list[str]:
    indent = "  " * depth
    lines = [f"{indent}[{result.outcome.label}] {result.label} ({result.id})"]
    lines.append(f"{indent}  {result.sentence}")
    if result.facts:
        refs = ", ".join(f"#{f.id} {_kind(f.kind)} {dmy(f.date)}" for f in result.facts)
        lines.append(f"{indent}  feiten: {refs}")
    for child in result.rules:
        lines.extend(_rule_lines(child, depth + 1))
    return lines


def evaluation_text(evaluation: Evaluation) -> str:
    ref = evaluation.criteria_set
    standing = "vastgesteld" if ref.adopted else ref.note or ref.status
    lines = [
        f"Persoon {evaluation.person_id}, peildatum {dmy(evaluation.on_date)}",
        f"Criteria: {ref.title}, doelgroep {ref.target_group}, versie {ref.version} "
        f"(id {ref.id}; {standing})",
    ]
    if not ref.adopted:
        lines.append(CONCEPT_WARNING)
    lines.append("")
    lines.append(f"Harde criteria (alle moeten gelden): {evaluation.hard_criteria.label}")
    for result in evaluation.hard_rules:
        lines.extend(_rule_lines(result))
    lines.append(f"Exclusiecriteria: {EXCLUSION_PHRASES[evaluation.exclusion]}")
    for result in evaluation.exclusion_rules:
        lines.extend(_rule_lines(result))
    lines.append(f"Noodzaak: {evaluation.necessity.label}")
    lines.extend(_rule_lines(evaluation.necessity_rule))
    return "\n".join(lines)
