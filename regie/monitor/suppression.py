"""Small-cell suppression for every public or oversight table (DESIGN.md §9, docs/statistics.md).

Primary suppression hides every count from 1 to ``threshold − 1`` (totals included) and shows it
as ``<5``. Zero is shown: it is the common practice of statistical offices, a zero count names
nobody, and hiding zeros would make most sparse tables unreadable. Secondary suppression then
hides further cells, shown as ``x``, until no hidden small count can be worked out from the
published cells and totals (see :mod:`regie.monitor.disclosure` for the exact check). A complement
is chosen among the shown counts ≥ ``threshold`` in the same row or column first, inner cells before
totals, smallest first, preferring one that protects the exposed cell on its own. Zeros are never
used as complements: a hidden zero protects nothing.

When even hiding every count leaves a small cell exposed, the whole table is withheld (every cell,
zeros too, shown as ``x``): four counts of 1 with their total of 4 read "<5" five times, and
four counts of 1 to 4 adding up to at most 4 can only be 1 + 1 + 1 + 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from regie.monitor.disclosure import (
    Position,
    Reader,
    Totals,
    check_table,
    extended,
    is_margin,
    published_positions,
    recoverable_cells,
)

DEFAULT_THRESHOLD = 5

#: How a count hidden only to protect another one is shown (CBS: "x = geheim").
SECONDARY_TEXT = "x"

__all__ = [
    "DEFAULT_THRESHOLD",
    "SECONDARY_TEXT",
    "Position",
    "Shown",
    "SuppressedCounts",
    "SuppressedTable",
    "Totals",
    "is_recoverable",
    "suppress_counts",
    "suppress_table",
]


@dataclass(frozen=True)
class Shown:
    """One published cell: its count, or ``None`` when hidden, and the text to display."""

    value: int | None
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table as it may be published. Positions are in the extended table: row
    ``len(cells)`` holds the column totals, column ``len(cells[0])`` the row totals."""

    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...] | None
    column_totals: tuple[Shown, ...] | None
    grand_total: Shown | None
    threshold: int
    totals: Totals
    primary: frozenset[Position]
    secondary: frozenset[Position]
    withheld: bool

    @property
    def suppressed(self) -> frozenset[Position]:
        return self.primary | self.secondary


@dataclass(frozen=True)
class SuppressedCounts:
    """A one-way table (counts per category) as it may be published. Index ``len(cells)`` in
    ``primary`` and ``secondary`` stands for the total."""

    cells: tuple[Shown, ...]
    total: Shown | None
    threshold: int
    primary: frozenset[int]
    secondary: frozenset[int]
    withheld: bool

    @property
    def suppressed(self) -> frozenset[int]:
        return self.primary | self.secondary


def _check_threshold(threshold: int) -> None:
    # "<2" would say "exactly 1": a threshold below 3 protects nothing.
    if threshold < 3:
        raise ValueError(f"a suppression threshold must be at least 3, not {threshold}")


def _complement(
    values: list[list[int]],
    exposed: Position,
    hidden: set[Position],
    candidates: list[Position],
    reader: Reader,
) -> Position:
    """The complement to hide for ``exposed``: one that protects it on its own if any, else the
    best step towards a protecting cycle."""
    shape = (len(values) - 1, len(values[0]) - 1)

    def closes_rectangle(position: Position) -> bool:
        # A complement in the exposed cell's row whose column already hides a cell (or the
        # other way round) closes a cycle of hidden cells sooner.
        if position[0] == exposed[0]:
            return any(h[1] == position[1] for h in hidden if h != exposed)
        if position[1] == exposed[1]:
            return any(h[0] == position[0] for h in hidden if h != exposed)
        return False

    def preference(position: Position) -> tuple[bool, bool, bool, int, Position]:
        in_line = position[0] == exposed[0] or position[1] == exposed[1]
        return (
            not in_line,
            not closes_rectangle(position),
            is_margin(position, shape),
            values[position[0]][position[1]],
            position,
        )

    ordered = sorted(candidates, key=preference)
    return next((p for p in ordered if not reader.determined(exposed, if_hidden=p)), ordered[0])


