"""Generalisation levels and the choice between them (pure, no database)."""

from __future__ import annotations

from datetime import date

from regie.research.columns import add_months
from regie.research.generalise import ALL_LEVELS, Levels, choose

QI = ("place", "when")


def test_a_date_becomes_a_month_a_quarter_or_a_year_and_never_a_day() -> None:
    day = date(2026, 8, 31)

    assert Levels(period="maand").when(day) == "2026-08"
    assert Levels(period="kwartaal").when(day) == "2026-K3"
    assert Levels(period="jaar").when(day) == "2026"
    assert Levels().when(None) == ""


def test_coarser_levels_merge_municipalities_organisations_and_ages() -> None:
    region = Levels(municipality="regio", age="grof", organisation="sector")
    omitted = Levels(municipality="weggelaten", age="weggelaten", organisation="weggelaten")

    assert [region.place(m) for m in ("amsterdam", "diemen", "buiten_regio")] == [
        "amsterdam",
        "overige_regio",
        "buiten_regio",
    ]
    assert [region.organisation_kind(t) for t in ("om", "jeugdbescherming", "stadsdeel")] == [
        "politie_justitie",
        "zorg_jeugd",
        "gemeente",
    ]
    assert [Levels().age_band(a) for a in (17, 35, 45)] == ["12–17", "30–39", "40+"]
    assert [region.age_band(a) for a in (17, 35, 45)] == ["12–17", "23+", "23+"]
    assert (omitted.place("diemen"), omitted.age_band(30), omitted.organisation_kind("om")) == (
        "*",
        "*",
        "*",
    )
    assert len(set(ALL_LEVELS)) == 81


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month() -> None:
    assert add_months(date(2025, 4, 2), 12) == date(2026, 4, 2)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 15), -24) == date(2023, 1, 15)


def test_the_least_coarsened_level_within_the_allowed_suppression_is_chosen() -> None:
    # Five persons in March, one in May: at month level one row of six is suppressed (17%), at
    # quarter level too (March is K1, May K2); only the year keeps everyone.
    spec = [("amsterdam", date(2026, 3, 1))] * 5 + [("amsterdam", date(2026, 5, 1))]

    def quasi(levels: Levels) -> list[tuple[int, tuple[str, str]]]:
        return [
            (person, (place, levels.when(day))) for person, (place, day) in enumerate(spec, start=1)
        ]

    strict = choose(quasi, QI, k=5, max_suppressed=0.05)
    lenient = choose(quasi, QI, k=5, max_suppressed=0.2)

    assert (strict.levels.period, strict.suppressed) == ("jaar", 0)
    assert strict.levels.height == 2
    assert (lenient.levels, lenient.suppressed) == (Levels(), 1)


def test_k_counts_persons_not_rows() -> None:
    # One person nominated five times in the same month is still one person.
    def quasi(levels: Levels) -> list[tuple[int, tuple[str, str]]]:
        return [(1, ("amsterdam", "2026-03"))] * 5

    choice = choose(quasi, QI, k=5)

    assert (choice.suppressed, choice.kept_combinations) == (5, frozenset())
