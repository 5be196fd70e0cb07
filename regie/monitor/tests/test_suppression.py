"""Small-cell suppression: small counts hidden, and none of them recoverable from the totals.

"Recoverable" is checked twice: by :func:`recoverable_cells` (a path search, see
regie/monitor/disclosure.py) and, independently, by brute force over every table a reader could
reconstruct from what is published. The brute force searches each hidden cell within ±2 of its
true value: if any other consistent table exists, one exists that moves each cell by at most 1
(a cycle of the circulation), so the window finds it.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.monitor.disclosure import (
    Position,
    extended,
    published_positions,
    recoverable_cells,
)
from regie.monitor.suppression import (
    SuppressedTable,
    Totals,
    is_recoverable,
    suppress_counts,
    suppress_table,
)

Bounds = tuple[float, float]


def reader_knowledge(published: SuppressedTable) -> dict[Position, Bounds]:
    """What a reader learns about each position of the extended table from the texts alone."""
    m, n = len(published.cells), len(published.cells[0])
    shown: dict[Position, str] = {
        (i, j): cell.text for i, row in enumerate(published.cells) for j, cell in enumerate(row)
    }
    if published.row_totals:
        shown |= {(i, n): cell.text for i, cell in enumerate(published.row_totals)}
    if published.column_totals:
        shown |= {(m, j): cell.text for j, cell in enumerate(published.column_totals)}
    if published.grand_total:
        shown[(m, n)] = published.grand_total.text
    knowledge: dict[Position, Bounds] = {}
    for i, j in itertools.product(range(m + 1), range(n + 1)):
        text = shown.get((i, j))
        if text is None:
            knowledge[(i, j)] = (0, math.inf)
        elif text == f"<{published.threshold}":
            knowledge[(i, j)] = (1, published.threshold - 1)
        elif text == "x":
            knowledge[(i, j)] = (0 if published.withheld else published.threshold, math.inf)
        else:
            knowledge[(i, j)] = (int(text), int(text))
    return knowledge


def possible_values(
    table: Sequence[Sequence[int]], knowledge: dict[Position, Bounds], window: int = 2
) -> dict[Position, set[int]]:
    """Every value each position takes over the tables consistent with ``knowledge``."""
    m, n = len(table), len(table[0])
    truth = extended(table)

    def fits(position: Position, value: int) -> bool:
        low, high = knowledge[position]
        return low <= value <= high

    def choices(i: int, j: int) -> range:
        low, high = knowledge[(i, j)]
        value = truth[i][j]
        return range(int(max(low, value - window)), int(min(high, value + window)) + 1)

    row_options = []
    for i in range(m):
        options = [
            row
            for row in itertools.product(*(choices(i, j) for j in range(n)))
            if fits((i, n), sum(row))
        ]
        row_options.append(options)
    found: dict[Position, set[int]] = defaultdict(set)
    for rows in itertools.product(*row_options):
        grid = extended([list(row) for row in rows])
        if all(fits((m, j), grid[m][j]) for j in range(n + 1)):
            for i, j in itertools.product(range(m + 1), range(n + 1)):
                found[(i, j)].add(grid[i][j])
    return found


def texts(row: Sequence[object]) -> list[str]:
    return [str(cell) for cell in row]


def test_single_small_count_is_hidden_with_the_next_smallest_that_protects_it() -> None:
    result = suppress_counts([3, 10, 20])
    assert texts(result.cells) == ["<5", "x", "20"]
    assert str(result.total) == "33"
    assert result.primary == {0}
    assert result.secondary == {1}


def test_complement_that_would_give_the_small_count_away_is_passed_over() -> None:
    # Hiding the 5 would not do: "<5" + "x" = 6 with x ≥ 5 leaves only 1 + 5.
    result = suppress_counts([1, 5, 6])
    assert texts(result.cells) == ["<5", "5", "x"]
    assert str(result.total) == "12"


def test_total_is_hidden_when_no_count_can_protect() -> None:
    # "<5" + 5 = 6 gives the 1 away; with the total hidden (x ≥ 5) it could be 1 to 4.
    result = suppress_counts([1, 5])
    assert texts(result.cells) == ["<5", "5"]
    assert str(result.total) == "x"
    assert result.secondary == {2}


def test_two_small_counts_protect_each_other_when_their_sum_leaves_room() -> None:
    result = suppress_counts([2, 3, 50])
    assert texts(result.cells) == ["<5", "<5", "50"]
    assert result.secondary == set()


def test_two_ones_give_each_other_away_and_need_a_complement() -> None:
    # "<5" + "<5" = 2 can only be 1 + 1.
    result = suppress_counts([1, 1, 50])
    assert texts(result.cells) == ["<5", "<5", "x"]


def test_zero_is_shown_and_never_used_as_complement() -> None:
    result = suppress_counts([0, 3, 9])
    assert texts(result.cells) == ["0", "<5", "x"]
    assert str(result.total) == "12"


def test_small_total_is_hidden_too() -> None:
    result = suppress_counts([0, 0, 3])
    assert texts(result.cells) == ["0", "0", "<5"]
    assert str(result.total) == "<5"


def test_counts_without_a_total_need_no_secondary_suppression() -> None:
    result = suppress_counts([3, 10], total=False)
    assert texts(result.cells) == ["<5", "10"]
    assert result.total is None


def test_no_categories_gives_an_empty_row_with_a_zero_total() -> None:
    result = suppress_counts([])
    assert result.cells == ()
    assert str(result.total) == "0"


def test_table_is_withheld_when_its_labels_alone_give_it_away() -> None:
    # Four times "<5" adding up to a total of "<5" can only be 1 + 1 + 1 + 1.
    result = suppress_counts([1, 1, 1, 1])
    assert result.withheld
    assert texts(result.cells) == ["x", "x", "x", "x"]
    assert str(result.total) == "x"


def test_threshold_is_configurable() -> None:
    result = suppress_counts([7, 12, 30], threshold=10)
    assert texts(result.cells) == ["<10", "x", "30"]


@pytest.mark.parametrize("threshold", [0, 1, 2])
def test_threshold_below_three_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="at least 3"):
        suppress_counts([1, 2], threshold=threshold)


@pytest.mark.parametrize("table", [[], [[]], [[1, 2], [3]], [[1, -2]], [[1.5]]])
def test_a_table_must_be_a_rectangle_of_counts(table: list[list[float]]) -> None:
    with pytest.raises(ValueError, match=r"table|counts"):
        suppress_table(table)  # type: ignore[arg-type]


def test_two_way_table_hides_a_rectangle_around_its_small_counts() -> None:
    table = [[1, 8, 12], [9, 10, 3], [20, 30, 40]]
    result = suppress_table(table)
    assert [texts(row) for row in result.cells] == [
        ["<5", "8", "x"],
        ["x", "10", "<5"],
        ["20", "30", "40"],
    ]
    assert texts(result.row_totals or ()) == ["21", "22", "90"]
    assert texts(result.column_totals or ()) == ["30", "48", "55"]
    assert str(result.grand_total) == "133"
    assert not is_recoverable(table, result)
    found = possible_values(table, reader_knowledge(result))
    assert len(found[(0, 0)]) > 1
    assert len(found[(1, 2)]) > 1


def test_shown_cells_carry_their_value_and_hidden_cells_none() -> None:
    result = suppress_table([[1, 8], [9, 10]])
    for row in result.cells:
        for cell in row:
            assert (cell.value is None) == (cell.text in {"<5", "x"})


def test_subtraction_from_a_row_total_is_caught() -> None:
    table = [[3, 10, 20]]
    totals = Totals(rows=True, columns=False, grand=False)
    assert recoverable_cells(table, primary={(0, 0)}, totals=totals, threshold=5) == {(0, 0)}
    assert not recoverable_cells(
        table, primary={(0, 0)}, secondary={(0, 1)}, totals=totals, threshold=5
    )


def test_two_hidden_cells_per_line_are_not_always_enough() -> None:
    # Two hidden rectangles joined by one hidden cell: every row and column has at least two
    # hidden cells, yet the joining cell is the difference of two sums of totals.
    table = [
        [10, 11, 20, 20],
        [12, 13, 2, 20],
        [20, 20, 14, 15],
        [20, 20, 16, 17],
    ]
    primary = {(1, 2)}
    secondary = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    assert recoverable_cells(
        table, primary=primary, secondary=secondary, totals=Totals(), threshold=5
    ) == {(1, 2)}


tables = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda columns: st.lists(
            st.lists(
                st.one_of(st.integers(0, 4), st.integers(0, 14)),
                min_size=columns,
                max_size=columns,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)
totals_choices = st.builds(Totals, st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=300, deadline=None, database=None)
@given(table=tables, totals=totals_choices, threshold=st.sampled_from([3, 5]))
def test_no_small_count_can_be_worked_out_from_a_suppressed_table(
    table: list[list[int]], totals: Totals, threshold: int
) -> None:
    result = suppress_table(table, threshold=threshold, totals=totals)
    truth = extended(table)
    knowledge = reader_knowledge(result)
    published = published_positions((len(table), len(table[0])), totals)
    for i, j in published:
        low, high = knowledge[(i, j)]
        if 1 <= truth[i][j] < threshold:
            assert (i, j) in result.primary
        assert low <= truth[i][j] <= high
    if result.withheld:
        # Withholding is the last resort: even hiding every count left a small one exposed.
        others = {p for p in published if truth[p[0]][p[1]] >= threshold}
        assert recoverable_cells(
            table, primary=result.primary, secondary=others, totals=totals, threshold=threshold
        )
        assert all(cell.text == "x" for row in result.cells for cell in row)
    assert not is_recoverable(table, result)
    found = possible_values(table, knowledge)
    for position in result.primary:
        assert len(found[position]) > 1, position


@settings(max_examples=200, deadline=None, database=None)
@given(table=tables, totals=totals_choices)
def test_totals_of_lines_without_hidden_cells_equal_the_sum_of_their_parts(
    table: list[list[int]], totals: Totals
) -> None:
    result = suppress_table(table, totals=totals)
    for row, total in zip(result.cells, result.row_totals or (), strict=False):
        if all(cell.value is not None for cell in row) and total.value is not None:
            assert total.value == sum(cell.value or 0 for cell in row)
    for index, total in enumerate(result.column_totals or ()):
        column = [row[index] for row in result.cells]
        if all(cell.value is not None for cell in column) and total.value is not None:
            assert total.value == sum(cell.value or 0 for cell in column)


@settings(max_examples=300, deadline=None, database=None)
@given(data=st.data(), table=tables, totals=totals_choices, threshold=st.sampled_from([3, 5]))
def test_recoverability_check_agrees_with_brute_force(
    data: st.DataObject, table: list[list[int]], totals: Totals, threshold: int
) -> None:
    truth = extended(table)
    published = published_positions((len(table), len(table[0])), totals)
    small = [p for p in published if 1 <= truth[p[0]][p[1]] < threshold]
    large = [p for p in published if truth[p[0]][p[1]] >= threshold]
    primary = set(data.draw(st.lists(st.sampled_from(small), unique=True))) if small else set()
    secondary = set(data.draw(st.lists(st.sampled_from(large), unique=True))) if large else set()
    knowledge: dict[Position, Bounds] = {}
    for i, j in itertools.product(range(len(truth)), range(len(truth[0]))):
        if (i, j) in primary:
            knowledge[(i, j)] = (1, threshold - 1)
        elif (i, j) in secondary:
            knowledge[(i, j)] = (threshold, math.inf)
        elif (i, j) in published:
            knowledge[(i, j)] = (truth[i][j], truth[i][j])
        else:
            knowledge[(i, j)] = (0, math.inf)
    found = possible_values(table, knowledge)
    determined = {p for p in primary if len(found[p]) == 1}
    assert determined == recoverable_cells(
        table, primary=primary, secondary=secondary, totals=totals, threshold=threshold
    )
