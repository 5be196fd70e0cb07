"""The yearly monitor as it may be published: suppressed tables, charts, year-over-year.

``build_monitor(scope)`` computes the counts (``regie.monitor.yearly``) and turns each figure into
exactly one table with Dutch labels, suppressed with ``regie.monitor.suppression`` at the
threshold ``REGIE_MONITOR_SUPPRESSION_THRESHOLD``. Each count is published in one table only
(the headline figures and charts show cells *of* those tables, never a count of their own), so a
hidden count cannot be worked out by setting two tables side by side. The year-over-year table
shows, for every earlier year, the total as that year's own table publishes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from regie.accounts.models import Municipality, OrganisationType
from regie.cases.models import CaseOrigin, GoalStatus, ShortageType
from regie.core.domain import LifeDomain, TargetGroup
from regie.monitor import svg
from regie.monitor.suppression import Shown, SuppressedTable, Totals, suppress_table
from regie.monitor.yearly import (
    TRANSITIONS,
    UNKNOWN,
    History,
    Scope,
    YearlyCounts,
    inflow_between,
    load_history,
    median,
    outflow_between,
    population_at,
    same_day,
    yearly_counts,
)
from regie.reviews.models import OutflowReason

ALL = Totals(rows=True, columns=True, grand=True)
ROW_TOTALS = Totals(rows=True, columns=False, grand=False)

DECLINE_LABELS = {
    "harde_criteria": "Harde criteria niet voldaan",
    "necessity": "Geen noodzaak",
    "added_value": "Geen toegevoegde waarde",
    "proportionality": "Niet proportioneel",
    "subsidiarity": "Lichtere aanpak volstaat (subsidiariteit)",
    "anders": "Andere reden",
}
ZRM_LABELS = {"beter": "Verbeterd", "gelijk": "Gelijk", "slechter": "Verslechterd"}
REVIEW_LABELS = {"op_tijd": "Op tijd", "te_laat": "Te laat"}
FOLLOW_UP_LABELS = {"in_beeld": "Nog in beeld", "niet_in_beeld": "Niet meer in beeld"}


def threshold() -> int:
    return int(getattr(settings, "REGIE_MONITOR_SUPPRESSION_THRESHOLD", 5))


@dataclass(frozen=True)
class PublishedTable:
    """One figure as a suppressed table: row and column keys (codes, for CSV/JSON) and labels."""

    key: str
    title: str
    row_header: str
    row_keys: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_keys: tuple[str, ...]
    column_labels: tuple[str, ...]
    table: SuppressedTable
    counts: tuple[tuple[int, ...], ...]  # the exact counts: for tests, never rendered

    @property
    def body(self) -> list[tuple[str, tuple[Shown, ...], Shown | None]]:
        totals = self.table.row_totals
        return [
            (label, cells, totals[i] if totals else None)
            for i, (label, cells) in enumerate(zip(self.row_labels, self.table.cells, strict=True))
        ]

    @property
    def total(self) -> Shown | None:
        if self.table.grand_total is not None:
            return self.table.grand_total
        if self.table.row_totals is not None and len(self.table.row_totals) == 1:
            return self.table.row_totals[0]
        return None

    def bars(self) -> list[svg.Bar]:
        """One bar per row: the row's total as published."""
        totals = self.table.row_totals or ()
        return [
            svg.Bar(label, shown.value, shown.text)
            for label, shown in zip(self.row_labels, totals, strict=True)
        ]


def _table(
    key: str,
    title: str,
    row_header: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    counts: Counter[tuple[str, str]],
    totals: Totals = ALL,
) -> PublishedTable:
    values = tuple(tuple(counts.get((r, c), 0) for c, _l in columns) for r, _l in rows)
    return PublishedTable(
        key=key,
        title=title,
        row_header=row_header,
        row_keys=tuple(r for r, _l in rows),
        row_labels=tuple(label for _r, label in rows),
        column_keys=tuple(c for c, _l in columns),
        column_labels=tuple(label for _c, label in columns),
        table=suppress_table([list(row) for row in values], threshold=threshold(), totals=totals),
        counts=values,
    )


