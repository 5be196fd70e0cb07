"""Who may see the fairness monitor, and the years it can show."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models.functions import ExtractYear
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
    """The years with at least one submitted nomination, newest first (this year always)."""
    years = set(
        CaseEvent.objects.filter(type=EventType.NOMINATION_SUBMITTED)
        .annotate(year=ExtractYear("occurred_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)
