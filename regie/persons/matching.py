"""Matching identities: pure functions, no database.

A search narrows by date of birth in SQL (the exact date, or day and month swapped — the most
common typing error in dates) and then ranks the few persons born on those days by name with
rapidfuzz. Names are compared after normalisation: lower case, accents removed, the prefix
glued to the surname ("van der Berg" and "Vanderberg" are the same surname).
"""

from __future__ import annotations

import datetime
import unicodedata

from rapidfuzz import fuzz

# A candidate scores at least this (0–100) to be shown.
MATCH_THRESHOLD = 75


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    kept = "".join(ch if ch.isalnum() else " " for ch in plain)
    return " ".join(kept.split())


def surname_key(name_prefix: str, last_name: str) -> str:
    """The surname with its prefix, without spaces: 'de Vries' → 'devries'."""
    return normalise(f"{name_prefix} {last_name}").replace(" ", "")


def name_score(
    first_a: str, prefix_a: str, last_a: str, first_b: str, prefix_b: str, last_b: str
) -> int:
    """How alike two names are, 0–100. The surname weighs more than the first name; a name
    typed with first and last name swapped still scores through the token comparison."""
    surname = fuzz.ratio(surname_key(prefix_a, last_a), surname_key(prefix_b, last_b))
    first = fuzz.ratio(normalise(first_a), normalise(first_b))
    weighted = 0.6 * surname + 0.4 * first
    tokens = fuzz.token_sort_ratio(
        normalise(f"{first_a} {prefix_a} {last_a}"), normalise(f"{first_b} {prefix_b} {last_b}")
    )
    return round(max(weighted, tokens))


def birth_dates(date_of_birth: datetime.date) -> list[datetime.date]:
    """The date itself and, when it is a valid other date, the date with day and month swapped."""
    dates = [date_of_birth]
    try:
        swapped = date_of_birth.replace(month=date_of_birth.day, day=date_of_birth.month)
    except ValueError:
        return dates
    if swapped != date_of_birth:
        dates.append(swapped)
    return dates
