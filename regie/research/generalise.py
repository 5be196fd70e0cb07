"""Generalisation levels for the quasi-identifiers and the choice between them (docs/research.md).

Three attributes can be coarsened, each on a short ladder, the same for every row of an export
(global recoding, so that one column means one thing):

- the period (every calendar column): month ``2026-03`` → quarter ``2026-K1`` → year ``2026``;
- the municipality: the six municipalities → Amsterdam / rest of the region / outside it → left out;
- the age band: 12–17, 18–22, 23–29, 30–39, 40+ → 12–17, 18–22, 23+ → left out;
- the nominating organisation: its type (politie, om, …) → its sector (politie_justitie,
  zorg_jeugd, gemeente, overig) → left out.

A left-out attribute reads ``*`` in every row. The period is never left out (it carries the
timeline), nor are group, gender and target group (the study's main breakdowns).

``choose`` walks the 81 combinations of levels from the least coarsened up and takes the first
whose suppression stays within the allowed share (fewest suppressed among equals); if none does,
the one that suppresses least.
k counts distinct persons, not rows: one person with two nominations in one class counts once.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from regie.accounts.models import Municipality, OrganisationType
from regie.monitor.kanon import DEFAULT_AGE_BANDS, age_band, k_anonymize, month_of

PERIOD_LEVELS = ("maand", "kwartaal", "jaar")
MUNICIPALITY_LEVELS = ("gemeente", "regio", "weggelaten")
AGE_LEVELS = ("standaard", "grof", "weggelaten")
ORGANISATION_LEVELS = ("soort", "sector", "weggelaten")

#: The value of an attribute at level "weggelaten": left out to protect the rows.
OMITTED = "*"

#: Organisation types by sector, for organisation level "sector".
SECTORS: dict[str, str] = {
    OrganisationType.POLITIE: "politie_justitie",
    OrganisationType.OM: "politie_justitie",
    OrganisationType.PI: "politie_justitie",
    OrganisationType.RECLASSERING: "politie_justitie",
    OrganisationType.FORENSISCHE_ZORG: "zorg_jeugd",
    OrganisationType.JEUGDBESCHERMING: "zorg_jeugd",
    OrganisationType.GEMEENTE: "gemeente",
    OrganisationType.STADSDEEL: "gemeente",
    OrganisationType.ACVZ: "overig",
    OrganisationType.OVERIG: "overig",
}

AGE_BANDS: dict[str, tuple[int, ...]] = {"standaard": DEFAULT_AGE_BANDS, "grof": (12, 18, 23)}

#: The region split used at municipality level "regio".
REST_OF_REGION = "overige_regio"

#: Default largest share of rows that may be suppressed before a coarser level is preferred.
DEFAULT_MAX_SUPPRESSED = 0.05


@dataclass(frozen=True)
class Levels:
    period: str = "maand"
    municipality: str = "gemeente"
    age: str = "standaard"
    organisation: str = "soort"

    @property
    def height(self) -> int:
        """How far from the finest level this is (0 = nothing coarsened)."""
        return (
            PERIOD_LEVELS.index(self.period)
            + MUNICIPALITY_LEVELS.index(self.municipality)
            + AGE_LEVELS.index(self.age)
            + ORGANISATION_LEVELS.index(self.organisation)
        )

    def as_dict(self) -> dict[str, str]:
        return {
            "periode": self.period,
            "gemeente": self.municipality,
            "leeftijd": self.age,
            "organisatie": self.organisation,
        }

    def when(self, day: date | None) -> str:
        """A date as the export's period: month, quarter or year; ``""`` for no date."""
        return "" if day is None else _period(self.period, day)

    def place(self, municipality: str) -> str:
        if self.municipality == "gemeente":
            return municipality
        if self.municipality == "weggelaten":
            return OMITTED
        if municipality in (Municipality.AMSTERDAM, Municipality.BUITEN_REGIO):
            return municipality
        return REST_OF_REGION

    def organisation_kind(self, organisation_type: str) -> str:
        if self.organisation == "soort":
            return organisation_type
        if self.organisation == "weggelaten":
            return OMITTED
        return SECTORS.get(organisation_type, "overig")

    def age_band(self, age: int) -> str:
        return _band(self.age, age)


# The choice below tries up to 81 levels on every row; the same few hundred dates and ages come
# back each time, so their texts are computed once.
@functools.cache
def _period(level: str, day: date) -> str:
    if level == "maand":
        return month_of(day)
    if level == "kwartaal":
        return f"{day.year:04d}-K{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


@functools.cache
def _band(level: str, age: int) -> str:
    return OMITTED if level == "weggelaten" else age_band(age, AGE_BANDS[level])


ALL_LEVELS = tuple(
    Levels(period, municipality, age, organisation)
    for period, municipality, age, organisation in itertools.product(
        PERIOD_LEVELS, MUNICIPALITY_LEVELS, AGE_LEVELS, ORGANISATION_LEVELS
    )
)


@dataclass(frozen=True)
class Choice:
    levels: Levels
    kept_combinations: frozenset[tuple[Any, ...]]
    suppressed: int
    total: int


def evaluate(
    subjects: Sequence[tuple[int, tuple[Any, ...]]],
    quasi_identifiers: Sequence[str],
    k: int,
) -> tuple[frozenset[tuple[Any, ...]], int]:
    """The combinations shared by at least ``k`` distinct persons, and how many rows fall outside.

    ``subjects`` are (person id, quasi-identifier values in ``quasi_identifiers`` order) per row.
    Uses ``kanon.k_anonymize`` on one row per person and combination, so that k counts persons.
    """
    per_person = [
        dict(zip(quasi_identifiers, combo, strict=True)) for _person, combo in set(subjects)
    ]
    result = k_anonymize(per_person, quasi_identifiers, k)
    kept = frozenset(tuple(row[q] for q in quasi_identifiers) for row in result.kept)
    suppressed = sum(1 for _person, combo in subjects if combo not in kept)
    return kept, suppressed


def choose(
    quasi: Callable[[Levels], Sequence[tuple[int, tuple[Any, ...]]]],
    quasi_identifiers: Sequence[str],
    *,
    k: int,
    max_suppressed: float = DEFAULT_MAX_SUPPRESSED,
) -> Choice:
    """The least coarsened levels whose suppression is at most ``max_suppressed`` of the rows.

    ``quasi(levels)`` gives the rows' (person, quasi-identifiers) at those levels. Ties go to the
    fewer suppressed rows, then to keeping the period finest (the researchers' main axis).
    When no level stays within the share, the one that suppresses least wins.
    """

    def finest(choice: Choice) -> tuple[int, int, int]:
        return (choice.levels.height, choice.suppressed, PERIOD_LEVELS.index(choice.levels.period))

    choices: list[Choice] = []
    for height in sorted({levels.height for levels in ALL_LEVELS}):
        for levels in (lv for lv in ALL_LEVELS if lv.height == height):
            subjects = quasi(levels)
            kept, suppressed = evaluate(subjects, quasi_identifiers, k)
            choices.append(Choice(levels, kept, suppressed, len(subjects)))
        within = [c for c in choices if c.suppressed <= max_suppressed * c.total]
        if within:
            return min(within, key=finest)
    return min(choices, key=lambda c: (c.suppressed, *finest(c)))
