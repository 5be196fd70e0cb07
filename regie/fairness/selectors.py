"""Who may see the fairness monitor, and the years it can show."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from regie.access.rules import Action, rules_for
from regie.accounts.models import User
from regie.events.models import CaseEvent, EventType


def fairness_allowed(user: User | AnonymousUser, action: Action) -> bool:
    """Whether ``user`` holds a role that the access table grants ``action`` on the monitor."""
    if not user.is_authenticated or not user.is_active:
        return False
    assert isinstance(user, User)
    return bool(rules_for("fairness_monitor", user.role_codes, action))


def nomination_years() -> list[int]:
    """From the year of the first submitted nomination to this year, newest first."""
    this_year = timezone.localdate().year
    first = (
        CaseEvent.objects.filter(type=EventType.NOMINATION_SUBMITTED)
        .order_by("occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    start = timezone.localtime(first).year if first else this_year
    return list(range(this_year, min(start, this_year) - 1, -1))
