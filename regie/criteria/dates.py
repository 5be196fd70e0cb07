"""Date arithmetic for the criteria, with the conventions written down (docs/criteria.md)."""

from __future__ import annotations

import calendar
from datetime import date


def dmy(value: date) -> str:
    """dd-mm-jjjj, the Dutch way of writing a date."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier; 29 February becomes 28 February."""
    year = day.year - years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31-01 + 1 → 28/29-02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(born: date, on: date) -> int:
    """Completed years. Someone born on 29 February turns a year older on 1 March in a
    non-leap year (and on 29 February in a leap year)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
