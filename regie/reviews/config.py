"""The configurable terms of reviews, follow-up, handover and transition (``regie.settings``;
README "Configuration"). Read at call time, so tests and deployments can change them."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from regie.criteria.dates import months_after

DEFAULT_CADENCE_MONTHS = {"jeugd": 3, "volwassenen": 6, "doorgroeiers": 6}


def cadence_months(target_group: str) -> int:
    """Months between two reviews for ``target_group`` (REGIE_REVIEW_CADENCE_MONTHS)."""
    cadence = getattr(settings, "REGIE_REVIEW_CADENCE_MONTHS", DEFAULT_CADENCE_MONTHS)
    return int(cadence.get(target_group, DEFAULT_CADENCE_MONTHS.get(target_group, 6)))


def next_review_due(target_group: str, after: date) -> date:
    """The latest date of the next review when one was held on ``after``."""
    return months_after(after, cadence_months(target_group))


def follow_up_due(outflow_date: date) -> date:
    """When "nog in beeld?" is due (REGIE_FOLLOW_UP_MONTHS after the outflow)."""
    return months_after(outflow_date, getattr(settings, "REGIE_FOLLOW_UP_MONTHS", 6))


def handover_chase_before(today: date) -> date:
    """Handovers that took place on or before this date and are still unconfirmed are chased
    (REGIE_HANDOVER_CONFIRM_DAYS)."""
    return today - timedelta(days=getattr(settings, "REGIE_HANDOVER_CONFIRM_DAYS", 14))


def transition_review_due() -> date:
    """The date by which every transition review is held (REGIE_TRANSITION_REVIEW_DUE)."""
    due = getattr(settings, "REGIE_TRANSITION_REVIEW_DUE", date(2026, 12, 31))
    return due if isinstance(due, date) else date.fromisoformat(str(due))
