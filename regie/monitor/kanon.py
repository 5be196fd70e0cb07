"""Pseudonymisation, generalisation and k-anonymity for the research export (DESIGN.md §9).

The export carries no name, BSN, exact date or free text: a person appears as a keyed pseudonym,
an age as a band, a date as a month, and every combination of quasi-identifiers it publishes is
shared by at least ``k`` rows. See docs/statistics.md.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

DEFAULT_K = 5

#: Lower bounds of the default age bands: 12–17 (minors; 12 is the age of criminal
#: responsibility), 18–22 (young adults, up to the youth target group's 23), 23–29, 30–39, 40+.
DEFAULT_AGE_BANDS = (12, 18, 23, 30, 40)

#: Hex characters kept of the HMAC-SHA256: 16 (64 bits). For 50,000 persons in one project the
#: chance that two share a pseudonym is about 7·10⁻¹¹.
PSEUDONYM_LENGTH = 16

#: A project key shorter than this is refused: HMAC's strength is the key's.
MIN_KEY_BYTES = 32

Row = Mapping[str, Any]


@dataclass(frozen=True)
class KAnonymity:
    """Rows split into those that may be exported and those whose quasi-identifier combination
    occurs fewer than ``k`` times."""

    k: int
    quasi_identifiers: tuple[str, ...]
    kept: tuple[Row, ...]
    suppressed: tuple[Row, ...]

    @property
    def suppressed_count(self) -> int:
        return len(self.suppressed)


def k_anonymize(
    rows: Sequence[Row], quasi_identifiers: Sequence[str], k: int = DEFAULT_K
) -> KAnonymity:
    """Split ``rows`` by whether their quasi-identifier combination occurs at least ``k`` times.

    Whole equivalence classes are kept or suppressed, so every combination among the kept rows
    still occurs at least ``k`` times. Order is preserved. Raises ``KeyError`` for a row without
    one of the quasi-identifiers and ``ValueError`` for ``k < 1`` or no quasi-identifiers.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    if not quasi_identifiers:
        raise ValueError("k-anonymity needs at least one quasi-identifier")
    columns = tuple(quasi_identifiers)

    def combination(row: Row) -> tuple[Any, ...]:
        missing = [column for column in columns if column not in row]
        if missing:
            raise KeyError(f"row lacks quasi-identifier(s) {', '.join(missing)}")
        return tuple(row[column] for column in columns)

    combinations = [combination(row) for row in rows]
    sizes = Counter(combinations)
    kept = tuple(row for row, key in zip(rows, combinations, strict=True) if sizes[key] >= k)
    suppressed = tuple(row for row, key in zip(rows, combinations, strict=True) if sizes[key] < k)
    return KAnonymity(k=k, quasi_identifiers=columns, kept=kept, suppressed=suppressed)


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on a date (a birthday on 29 February counts from 1 March)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


def age_band(age: int, bands: Sequence[int] = DEFAULT_AGE_BANDS) -> str:
    """The band an age falls in, e.g. ``"18–22"`` or ``"40+"``; below the first band ``"<12"``.

    ``bands`` are the ascending lower bounds; each band runs to the next bound minus one.
    """
    if not bands or list(bands) != sorted(set(bands)):
        raise ValueError(f"age bands need ascending, distinct lower bounds, not {bands!r}")
    if age < bands[0]:
        return f"<{bands[0]}"
    for lower, upper in itertools.pairwise(bands):
        if lower <= age < upper:
            return f"{lower}–{upper - 1}"
    return f"{bands[-1]}+"


def month_of(day: date) -> str:
    """A date generalised to its month, ``"2026-03"``."""
    return f"{day.year:04d}-{day.month:02d}"


def project_key() -> bytes:
    """A fresh random key for one research project (32 bytes)."""
    return secrets.token_bytes(MIN_KEY_BYTES)


def keyed_pseudonym(key: bytes, person_id: int, project: str) -> str:
    """A stable pseudonym for a person within one research project.

    HMAC-SHA256 under the project's key over ``project``, a unit separator and the person id,
    as :data:`PSEUDONYM_LENGTH` hex characters. The same person gets the same pseudonym in every
    export of the project, a different one in another project, and without the key nobody can
    link a pseudonym to a person id — so the key is kept by Regie and never written into an export.
    """
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a project key needs at least {MIN_KEY_BYTES} bytes")
    if "\x1f" in project:
        raise ValueError("a project name cannot contain the unit separator")
    message = f"{project}\x1f{int(person_id)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:PSEUDONYM_LENGTH]
