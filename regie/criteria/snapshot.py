"""An ``Evaluation`` as a frozen JSON snapshot, and back.

The triage decision stores this snapshot ("why on the list"): which criteria set (id, version,
status, a SHA-256 of its document), the peildatum, the inputs, and per rule the outcome, the
sentence and the facts that counted (ids, dates, categories). Reading it back gives the same
``Evaluation``, so a decision can be shown years later exactly as it was evaluated, even when
the person's facts or the criteria have changed since.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from regie.criteria.engine import Evaluation, Outcome, RuleResult, SetRef
from regie.criteria.facts import Fact, Inputs

FORMAT = "regie.criteria.evaluation/1"


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "kind": fact.kind,
        "date": fact.date.isoformat(),
        "category": fact.category or None,
        "role": fact.role or None,
        "end_date": fact.end_date.isoformat() if fact.end_date else None,
        "residence_status": fact.residence_status or None,
        "municipality": fact.municipality or None,
    }


def _fact_from(data: dict[str, Any]) -> Fact:
    return Fact(
        id=data["id"],
        kind=data["kind"],
        date=date.fromisoformat(data["date"]),
        category=data["category"] or "",
        role=data["role"] or "",
        end_date=date.fromisoformat(data["end_date"]) if data["end_date"] else None,
        residence_status=data["residence_status"] or "",
        municipality=data["municipality"] or "",
    )


def _result_json(result: RuleResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "label": result.label,
        "kind": result.kind,
        "outcome": result.outcome.value,
        "sentence": result.sentence,
        "facts": [_fact_json(f) for f in result.facts],
        "rules": [_result_json(r) for r in result.rules],
    }


def _result_from(data: dict[str, Any]) -> RuleResult:
    return RuleResult(
        id=data["id"],
        label=data["label"],
        kind=data["kind"],
        outcome=Outcome(data["outcome"]),
        sentence=data["sentence"],
        facts=tuple(_fact_from(f) for f in data["facts"]),
        rules=tuple(_result_from(r) for r in data["rules"]),
    )


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """A JSON-serialisable dict (only str, int, bool, None, lists and dicts)."""
    ref, inputs = evaluation.criteria_set, evaluation.inputs
    return {
        "format": FORMAT,
        "criteria_set": {
            "id": ref.id,
            "target_group": ref.target_group,
            "version": ref.version,
            "status": ref.status,
            "adopted": ref.adopted,
            "title": ref.title,
            "note": ref.note,
            "document_sha256": ref.document_sha256,
        },
        "person_id": evaluation.person_id,
        "on_date": evaluation.on_date.isoformat(),
        "inputs": {
            "zrm_scores": dict(sorted(inputs.zrm_scores.items()))
            if inputs.zrm_scores is not None
            else None,
            "partner_domains": sorted(inputs.partner_domains)
            if inputs.partner_domains is not None
            else None,
            "other_approach": inputs.other_approach,
        },
        "hard_criteria": evaluation.hard_criteria.value,
        "exclusion": evaluation.exclusion.value,
        "necessity": evaluation.necessity.value,
        "summary": summary(evaluation),
        "hard_rules": [_result_json(r) for r in evaluation.hard_rules],
        "exclusion_rules": [_result_json(r) for r in evaluation.exclusion_rules],
        "necessity_rule": _result_json(evaluation.necessity_rule),
    }


def evaluation_from_json(data: dict[str, Any]) -> Evaluation:
    """Rebuild an ``Evaluation`` from ``evaluation_to_json`` output. Raises ``ValueError`` for
    a snapshot in another format."""
    if data.get("format") != FORMAT:
        raise ValueError(f"onbekend formaat van de evaluatie: {data.get('format')!r}")
    ref, inputs = data["criteria_set"], data["inputs"]
    return Evaluation(
        criteria_set=SetRef(
            id=ref["id"],
            target_group=ref["target_group"],
            version=ref["version"],
            status=ref["status"],
            title=ref["title"],
            note=ref["note"],
            document_sha256=ref["document_sha256"],
        ),
        person_id=data["person_id"],
        on_date=date.fromisoformat(data["on_date"]),
        inputs=Inputs(
            zrm_scores=inputs["zrm_scores"],
            partner_domains=frozenset(inputs["partner_domains"])
            if inputs["partner_domains"] is not None
            else None,
            other_approach=inputs["other_approach"],
        ),
        hard_rules=tuple(_result_from(r) for r in data["hard_rules"]),
        exclusion_rules=tuple(_result_from(r) for r in data["exclusion_rules"]),
        necessity_rule=_result_from(data["necessity_rule"]),
    )


EXCLUSION_PHRASES = {
    Outcome.MET: "een exclusiegrond is van toepassing",
    Outcome.NOT_MET: "geen exclusiegrond van toepassing",
    Outcome.UNKNOWN: "onbekend of een exclusiegrond van toepassing is",
}


def summary(evaluation: Evaluation) -> str:
    """One Dutch sentence over the three parts, naming a concept set as such."""
    ref = evaluation.criteria_set
    standing = "vastgestelde" if ref.adopted else "CONCEPT-"
    return (
        f"Harde criteria {evaluation.hard_criteria.label}; "
        f"{EXCLUSION_PHRASES[evaluation.exclusion]}; "
        f"noodzaak {evaluation.necessity.label} "
        f"(peildatum {evaluation.on_date.strftime('%d-%m-%Y')}, {standing}criteria "
        f"{ref.target_group} versie {ref.version})."
    )
