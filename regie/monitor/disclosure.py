"""Can a suppressed cell be worked out from what a table publishes? (docs/statistics.md)

A table of counts is published with some cells hidden. A reader knows every shown cell, every
shown total, that each total is the sum of its line, and what the labels say: a cell shown as
``<5`` holds 1–4, a cell shown as ``x`` (hidden only to protect another) holds 5 or more, a total
that is not published at all is some count ≥ 0. A hidden small cell is *recoverable* when those
facts leave it exactly one possible value.

The check is exact. Put the totals in an extra row and column and negate the margins (not the
grand total); then every row and every column of the extended table sums to zero, so the hidden
cells are the edges of a bipartite graph (row lines against column lines) carrying a
circulation. Two solutions differ by a circulation, which splits into cycles that each keep the
bounds (the constraint matrix is a network matrix, hence totally unimodular). So a hidden cell
can take another value if and only if a cycle through it can shift it by one: increase it, then
alternately decrease and increase other hidden cells along a path back, never crossing a
bound. That is a path search in the residual graph, per cell linear in the number of hidden cells.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Collection, Sequence
from dataclasses import dataclass

#: A position in the extended table: ``(row, column)``; row ``len(table)`` holds the column
#: totals, column ``len(table[0])`` the row totals, and their corner the grand total.
Position = tuple[int, int]


@dataclass(frozen=True)
class Totals:
    """Which totals a table publishes."""

    rows: bool = True
    columns: bool = True
    grand: bool = True


def check_table(table: Sequence[Sequence[int]]) -> tuple[int, int]:
    """The shape of a table of counts; raises ``ValueError`` unless it is a non-empty rectangle
    of non-negative integers."""
    if not table or not table[0]:
        raise ValueError("a table needs at least one row and one column")
    width = len(table[0])
    for row in table:
        if len(row) != width:
            raise ValueError("every row of a table needs the same number of cells")
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"a table holds counts, not {value!r}")
    return len(table), width


def extended(table: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its row totals as an extra column and column totals as an extra row."""
    rows = [[*row, sum(row)] for row in table]
    return [*rows, [sum(column) for column in zip(*rows, strict=True)]]


def published_positions(shape: tuple[int, int], totals: Totals) -> list[Position]:
    """Every position a table shows: its cells and the totals it publishes, in reading order."""
    m, n = shape
    positions = [(i, j) for i in range(m) for j in range(n)]
    if totals.rows:
        positions += [(i, n) for i in range(m)]
    if totals.columns:
        positions += [(m, j) for j in range(n)]
    if totals.grand:
        positions.append((m, n))
    return sorted(positions)


def is_margin(position: Position, shape: tuple[int, int]) -> bool:
    return position[0] == shape[0] or position[1] == shape[1]


@dataclass(frozen=True)
class _Edge:
    position: Position
    row: int
    column: int
    can_increase: bool
    can_decrease: bool


class Reader:
    """What a reader of a published table can work out, as a residual graph of the hidden
    positions: row lines are nodes ``0..m``, column lines ``m+1..m+n+1``.

    ``primary`` positions are shown as ``<threshold`` (1 to threshold − 1), ``secondary`` ones as
    ``x`` (threshold or more); totals not published under ``totals`` are unknown (0 or more).
    """

    def __init__(
        self,
        table: Sequence[Sequence[int]],
        *,
        primary: Collection[Position],
        secondary: Collection[Position] = (),
        totals: Totals,
        threshold: int,
    ) -> None:
        shape = check_table(table)
        self.values = extended(table)
        self.threshold = threshold
        self.edges: dict[Position, _Edge] = {}
        self.arcs: dict[int, list[tuple[int, Position]]] = {}
        published = set(published_positions(shape, totals))
        for i, j in itertools.product(range(shape[0] + 1), range(shape[1] + 1)):
            if (i, j) in primary:
                self._add(self._edge((i, j), 1, threshold - 1))
            elif (i, j) in secondary:
                self._add(self._edge((i, j), threshold, math.inf))
            elif (i, j) not in published:
                self._add(self._edge((i, j), 0, math.inf))

    def _edge(self, position: Position, low: float, high: float) -> _Edge:
        m, n = len(self.values) - 1, len(self.values[0]) - 1
        i, j = position
        # Margins enter the circulation negated, so their bounds swap.
        sign = -1 if (i == m) != (j == n) else 1
        y = sign * self.values[i][j]
        y_low, y_high = (low, high) if sign == 1 else (-high, -low)
        return _Edge(position, i, m + 1 + j, y < y_high, y > y_low)

    def _add(self, edge: _Edge) -> None:
        self.edges[edge.position] = edge
        for start, end, allowed in (
            (edge.row, edge.column, edge.can_increase),
            (edge.column, edge.row, edge.can_decrease),
        ):
            if allowed:
                self.arcs.setdefault(start, []).append((end, edge.position))

    def hide(self, position: Position) -> None:
        """Hide one more shown count (threshold or more) as ``x``."""
        self._add(self._edge(position, self.threshold, math.inf))

    def _path(self, start: int, goal: int, avoiding: Position, extra: _Edge | None) -> bool:
        extra_arcs: dict[int, list[tuple[int, Position]]] = {}
        if extra is not None:
            if extra.can_increase:
                extra_arcs[extra.row] = [(extra.column, extra.position)]
            if extra.can_decrease:
                extra_arcs.setdefault(extra.column, []).append((extra.row, extra.position))
        seen = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for successor, position in itertools.chain(
                self.arcs.get(node, ()), extra_arcs.get(node, ())
            ):
                if position == avoiding or successor in seen:
                    continue
                if successor == goal:
                    return True
                seen.add(successor)
                queue.append(successor)
        return False

    def determined(self, position: Position, *, if_hidden: Position | None = None) -> bool:
        """Whether the hidden ``position`` has only one possible value (were ``if_hidden`` also
        hidden as ``x``)."""
        edge = self.edges[position]
        extra = None if if_hidden is None else self._edge(if_hidden, self.threshold, math.inf)
        can_go_up = edge.can_increase and self._path(edge.column, edge.row, position, extra)
        can_go_down = edge.can_decrease and self._path(edge.row, edge.column, position, extra)
        return not (can_go_up or can_go_down)


def recoverable_cells(
    table: Sequence[Sequence[int]],
    *,
    primary: Collection[Position],
    secondary: Collection[Position] = (),
    totals: Totals,
    threshold: int,
) -> frozenset[Position]:
    """The ``primary`` (shown as ``<threshold``) positions whose value a reader can work out.

    ``secondary`` are the positions hidden to protect them (shown as ``x``, each ≥ threshold);
    totals not published under ``totals`` are unknown to the reader. Positions are in the
    extended table (see :data:`Position`).
    """
    reader = Reader(table, primary=primary, secondary=secondary, totals=totals, threshold=threshold)
    return frozenset(position for position in primary if reader.determined(position))