def suppress_table(
    table: Sequence[Sequence[int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    totals: Totals = Totals(),  # noqa: B008 - frozen, so a shared default is safe
) -> SuppressedTable:
    """Hide small counts, and enough others that none of them can be worked out from totals.

    Guarantees: every count from 1 to ``threshold − 1`` among the cells and published totals is
    hidden and shown as ``<threshold``; every other hidden count is shown as ``x``; each hidden
    small count keeps at least two possible values given everything published (checked exactly by
    :func:`regie.monitor.disclosure.recoverable_cells`). Raises ``ValueError`` for a table that is
    not a rectangle of counts or a threshold below 3.
    """
    _check_threshold(threshold)
    shape = check_table(table)
    values = extended(table)
    published = published_positions(shape, totals)
    primary = {p for p in published if 1 <= values[p[0]][p[1]] < threshold}
    secondary: set[Position] = set()

    reader = Reader(table, primary=primary, totals=totals, threshold=threshold)
    exposed = {cell for cell in primary if reader.determined(cell)}
    withheld = False
    while exposed:
        cell = min(exposed)
        candidates = [
            p
            for p in published
            if p not in primary and p not in secondary and values[p[0]][p[1]] >= threshold
        ]
        if not candidates:
            withheld = True
            break
        complement = _complement(values, cell, primary | secondary, candidates, reader)
        reader.hide(complement)
        secondary.add(complement)
        # Hiding more never exposes a protected cell, so only the exposed ones need a recheck.
        exposed = {cell for cell in exposed if reader.determined(cell)}
    if withheld:
        secondary = set(published) - primary
    return _publish(
        values, shape, threshold, totals, frozenset(primary), frozenset(secondary), withheld
    )


def _publish(
    values: list[list[int]],
    shape: tuple[int, int],
    threshold: int,
    totals: Totals,
    primary: frozenset[Position],
    secondary: frozenset[Position],
    withheld: bool,
) -> SuppressedTable:
    m, n = shape

    def shown(i: int, j: int) -> Shown:
        if withheld or (i, j) in secondary:
            return Shown(None, SECONDARY_TEXT)
        if (i, j) in primary:
            return Shown(None, f"<{threshold}")
        return Shown(values[i][j], str(values[i][j]))

    return SuppressedTable(
        cells=tuple(tuple(shown(i, j) for j in range(n)) for i in range(m)),
        row_totals=tuple(shown(i, n) for i in range(m)) if totals.rows else None,
        column_totals=tuple(shown(m, j) for j in range(n)) if totals.columns else None,
        grand_total=shown(m, n) if totals.grand else None,
        threshold=threshold,
        totals=totals,
        primary=primary,
        secondary=secondary,
        withheld=withheld,
    )


def suppress_counts(
    counts: Sequence[int], *, threshold: int = DEFAULT_THRESHOLD, total: bool = True
) -> SuppressedCounts:
    """:func:`suppress_table` for one row of counts per category, with or without its total.

    With a total and exactly one small count, this hides the smallest other count that keeps
    the small one from being worked out (the plain "next-smallest" can fail: with 1, 5 and a total
    of 6, a reader who knows ``x ≥ 5`` finds the 1), or the total when no count can.
    """
    if not counts:
        _check_threshold(threshold)
        return SuppressedCounts(
            (), Shown(0, "0") if total else None, threshold, frozenset(), frozenset(), False
        )
    result = suppress_table(
        [list(counts)], threshold=threshold, totals=Totals(rows=total, columns=False, grand=False)
    )

    def indexes(positions: frozenset[Position]) -> frozenset[int]:
        return frozenset(j for i, j in positions if i == 0)

    return SuppressedCounts(
        cells=result.cells[0],
        total=result.row_totals[0] if result.row_totals else None,
        threshold=threshold,
        primary=indexes(result.primary),
        secondary=indexes(result.secondary),
        withheld=result.withheld,
    )


def is_recoverable(table: Sequence[Sequence[int]], published: SuppressedTable) -> bool:
    """Whether a reader of ``published`` can work out any hidden small count of ``table``.

    A withheld table shows no count at all, so nothing in it is recoverable.
    """
    if published.withheld:
        return False
    return bool(
        recoverable_cells(
            table,
            primary=published.primary,
            secondary=published.secondary,
            totals=published.totals,
            threshold=published.threshold,
        )
    )
