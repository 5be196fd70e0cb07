"""The one place where triage asks the criteria engine for an evaluation.

Triage depends only on the contract of ``evaluate_for_triage``: a JSON-serialisable snapshot

- ``criteria_set_id`` (int or None), ``criteria_set_version`` (str), ``criteria_set_status`` (str);
- ``hard_criteria``: ``"met"``, ``"not_met"`` or ``"unknown"`` (unknown is never "not met");
- ``exclusions``: a list of exclusion rules that apply (same shape as ``rules``);
- ``necessity``: ``"met"``, ``"not_met"`` or ``"unknown"``;
- ``rules``: a list of ``{"id", "label", "outcome", "sentence", "facts"}``.

That snapshot is frozen with the decision, so whatever the engine answers later, the decision
keeps the reasons it was taken on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from regie.persons.models import Person


def evaluate_for_triage(
    *,
    person: Person,
    target_group: str,
    on_date: date,
    zrm_scores: dict[str, int],
    partner_domains: list[str] | None = None,
) -> dict[str, Any]:
    """Evaluate the criteria set in force for ``target_group`` against ``person`` at ``on_date``
    (the latest concept set when none is adopted yet; the snapshot says which), with the
    partner domains the triagist recorded (``None``: not recorded, the necessity rule is
    unknown)."""
    if not apps.is_installed("regie.criteria"):
        return _no_criteria_set()
    from regie.criteria.evaluation import evaluate
    from regie.criteria.selectors import criteria_set_for_evaluation
    from regie.criteria.snapshot import evaluation_to_json

    criteria_set = criteria_set_for_evaluation(target_group, on_date)
    if criteria_set is None:
        return _no_criteria_set()
    full = evaluation_to_json(
        evaluate(criteria_set, person, on_date, zrm_scores or None, partner_domains=partner_domains)
    )
    rules = [*full["hard_rules"], *full["exclusion_rules"], full["necessity_rule"]]
    return {
        "criteria_set_id": criteria_set.pk,
        "criteria_set_version": str(criteria_set.version),
        "criteria_set_status": criteria_set.status,
        "criteria_set_title": criteria_set.title,
        "criteria_set_note": criteria_set.note,
        "hard_criteria": full["hard_criteria"],
        "exclusions": [r for r in full["exclusion_rules"] if r["outcome"] == "met"],
        "necessity": full["necessity"],
        "rules": [_flat(rule) for rule in rules],
        "evaluation": full,
    }


def _flat(rule: dict[str, Any]) -> dict[str, Any]:
    return {k: rule[k] for k in ("id", "label", "outcome", "sentence", "facts")}


def _no_criteria_set() -> dict[str, Any]:
    """Fallback while no criteria engine is installed: everything is unknown, and says so."""
    sentence = _(
        "Geen criteriaset beschikbaar: de harde criteria zijn niet getoetst. "
        "Beoordeel de voordracht op de feiten en de beoordeling."
    )
    return {
        "criteria_set_id": None,
        "criteria_set_version": "",
        "criteria_set_status": "",
        "hard_criteria": "unknown",
        "exclusions": [],
        "necessity": "unknown",
        "rules": [
            {
                "id": "geen_criteriaset",
                "label": _("Criteriaset"),
                "outcome": "unknown",
                "sentence": sentence,
                "facts": [],
            }
        ],
    }
