"""The fairness monitor's figures: per funnel step and dimension, suppressed (docs/fairness.md).

From the funnel records (``funnel.py``) this counts, per dimension and group, how many reached
each step, and computes the selection rate with its Wilson interval, the disparity ratio against
a reference group with its Katz interval and Fisher's exact p-value, the rate per 10,000
residents with its exact Poisson interval, and the flag (``regie.monitor.stats``). Every count is
suppressed with ``regie.monitor.suppression`` before anything else is derived from it: a
figure of a group whose count or base is hidden is not computed at all, so neither a rate nor a
ratio can give a hidden count away. Nothing here names a person; the records do not even reach
the output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.fairness.funnel import Nominated, funnel
from regie.fairness.models import ReferencePopulation
from regie.fairness.rates import rate_ratio
from regie.fairness.steps import Dimension, Measure, Tally, dimensions, measures
from regie.monitor.stats import (
    Disparity,
    Undefined,
    disparity_ratio,
    per_10000,
    proportion_ci,
)
from regie.monitor.suppression import Shown, Totals, suppress_counts, suppress_table
from regie.reviews.models import OutflowReason

HIDDEN = Shown(None, "x")

# The statistics are pure functions of counts and the same counts recur between page views
# (another step, another reference group): keep recent results.
_cached_per_10000 = lru_cache(maxsize=4096)(per_10000)
_disparity_ratio = lru_cache(maxsize=4096)(disparity_ratio)
_rate_ratio = lru_cache(maxsize=4096)(rate_ratio)


class ReportError(ValueError):
    """Bad input (an unknown year, step, dimension or reference group); the message is Dutch."""


def threshold() -> int:
    return int(getattr(settings, "REGIE_MONITOR_SUPPRESSION_THRESHOLD", 5))


# ---------------------------------------------------------------- published figures


@dataclass(frozen=True)
class Figure:
    """An estimate with its 95% interval, or ``None`` with the reason in ``text``."""

    value: float | None
    low: float | None = None
    high: float | None = None
    text: str = ""


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    reference: bool
    count: Shown
    base: Shown | None
    rate: Figure | None
    ratio: Figure
    p_value: float | None
    mid_p_value: float | None
    flag: bool
    residents: int | None
    per_10000: Figure
    note: str


@dataclass(frozen=True)
class Table:
    dimension: str
    dimension_label: str
    measure: str
    measure_label: str
    base_label: str
    reference: str
    reference_label: str
    rows: tuple[Row, ...]
    total_count: Shown
    total_base: Shown | None
    withheld: bool


@dataclass(frozen=True)
class Report:
    year: int
    threshold: int
    steps: tuple[tuple[str, str], ...]
    dimensions: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...]
    reference_sources: tuple[str, ...]


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def p_text(value: float | None) -> str:
    if value is None:
        return ""
    return "<0,001" if value < 0.001 else _number(value, 3)


def _percent(value: float) -> str:
    return _number(100 * value, 1)


SUPPRESSED = gettext_lazy(
    "Niet getoond: het aantal of de basis is onderdrukt (kleine aantallen, of verborgen zodat "
    "een klein aantal niet terug te rekenen is)."
)


# ---------------------------------------------------------------- building the report


@dataclass
class _Published:
    counts: list[Shown]
    bases: list[Shown] | None
    total_count: Shown
    total_base: Shown | None
    withheld: bool


def _publish(measure: Measure, tallies: list[Tally], limit: int) -> _Published:
    counts = [measure.count(t) for t in tallies]
    if measure.base is None:
        one_way = suppress_counts(counts, threshold=limit, total=True)
        total = one_way.total if one_way.total is not None else HIDDEN
        return _Published(list(one_way.cells), None, total, None, one_way.withheld)
    bases = [measure.base(t) for t in tallies]
    table = suppress_table(
        [[c, b - c] for c, b in zip(counts, bases, strict=True)],
        threshold=limit,
        totals=Totals(rows=True, columns=True, grand=True),
    )
    return _Published(
        [cells[0] for cells in table.cells],
        list(table.row_totals or ()),
        table.column_totals[0] if table.column_totals else HIDDEN,
        table.grand_total,
        table.withheld,
    )


def _link(measures_: list[Measure], published: dict[str, _Published]) -> None:
    """Hide a figure everywhere it appears once it is hidden in any table (see ``Measure``)."""
    hidden: set[tuple[str, int]] = set()

    def slots(measure: Measure, pub: _Published) -> list[tuple[str, list[Shown] | None]]:
        return [(measure.count_key, pub.counts), (measure.base_key, pub.bases)]

    for measure in measures_:
        pub = published[measure.code]
        for key, shown in slots(measure, pub):
            if key and shown is not None:
                hidden |= {(key, i) for i, s in enumerate(shown) if s.value is None}
            totals = pub.total_count if key == measure.count_key else pub.total_base
            if key and totals is not None and totals.value is None:
                hidden.add((key, -1))
    for measure in measures_:
        pub = published[measure.code]
        for key, shown in slots(measure, pub):
            if not key or shown is None:
                continue
            for i in range(len(shown)):
                if (key, i) in hidden:
                    shown[i] = shown[i] if shown[i].value is None else HIDDEN
        if (measure.count_key, -1) in hidden and measure.count_key:
            pub.total_count = HIDDEN if pub.total_count.value is not None else pub.total_count
        if measure.base_key and (measure.base_key, -1) in hidden and pub.total_base is not None:
            pub.total_base = HIDDEN if pub.total_base.value is not None else pub.total_base


def _figure_rate(
    estimate_rate: float | None, low: float | None, high: float | None, why: str
) -> Figure:
    if estimate_rate is None or low is None or high is None:
        return Figure(None, text=why)
    return Figure(
        estimate_rate,
        low,
        high,
        f"{_percent(estimate_rate)}% ({_percent(low)}–{_percent(high)}%)",
    )


def _figure_ratio(d: Disparity) -> Figure:
    if d.ratio is None or d.ci_low is None or d.ci_high is None:
        return Figure(None, text=str(d.undefined.label) if d.undefined else "")
    return Figure(
        d.ratio,
        d.ci_low,
        d.ci_high,
        f"{_number(d.ratio, 2)} ({_number(d.ci_low, 2)}–{_number(d.ci_high, 2)})",
    )


def _default_reference(groups: list[tuple[str, str]], sizes: list[int]) -> str:
    best = max(range(len(groups)), key=lambda i: (sizes[i], bool(groups[i][0]), -i))
    return groups[best][0]


def _groups(
    dimension: Dimension, records: list[Nominated], residents: dict[tuple[str, str], int]
) -> list[tuple[str, str]]:
    labels = dict(dimension.known)
    values = list(labels)
    extra = {value for (dim, value) in residents if dim == dimension.code} | {
        r.groups.get(dimension.code, "") for r in records
    }
    values += sorted(v for v in extra if v and v not in labels)
    if "" in extra or not values:
        values.append("")
    return [(v, labels.get(v, v) if v else dimension.unknown_label) for v in values]


def _table(
    dimension: Dimension,
    groups: list[tuple[str, str]],
    tallies: list[Tally],
    measure: Measure,
    pub: _Published,
    residents: dict[tuple[str, str], int],
    reference: str | None,
) -> Table:
    populations = [residents.get((dimension.code, value)) for value, _label in groups]
    if reference is None:
        if measure.base is not None:
            sizes = [measure.base(t) for t in tallies]
        elif any(p is not None for p in populations):
            sizes = [p or 0 for p in populations]
        else:
            sizes = [measure.count(t) for t in tallies]
        reference = _default_reference(groups, sizes)
    ref = next(i for i, (value, _label) in enumerate(groups) if value == reference)

    def hidden(i: int) -> bool:
        return pub.counts[i].value is None or (pub.bases is not None and pub.bases[i].value is None)

    rows = []
    for i, (value, label) in enumerate(groups):
        count, population = measure.count(tallies[i]), populations[i]
        base = measure.base(tallies[i]) if measure.base else None
        p_value = mid_p = None
        flag = False
        note = ""
        if hidden(i):
            empty = Figure(None, text="—")
            rate, ratio, per = (empty if measure.base else None), empty, empty
            note = str(SUPPRESSED)
        else:
            rate = None
            if base is not None:
                proportion = proportion_ci(count, base)
                rate = _figure_rate(
                    proportion.rate,
                    proportion.ci_low,
                    proportion.ci_high,
                    str(proportion.undefined.label) if proportion.undefined else "",
                )
            per = _per_10000(count, population)
            ratio, disparity = _ratio(i, ref, hidden, measure, tallies, populations)
            if disparity is not None:
                p_value, mid_p, flag = disparity.p_value, disparity.mid_p_value, disparity.flag
        rows.append(
            Row(
                value=value,
                label=label,
                reference=i == ref,
                count=pub.counts[i],
                base=pub.bases[i] if pub.bases is not None else None,
                rate=rate,
                ratio=ratio,
                p_value=p_value,
                mid_p_value=mid_p,
                flag=flag,
                residents=population,
                per_10000=per,
                note=note,
            )
        )
    return Table(
        dimension=dimension.code,
        dimension_label=str(dimension.label),
        measure=measure.code,
        measure_label=str(measure.label),
        base_label=str(measure.base_label),
        reference=reference,
        reference_label=groups[ref][1],
        rows=tuple(rows),
        total_count=pub.total_count,
        total_base=pub.total_base,
        withheld=pub.withheld,
    )


def _per_10000(count: int, population: int | None) -> Figure:
    if population is None:
        return Figure(None, text=_("Geen referentiebevolking voor deze groep."))
    if count > population:
        return Figure(
            None, text=_("Meer dan het aantal inwoners: controleer de referentiebevolking.")
        )
    rate = _cached_per_10000(count, population)
    if rate.rate is None or rate.ci_low is None or rate.ci_high is None:
        return Figure(None, text=str(rate.undefined.label) if rate.undefined else "")
    return Figure(
        rate.rate,
        rate.ci_low,
        rate.ci_high,
        f"{_number(rate.rate, 1)} ({_number(rate.ci_low, 1)}–{_number(rate.ci_high, 1)})",
    )


def _ratio(
    i: int,
    ref: int,
    hidden: Callable[[int], bool],
    measure: Measure,
    tallies: list[Tally],
    populations: list[int | None],
) -> tuple[Figure, Disparity | None]:
    if i == ref:
        return Figure(1.0, text=_("referentiegroep")), None
    if measure.base is not None and measure.base(tallies[i]) == 0:
        return Figure(None, text=str(Undefined.EMPTY_GROUP.label)), None
    if hidden(ref):
        return Figure(None, text=_("De referentiegroep is onderdrukt.")), None
    count, ref_count = measure.count(tallies[i]), measure.count(tallies[ref])
    if measure.base is not None:
        d = _disparity_ratio(count, measure.base(tallies[i]), ref_count, measure.base(tallies[ref]))
        return _figure_ratio(d), d
    population, ref_population = populations[i], populations[ref]
    if population is None or ref_population is None:
        return Figure(
            None, text=_("Geen referentiebevolking voor deze groep of de referentiegroep.")
        ), None
    if count > population or ref_count > ref_population:
        return Figure(
            None, text=_("Meer dan het aantal inwoners: controleer de referentiebevolking.")
        ), None
    d = _rate_ratio(count, population, ref_count, ref_population)
    return _figure_ratio(d), d


def build_report(
    year: int,
    *,
    steps: Sequence[str] | None = None,
    references: dict[str, str] | None = None,
    records: list[Nominated] | None = None,
) -> Report:
    """The report for nominations submitted in ``year``: every dimension, the given ``steps``
    (all when ``None``), with the reference group per dimension from ``references`` (default:
    the largest group). Raises :class:`ReportError` (Dutch message) for an unknown step,
    dimension or reference group."""
    if not 1900 <= year <= 2999:
        raise ReportError(_("Geef een jaartal tussen 1900 en 2999."))
    records = funnel(year) if records is None else records
    limit = threshold()
    reasons = [r for r in OutflowReason.values if any(x.outflow_reason == r for x in records)]
    all_measures = measures(reasons)
    codes = [m.code for m in all_measures]
    wanted = codes if steps is None else list(steps)
    unknown_steps = [s for s in wanted if s not in codes]
    if unknown_steps:
        raise ReportError(
            _("Onbekende stap '%(s)s'; kies uit: %(c)s.")
            % {"s": unknown_steps[0], "c": ", ".join(codes)}
        )
    dims = dimensions()
    references = dict(references or {})
    unknown_dims = [d for d in references if d not in {x.code for x in dims}]
    if unknown_dims:
        raise ReportError(_("Onbekende dimensie '%(d)s'.") % {"d": unknown_dims[0]})
    residents: dict[tuple[str, str], int] = {}
    sources: set[str] = set()
    for dim, value, count, source in ReferencePopulation.objects.filter(year=year).values_list(
        "dimension", "value", "residents", "source"
    ):
        residents[(dim, value)] = count
        sources.add(source)
    tables: list[Table] = []
    for dimension in dims:
        groups = _groups(dimension, records, residents)
        reference = references.get(dimension.code)
        if reference is not None and reference not in {v for v, _label in groups}:
            raise ReportError(
                _("Onbekende referentiegroep '%(g)s' voor %(d)s.")
                % {"g": reference, "d": dimension.label}
            )
        index = {value: i for i, (value, _label) in enumerate(groups)}
        tallies = [Tally() for _group in groups]
        for record in records:
            tallies[index[record.groups.get(dimension.code, "")]].add(record)
        published = {m.code: _publish(m, tallies, limit) for m in all_measures}
        _link(all_measures, published)
        for measure in all_measures:
            if measure.code in wanted:
                tables.append(
                    _table(
                        dimension,
                        groups,
                        tallies,
                        measure,
                        published[measure.code],
                        residents,
                        reference,
                    )
                )
    return Report(
        year=year,
        threshold=limit,
        steps=tuple((m.code, str(m.label)) for m in all_measures),
        dimensions=tuple((d.code, str(d.label)) for d in dims),
        tables=tuple(tables),
        reference_sources=tuple(sorted(sources)),
    )
