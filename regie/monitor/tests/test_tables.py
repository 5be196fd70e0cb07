"""The published monitor: suppression on every table, nothing hidden derivable, totals add up."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from regie.accounts.models import Municipality
from regie.monitor.disclosure import recoverable_cells
from regie.monitor.suppression import is_recoverable
from regie.monitor.tables import build_monitor
from regie.monitor.tests.conftest import History
from regie.monitor.yearly import Scope

pytestmark = pytest.mark.django_db

END_2025 = Scope(2025, date(2025, 12, 31))


@pytest.fixture
def busier(history: History) -> History:
    """Twelve more youth cases in Amsterdam in 2025 (nominated by the police), so that some
    cells reach the threshold and others stay small."""
    w = history.writer
    for number in range(12):
        person = w.person(f"Extra{number}", Municipality.AMSTERDAM)
        nomination = w.nomination(person, w.politie, "jeugd")
        w.open_case(
            100 + number, person, date(2025, 1 + number % 10, 3), "jeugd", nomination=nomination
        )
    return history


def test_no_count_from_1_to_4_is_shown_anywhere(busier: History) -> None:
    monitor = build_monitor(END_2025)
    for table in monitor.tables:
        for row, published in zip(table.counts, table.table.cells, strict=True):
            for count, shown in zip(row, published, strict=True):
                if 1 <= count < 5:
                    assert shown.value is None, table.key
                    assert shown.text == "<5", table.key
                if shown.value is not None:
                    assert shown.value == count


def test_no_suppressed_count_can_be_worked_out_from_the_published_totals(busier: History) -> None:
    monitor = build_monitor(END_2025)
    hidden = 0
    for table in monitor.tables:
        published = table.table
        hidden += len(published.primary)
        assert not is_recoverable(table.counts, published), table.key
        assert not recoverable_cells(
            table.counts,
            primary=published.primary,
            secondary=published.secondary,
            totals=published.totals,
            threshold=published.threshold,
        )
    assert hidden > 0  # the check had something to check


def test_totals_equal_the_sum_of_their_parts_where_nothing_is_hidden(busier: History) -> None:
    monitor = build_monitor(END_2025)
    checked = 0
    for table in monitor.tables:
        for _label, cells, total in table.body:
            if total is not None and all(c.value is not None for c in (*cells, total)):
                assert total.value == sum(c.value or 0 for c in cells)
                checked += 1
    assert monitor.table("populatie").counts[0][0] == 13  # Amsterdam, jeugd: Cor and the twelve
    inflow = monitor.table("instroom")
    politie = inflow.body[inflow.row_keys.index("politie")]
    assert [c.text for c in politie[1]] == ["14", "0", "0"]  # Anouk twice and the twelve
    assert politie[2] is not None
    assert politie[2].value == 14
    assert checked > 0


def test_the_threshold_comes_from_the_setting(history: History) -> None:
    with override_settings(REGIE_MONITOR_SUPPRESSION_THRESHOLD=3):
        monitor = build_monitor(END_2025)
    assert monitor.threshold == 3
    inflow = monitor.table("instroom")
    politie = inflow.row_keys.index("politie")
    assert inflow.table.row_totals is not None
    assert inflow.table.row_totals[politie].text in {"x", "<3"} or inflow.counts[politie][0] >= 3


def test_year_over_year_shows_each_total_as_that_years_own_table_does(busier: History) -> None:
    monitor = build_monitor(END_2025)
    yoy = monitor.year_over_year
    assert yoy.years == (2021, 2022, 2023, 2024, 2025)
    assert yoy.peildata[-1] == date(2025, 12, 31)
    population_row = yoy.rows[0][1]
    assert population_row[-1] == monitor.table("populatie").total
    # On 31 December 2024 only Cor was in the approach: a count of 1, hidden.
    assert population_row[-2].text == "<5"
    assert population_row[0].text == "0"
