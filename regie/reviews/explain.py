"""A stored criteria evaluation (``regie.criteria.snapshot``) as rows a person can read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from regie.criteria.engine import Outcome

PARTS = (
    ("hard_rules", "Harde criteria"),
    ("exclusion_rules", "Exclusiecriteria"),
)


@dataclass(frozen=True)
class Row:
    part: str
    label: str
    outcome: str
    outcome_label: str
    sentence: str


def _label(value: str) -> str:
    return Outcome(value).label if value in Outcome._value2member_map_ else value


def explanation(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    """Summary, whether the set was adopted, and one row per rule (necessity last)."""
    if not snapshot:
        return None
    rows = [
        Row(part, rule["label"], rule["outcome"], _label(rule["outcome"]), rule["sentence"])
        for key, part in PARTS
        for rule in snapshot.get(key, [])
    ]
    necessity = snapshot.get("necessity_rule")
    if necessity:
        rows.append(
            Row(
                "Noodzaak",
                necessity["label"],
                necessity["outcome"],
                _label(necessity["outcome"]),
                necessity["sentence"],
            )
        )
    criteria_set = snapshot.get("criteria_set", {})
    return {
        "summary": snapshot.get("summary", ""),
        "adopted": bool(criteria_set.get("adopted")),
        "title": criteria_set.get("title", ""),
        "version": criteria_set.get("version"),
        "hard_criteria": snapshot.get("hard_criteria", ""),
        "hard_criteria_label": _label(snapshot.get("hard_criteria", "")),
        "rows": rows,
    }
