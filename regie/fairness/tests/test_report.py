"""The figures of the fairness monitor on the known history (see conftest), hand-computed:
Wilson intervals from the closed formula, Katz intervals from ln RR ± 1.959964·se, Fisher
p-values by enumerating the hypergeometric tables with math.comb."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from regie.fairness.report import SUPPRESSED, ReportError, Table, build_report
from regie.fairness.tests.conftest import Spec

pytestmark = pytest.mark.django_db


def _table(report, dimension: str, step: str) -> Table:
    return next(t for t in report.tables if t.dimension == dimension and t.measure == step)


def _row(table: Table, value: str):
    return next(r for r in table.rows if r.value == value)


def test_admission_rate_ratio_and_p_value_match_the_hand_computation(history) -> None:
    history()
    table = _table(build_report(2025), "gender", "toegelaten")
    women, men = _row(table, "v"), _row(table, "m")
    assert (women.count.value, women.base.value) == (5, 20)
    assert women.rate.value == pytest.approx(0.25)
    assert (women.rate.low, women.rate.high) == pytest.approx((0.111862, 0.468701), abs=1e-6)
    assert (men.rate.low, men.rate.high) == pytest.approx((0.598060, 0.858129), abs=1e-6)
    assert table.reference == "m"
    assert men.reference
    assert women.ratio.value == pytest.approx(1 / 3)
    assert (women.ratio.low, women.ratio.high) == pytest.approx((0.152819, 0.727079), abs=1e-6)
    assert women.p_value == pytest.approx(0.00030541, rel=1e-4)
    assert women.flag


def test_equal_rates_are_not_flagged(history) -> None:
    history()
    table = _table(build_report(2025), "gender", "criteria_voldaan")
    women = _row(table, "v")
    assert (women.count.value, women.base.value) == (15, 20)
    assert women.ratio.value == pytest.approx(1.0)
    assert not women.flag
    assert women.p_value == pytest.approx(1.0)


def test_override_rate_per_group_counts_decisions_against_the_hard_criteria(history) -> None:
    history()
    table = _table(build_report(2025), "gender", "afwijking")
    women, men = _row(table, "v"), _row(table, "m")
    assert (women.count.value, women.base.value) == (10, 20)
    assert (men.count.value, men.base.value) == (10, 40)
    assert (women.rate.low, women.rate.high) == pytest.approx((0.299298, 0.700702), abs=1e-6)
    # Katz: ratio 2.0 with [1.0002, 3.9992] (excludes 1, flagged) while Fisher gives 0.0809:
    # the page shows both because they can disagree for small groups.
    assert women.ratio.value == pytest.approx(2.0)
    assert (women.ratio.low, women.ratio.high) == pytest.approx((1.000195, 3.999219), abs=1e-6)
    assert women.flag
    assert women.p_value == pytest.approx(0.0809405, rel=1e-4)


def test_outflow_by_reason_is_a_step_out_of_the_admitted(history) -> None:
    history()
    table = _table(build_report(2025), "gender", "uitstroom_doelen_bereikt")
    assert (_row(table, "v").count.value, _row(table, "v").base.value) == (5, 5)
    assert (_row(table, "m").count.value, _row(table, "m").base.value) == (10, 30)


def test_rates_per_10000_residents_use_the_reference_population(history, reference_2025) -> None:
    history()
    table = _table(build_report(2025), "gender", "voorgedragen")
    women = _row(table, "v")
    assert women.residents == 10_000
    # 20 nominations among 10,000 residents: 20.0 per 10,000, exact Poisson [12.2165, 30.8884].
    assert women.per_10000.value == pytest.approx(20.0)
    assert (women.per_10000.low, women.per_10000.high) == pytest.approx(
        (12.2165, 30.8884), abs=1e-3
    )
    # The reference for "nominated" is the largest population; equal rates give a ratio of 1.
    assert table.reference == "m"
    assert women.ratio.value == pytest.approx(1.0)
    assert not women.flag
    assert _row(table, "x").per_10000.value is None


def test_a_chosen_reference_group_replaces_the_largest(history) -> None:
    history()
    table = _table(build_report(2025, references={"gender": "v"}), "gender", "toegelaten")
    assert table.reference == "v"
    assert _row(table, "m").ratio.value == pytest.approx(3.0)


def test_groups_of_one_and_zero_give_no_figures_and_no_errors(history) -> None:
    history()
    report = build_report(2025)
    table = _table(report, "municipality", "toegelaten")
    amstelveen, diemen = _row(table, "amstelveen"), _row(table, "diemen")
    assert amstelveen.count.text == "0"
    assert amstelveen.base.text == "<5"
    assert amstelveen.rate.value is None
    assert amstelveen.note == str(SUPPRESSED)
    assert amstelveen.ratio.value is None
    assert amstelveen.p_value is None
    assert (diemen.count.text, diemen.base.text) == ("0", "0")
    assert diemen.rate.value is None
    assert diemen.rate.text == "De groep is leeg"
    assert diemen.ratio.text == "De groep is leeg"


def test_a_small_count_is_suppressed_with_a_complement_and_hidden_in_every_table(history) -> None:
    history()
    report = build_report(2025)
    nominated = _table(report, "municipality", "voorgedragen")
    assert _row(nominated, "amstelveen").count.text == "<5"
    # 59 + <5 = 60 would give the 1 away: the 59 (or the total) is hidden too.
    hidden = [r.label for r in nominated.rows if r.count.value is None]
    assert "Amsterdam" in hidden or nominated.total_count.value is None
    for step in ("criteria_voldaan", "toegelaten"):
        table = _table(report, "municipality", step)
        assert _row(table, "amstelveen").base.value is None
        if "Amsterdam" in hidden:
            assert _row(table, "amsterdam").base.value is None
            assert _row(table, "amsterdam").rate.value is None


@override_settings(REGIE_MONITOR_SUPPRESSION_THRESHOLD=11)
def test_the_suppression_threshold_is_a_setting(history) -> None:
    history()
    table = _table(build_report(2025), "gender", "toegelaten")
    assert table.rows[1].label == "Vrouw"
    assert _row(table, "v").count.text == "<11"
    assert _row(table, "v").ratio.value is None


def test_a_suppressed_reference_group_gives_no_ratios(history) -> None:
    history(
        [Spec("v", "met", True)] * 2
        + [Spec("m", "met", True)] * 10
        + [Spec("x", "met", False)] * 10
    )
    table = _table(build_report(2025, references={"gender": "v"}), "gender", "voorgedragen")
    assert _row(table, "v").count.text == "<5"
    shown = [r for r in table.rows if r.count.value]
    assert shown, "secondary suppression hides one of the two tens, not both"
    assert all(r.ratio.text == "De referentiegroep is onderdrukt." for r in shown)


def test_unknown_steps_dimensions_and_groups_are_refused_in_dutch(history) -> None:
    history()
    with pytest.raises(ReportError, match="Onbekende stap"):
        build_report(2025, steps=["bestaat_niet"])
    with pytest.raises(ReportError, match="Onbekende dimensie"):
        build_report(2025, references={"schoenmaat": "42"})
    with pytest.raises(ReportError, match="Onbekende referentiegroep"):
        build_report(2025, references={"gender": "q"})


def test_a_year_without_nominations_gives_empty_tables(db) -> None:
    report = build_report(2019)
    assert all(r.count.text == "0" for t in report.tables for r in t.rows)


@override_settings(REGIE_FAIRNESS_DIMENSIONS={"achtergrond": "Achtergrond"})
def test_a_configured_dimension_groups_by_the_latest_monitoring_attribute(history) -> None:
    import datetime

    from regie.fairness.models import MonitoringAttribute

    persons = history()
    for i, person in enumerate(persons):
        MonitoringAttribute.objects.create(
            person=person, dimension="achtergrond", value="oud",
            recorded_at=datetime.date(2020, 1, 1), source="test",
        )  # fmt: skip
        MonitoringAttribute.objects.create(
            person=person, dimension="achtergrond", value="a" if i < 30 else "b",
            recorded_at=datetime.date(2024, 1, 1), source="test",
        )  # fmt: skip
    table = _table(build_report(2025), "achtergrond", "voorgedragen")
    assert {r.value: r.count.value for r in table.rows} == {"a": 30, "b": 30}
    assert table.dimension_label == "Achtergrond"


def test_the_number_of_queries_does_not_grow_with_the_data(history) -> None:
    history([Spec("v", "met", True, "doelen_bereikt")] * 6)
    with CaptureQueriesContext(connection) as small:
        build_report(2025)
    history(known_specs_times(3))
    with CaptureQueriesContext(connection) as large:
        build_report(2025)
    assert len(large) == len(small) <= 8


def known_specs_times(times: int) -> list[Spec]:
    from regie.fairness.tests.conftest import known_specs

    return known_specs() * times


def test_a_pending_proposal_counts_its_snapshot_but_no_decision(history, politie) -> None:
    import datetime

    from regie.events.models import CaseEvent, EventType
    from regie.fairness.funnel import funnel

    (person,) = history([Spec("v", "met", True)])
    nomination = CaseEvent.objects.filter(type=EventType.NOMINATION_SUBMITTED).get().nomination_id
    CaseEvent.objects.filter(type=EventType.DECISION_CONFIRMED).delete()
    CaseEvent.objects.create(
        type=EventType.DECISION_PROPOSED,
        occurred_at=CaseEvent.objects.get(type=EventType.DECISION_PROPOSED).occurred_at
        + datetime.timedelta(days=1),
        person=person,
        nomination_id=nomination,
        payload={"hard_criteria": "not_met", "outcome": "afgewezen", "is_override": False},
    )
    (record,) = funnel(2025)
    assert record.hard_criteria == "not_met"
    assert not record.decided
    assert not record.admitted
