"""The funnel steps and the monitoring dimensions of the fairness monitor (docs/fairness.md).

A :class:`Tally` counts how many nominations of one group reached each step; a :class:`Measure`
says what one step counts and out of which base; a :class:`Dimension` lists the groups of one
dimension with their Dutch labels (every known value, also without nominations).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from regie.accounts.models import Municipality, OrganisationType
from regie.fairness.funnel import Nominated, configured_dimensions
from regie.monitor.kanon import DEFAULT_AGE_BANDS, age_band
from regie.persons.models import AMSTERDAM_DISTRICTS, Gender
from regie.reviews.models import OutflowReason


@dataclass
class Tally:
    """How many nominations of one group reached each step."""

    nominated: int = 0
    met: int = 0
    admitted: int = 0
    decided: int = 0
    override: int = 0
    outflow: Counter[str] = field(default_factory=Counter)

    def add(self, record: Nominated) -> None:
        self.nominated += 1
        self.met += record.hard_criteria == "met"
        self.admitted += record.admitted
        self.decided += record.decided
        self.override += record.override
        if record.outflow_reason:
            self.outflow[record.outflow_reason] += 1


@dataclass(frozen=True)
class Measure:
    """One funnel step: what is counted and, for a selection rate, out of which base.

    ``count_key`` and ``base_key`` name the same figure where it appears in several tables
    (the nominated of a group are the count of one step and the base of the next), so that a
    count hidden in one table is hidden in every table that shows it.
    """

    code: str
    label: str
    count: Callable[[Tally], int]
    base: Callable[[Tally], int] | None = None
    base_label: str = ""
    count_key: str = ""
    base_key: str = ""


def measures(reasons: Sequence[str] = ()) -> list[Measure]:
    """The funnel steps, with one outflow step per reason in ``reasons``."""
    steps = [
        Measure("voorgedragen", _("Voorgedragen"), lambda t: t.nominated, count_key="N"),
        Measure(
            "criteria_voldaan",
            _("Harde criteria voldaan"),
            lambda t: t.met,
            lambda t: t.nominated,
            _("voorgedragen"),
            base_key="N",
        ),
        Measure(
            "toegelaten",
            _("Toegelaten"),
            lambda t: t.admitted,
            lambda t: t.nominated,
            _("voorgedragen"),
            count_key="A",
            base_key="N",
        ),
        Measure(
            "afwijking",
            _("Besluit wijkt af van de harde criteria"),
            lambda t: t.override,
            lambda t: t.decided,
            _("besloten"),
            base_key="D",
        ),
    ]
    labels = dict(OutflowReason.choices)
    for reason in reasons:
        steps.append(
            Measure(
                f"uitstroom_{reason}",
                _("Uitstroom: %(r)s") % {"r": labels.get(reason, reason)},
                lambda t, r=reason: t.outflow[r],  # type: ignore[misc]
                lambda t: t.admitted,
                _("toegelaten"),
                base_key="A",
            )
        )
    return steps


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    known: tuple[tuple[str, str], ...]
    unknown_label: str


def _labelled(choices: Sequence[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices)


def dimensions() -> list[Dimension]:
    """The built-in dimensions and the ones the region configured, in page order."""
    built_in = [
        Dimension(
            "age_band",
            _("Leeftijd bij voordracht"),
            tuple((b, b) for b in (age_band(lower) for lower in DEFAULT_AGE_BANDS)),
            _("Onbekend"),
        ),
        Dimension("gender", _("Geslacht"), _labelled(Gender.choices), _("Onbekend")),
        Dimension(
            "municipality", _("Woongemeente"), _labelled(Municipality.choices), _("Onbekend")
        ),
        Dimension(
            "district",
            _("Stadsdeel (Amsterdam)"),
            tuple((d, d) for d in AMSTERDAM_DISTRICTS),
            _("Geen stadsdeel (buiten Amsterdam) of onbekend"),
        ),
        Dimension(
            "organisation_type",
            _("Soort voordragende organisatie"),
            _labelled(OrganisationType.choices),
            _("Onbekend"),
        ),
    ]
    configured = [
        Dimension(code, label, (), _("Niet vastgelegd"))
        for code, label in configured_dimensions().items()
    ]
    return built_in + configured
