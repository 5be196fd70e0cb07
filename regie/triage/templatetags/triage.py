from __future__ import annotations

from django import template

from regie.triage.models import CriteriaOutcome

register = template.Library()


@register.filter
def criteria_outcome(value: str) -> str:
    """ "met" / "not_met" / "unknown" as the Dutch label; anything else counts as unknown."""
    outcome = CriteriaOutcome(value) if value in CriteriaOutcome.values else CriteriaOutcome.UNKNOWN
    return str(outcome.label)


@register.filter
def outcome_class(value: str) -> str:
    return {"met": "regie-badge-ok", "not_met": "regie-badge-bad"}.get(
        value, "regie-triage-unknown"
    )
