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
    *, person: Person, target_group: str, on_date: date, zrm_scores: dict[str, int]
) -> dict[str, Any]:
    """Evaluate the criteria set in force for ``target_group`` against ``person`` at ``on_date``."""
    if apps.is_installed("regie.criteria"):
        from regie.criteria.engine import evaluate

        evaluation = evaluate(
            person=person, target_group=target_group, on_date=on_date, zrm_scores=zrm_scores
        )
        return evaluation.to_json()
    return _no_criteria_set()


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