def _labels(choices: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices]


def _groups(scope: Scope) -> list[tuple[str, str]]:
    short = {
        TargetGroup.YOUTH: "Jeugd",
        TargetGroup.DOORGROEIERS: "Doorgroeiers",
        TargetGroup.ADULT_VIOLENCE: "Volwassenen",
    }
    return [
        (str(value), short[value])
        for value in TargetGroup
        if not scope.target_group or value == scope.target_group
    ]


def _municipalities(scope: Scope, counts: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    rows = [
        (value, str(label))
        for value, label in Municipality.choices
        if not scope.municipality or value == scope.municipality
    ]
    if any(m == UNKNOWN for m, _tg in counts):
        rows.append((UNKNOWN, "Onbekend"))
    return rows


def _inflow_rows() -> list[tuple[str, str]]:
    new = [
        (value, f"Nieuw, voorgedragen door {label}")
        for value, label in _labels(OrganisationType.choices)
    ]
    origins = dict(_labels(CaseOrigin.choices))
    return [*new, *((origin, origins[origin]) for origin in TRANSITIONS)]


def _single(key: str, title: str, label: str, scope: Scope, counts: Counter[str]) -> PublishedTable:
    """A count per target group: one row with its total."""
    return _table(
        key,
        title,
        "",
        [("aantal", label)],
        _groups(scope),
        Counter({("aantal", tg): n for tg, n in counts.items()}),
        ROW_TOTALS,
    )


@dataclass(frozen=True)
class Statistic:
    """A figure that is not a count (a median): shown only when enough cases stand behind it."""

    label: str
    text: str


def _median_text(values: list[int]) -> str:
    if len(values) < threshold():
        return f"niet getoond (minder dan {threshold()} waarnemingen)"
    value = median(values)
    return f"{svg.format_number(value)} dagen" if value is not None else "—"


@dataclass(frozen=True)
class YearOverYear:
    years: tuple[int, ...]
    peildata: tuple[date, ...]
    rows: tuple[tuple[str, tuple[Shown, ...]], ...]

    def chart(self) -> str:
        series = [
            svg.Series(label, [s.value for s in shown], [s.text for s in shown])
            for label, shown in self.rows
        ]
        return svg.line_chart(
            [str(year) for year in self.years],
            series,
            title="Jaar op jaar",
            description="In de aanpak op de peildatum, instroom en uitstroom per jaar tot de peildatum.",
        )


@dataclass(frozen=True)
class Monitor:
    scope: Scope
    tables: tuple[PublishedTable, ...]
    statistics: tuple[Statistic, ...]
    year_over_year: YearOverYear
    threshold: int

    def table(self, key: str) -> PublishedTable:
        return next(t for t in self.tables if t.key == key)

    def charts(self) -> list[str]:
        population = self.table("populatie")
        charts = [
            svg.bar_chart(
                population.bars(),
                title="In de aanpak op de peildatum, per woongemeente",
                description="Aantal personen in de aanpak op de peildatum naar woongemeente.",
            ),
            svg.bar_chart(
                self.table("uitstroom").bars(),
                title="Uitstroom naar reden",
                description="Aantal casussen uitgestroomd in de periode naar reden.",
            ),
            svg.bar_chart(
                self.table("schaarste").bars(),
                title="Scenario's geblokkeerd door schaarste",
                description="Aantal scenario's geblokkeerd in de periode naar soort tekort.",
            ),
            self.year_over_year.chart(),
        ]
        return charts


def _core_tables(
    scope: Scope, history: History
) -> tuple[PublishedTable, PublishedTable, PublishedTable]:
    groups = _groups(scope)
    population = population_at(history, scope.peildatum)
    inflow = inflow_between(history, scope.start, scope.end)
    outflow = outflow_between(history, scope.start, scope.end)
    return (
        _table(
            "populatie",
            "In de aanpak op de peildatum",
            "Woongemeente",
            _municipalities(scope, population),
            groups,
            population,
        ),
        _table("instroom", "Instroom", "Herkomst", _inflow_rows(), groups, inflow),
        _table(
            "uitstroom",
            "Uitstroom naar reden",
            "Reden",
            _labels(OutflowReason.choices),
            groups,
            outflow,
        ),
    )


def _year_over_year(scope: Scope, history: History, years: int = 5) -> YearOverYear:
    """The last ``years`` years at the same day-of-year peildatum, each total as its own year's
    table publishes it (a total hidden there is hidden here too)."""
    chosen = [y for y in range(scope.year - years + 1, scope.year + 1) if y >= 2000]
    columns: list[list[Shown]] = []
    peildata = []
    for year in chosen:
        earlier = Scope(
            year, same_day(year, scope.peildatum), scope.municipality, scope.target_group
        )
        peildata.append(earlier.peildatum)
        population, inflow, outflow = _core_tables(earlier, history)
        columns.append([t.total or Shown(None, "x") for t in (population, inflow, outflow)])
    labels = (
        "In de aanpak op de peildatum",
        "Instroom tot de peildatum",
        "Uitstroom tot de peildatum",
    )
    rows = tuple((label, tuple(column[i] for column in columns)) for i, label in enumerate(labels))
    return YearOverYear(tuple(chosen), tuple(peildata), rows)


def build_monitor(scope: Scope) -> Monitor:
    """The published yearly monitor for ``scope`` (a fixed number of queries)."""
    history = load_history(scope)
    counts: YearlyCounts = yearly_counts(scope, history)
    groups = _groups(scope)
    population, inflow, outflow = _core_tables(scope, history)
    domains = _labels(LifeDomain.choices)
    tables = (
        population,
        inflow,
        _table(
            "afgewezen",
            "Afgewezen voordrachten naar reden",
            "Reden",
            list(DECLINE_LABELS.items()),
            groups,
            counts.declined,
        ),
        outflow,
        _table(
            "toetsen",
            "Toetsen gehouden",
            "Toets",
            list(REVIEW_LABELS.items()),
            groups,
            counts.reviews,
        ),
        _table(
            "zrm",
            "ZRM-verandering per leefgebied (toelating → laatste toets)",
            "Leefgebied",
            domains,
            list(ZRM_LABELS.items()),
            counts.zrm,
            ROW_TOTALS,
        ),
        _table(
            "doelen",
            "Doelen afgesloten",
            "Uitkomst",
            [(v, label) for v, label in _labels(GoalStatus.choices) if v != GoalStatus.OPEN],
            groups,
            counts.goals,
        ),
        _table(
            "schaarste",
            "Scenario's geblokkeerd door schaarste",
            "Soort tekort",
            _labels(ShortageType.choices),
            domains,
            counts.blocked,
        ),
        _table(
            "alternatief",
            "Alternatief scenario geactiveerd na een tekort",
            "Soort tekort",
            _labels(ShortageType.choices),
            groups,
            counts.activated,
        ),
        _single(
            "overdrachten",
            "Overdrachten bevestigd",
            "Bevestigd door de ontvanger",
            scope,
            counts.handovers,
        ),
        _table(
            "nacontrole",
            "Nacontrole 'nog in beeld?'",
            "Uitkomst",
            list(FOLLOW_UP_LABELS.items()),
            groups,
            counts.follow_up,
        ),
        _single(
            "herinstroom",
            "Herinstroom binnen 12 maanden na uitstroom",
            "Herinstroom",
            scope,
            counts.reentries,
        ),
        _table(
            "verzoeken",
            "Verzoeken van betrokkenen afgehandeld",
            "",
            [("aantal", "Afgehandeld")],
            list(REVIEW_LABELS.items()),
            Counter({("aantal", k): n for k, n in counts.requests.items()}),
            ROW_TOTALS,
        ),
    )
    statistics = (
        *(
            Statistic(
                f"Mediane duur toelating → uitstroom, {label}",
                _median_text(counts.durations.get(tg, [])),
            )
            for tg, label in groups
        ),
        Statistic("Mediane verwachte wachttijd bij een tekort", _median_text(counts.waiting_days)),
    )
    return Monitor(
        scope=scope,
        tables=tables,
        statistics=statistics,
        year_over_year=_year_over_year(scope, history),
        threshold=threshold(),
    )
