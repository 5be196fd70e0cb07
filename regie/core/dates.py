"""Days and moments: where a calendar day (Europe/Amsterdam) starts as an aware datetime."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The first moment of ``day`` in local time, for comparing datetimes with a day."""
    return timezone.make_aware(datetime.combine(day, time.min))
