"""The yearly monitor's exact figures for the known history (conftest.py), at the end of 2025
and at a peildatum in the past."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.core.domain import LifeDomain
from regie.events.models import CaseEvent, EventType
from regie.monitor.tests.conftest import History, Writer
from regie.monitor.yearly import (
    Scope,
    default_peildatum,
    load_history,
    same_day,
    yearly_counts,
)

END_2025 = Scope(2025, date(2025, 12, 31))
MID_2025 = Scope(2025, date(2025, 6, 30))

pytestmark = pytest.mark.django_db


def test_population_at_the_end_of_the_year_counts_each_person_in_the_approach_once(
    history: History,
) -> None:
    counts = yearly_counts(END_2025)
    # Anouk left with C1 and came back with C4: one person. Dirk's case opens in 2026.
    assert counts.population == Counter(
        {("amstelveen", "jeugd"): 1, ("amsterdam", "volwassenen"): 1, ("amsterdam", "jeugd"): 1}
    )


def test_inflow_is_split_by_nominating_organisation_type_and_former_approach(
    history: History,
) -> None:
    counts = yearly_counts(END_2025)
    assert counts.inflow == Counter({("politie", "jeugd"): 2, ("top600", "volwassenen"): 1})


def test_declined_nominations_get_their_reason_from_criteria_and_assessment(
    history: History,
) -> None:
    counts = yearly_counts(END_2025)
    assert counts.declined == Counter(
        {("added_value", "volwassenen"): 1, ("harde_criteria", "jeugd"): 1}
    )


def test_outflow_reasons_and_durations_of_the_year(history: History) -> None:
    counts = yearly_counts(END_2025)
    # Cor's outflow on 1 February 2026 is after the peildatum.
    assert counts.outflow == Counter({("doelen_bereikt", "jeugd"): 1})
    assert dict(counts.durations) == {"jeugd": [203]}


def test_reviews_goals_scarcity_handovers_follow_up_reentries_and_requests(
    history: History,
) -> None:
    counts = yearly_counts(END_2025)
    assert counts.reviews == Counter({("op_tijd", "jeugd"): 2, ("te_laat", "volwassenen"): 1})
    assert counts.goals == Counter({("bereikt", "volwassenen"): 1})
    assert counts.blocked == Counter({("woningnood", "huisvesting"): 1})
    assert counts.activated == Counter({("woningnood", "volwassenen"): 1})
    assert counts.waiting_days == [90]
    assert counts.handovers == Counter({"jeugd": 1})
    assert counts.follow_up == Counter({("in_beeld", "jeugd"): 1})
    assert counts.reentries == Counter({"jeugd": 1})
    assert counts.requests == Counter({"op_tijd": 1, "te_laat": 1})


def test_zrm_change_compares_the_latest_review_with_the_assessment_at_admission(
    history: History,
) -> None:
    counts = yearly_counts(END_2025)
    # In the approach on 31 December with a review: Cor (C3; huisvesting 3 → 1) and Bram (C2, a
    # transition without an assessment, so left out). Anouk's C1 outflowed.
    expected = Counter({(domain, "gelijk"): 1 for domain in LifeDomain.values})
    expected[("huisvesting", "gelijk")] = 0
    expected[("huisvesting", "slechter")] = 1
    assert +counts.zrm == +expected


def test_a_past_peildatum_ignores_everything_recorded_after_it(history: History) -> None:
    counts = yearly_counts(MID_2025)
    assert counts.population == Counter(
        {("amstelveen", "jeugd"): 1, ("amsterdam", "volwassenen"): 1, ("amsterdam", "jeugd"): 1}
    )
    assert counts.inflow == Counter({("politie", "jeugd"): 1, ("top600", "volwassenen"): 1})
    assert counts.outflow == Counter()
    assert counts.reviews == Counter({("op_tijd", "jeugd"): 2, ("te_laat", "volwassenen"): 1})
    assert counts.goals == Counter()
    assert counts.handovers == Counter()
    assert counts.follow_up == Counter()
    assert counts.reentries == Counter()
    # Anouk's C1 is still open on 30 June: financiën improved 2 → 4.
    assert counts.zrm[("financien", "beter")] == 1
    assert counts.zrm[("huisvesting", "slechter")] == 1


def test_the_municipality_filter_counts_only_its_residents(history: History) -> None:
    counts = yearly_counts(Scope(2025, date(2025, 12, 31), municipality="amstelveen"))
    assert counts.population == Counter({("amstelveen", "jeugd"): 1})
    assert counts.inflow == Counter({("politie", "jeugd"): 2})
    assert counts.declined == Counter({("harde_criteria", "jeugd"): 1})
    assert counts.requests == Counter()
    assert counts.reviews == Counter({("op_tijd", "jeugd"): 1})


def test_the_target_group_filter_counts_only_that_group(history: History) -> None:
    counts = yearly_counts(Scope(2025, date(2025, 12, 31), target_group="volwassenen"))
    assert counts.population == Counter({("amsterdam", "volwassenen"): 1})
    assert counts.inflow == Counter({("top600", "volwassenen"): 1})
    assert counts.declined == Counter({("added_value", "volwassenen"): 1})
    assert counts.requests == Counter()


def test_default_peildatum_is_the_end_of_the_year_or_today() -> None:
    assert default_peildatum(2024, today=date(2026, 3, 1)) == date(2024, 12, 31)
    assert default_peildatum(2026, today=date(2026, 3, 1)) == date(2026, 3, 1)
    assert same_day(2025, date(2024, 2, 29)) == date(2025, 2, 28)


def test_days_are_local_days_even_just_after_midnight(writer: Writer) -> None:
    # 23:30 UTC on 31 December is half past midnight on 1 January in Amsterdam: the case came
    # in and went out in 2025 as the people involved saw it, on both databases.
    person = writer.person("Anouk", "amsterdam")
    new_year = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
    CaseEvent.objects.create(type=EventType.CASE_OPENED, actor=writer.actor, person=person,
                             case_id=7, occurred_at=new_year,
                             payload={"target_group": "jeugd", "origin": "nieuw"})  # fmt: skip
    CaseEvent.objects.create(type=EventType.OUTFLOW_CONFIRMED, actor=writer.actor, person=person,
                             case_id=7, occurred_at=new_year + timedelta(days=181),
                             payload={"reason": "doelen_bereikt"})  # fmt: skip

    history = load_history(END_2025)

    assert history.cases[7].opened == date(2025, 1, 1)
    assert history.outflows == [(7, date(2025, 7, 1), "doelen_bereikt", None)]


def test_the_counts_take_seven_queries(history: History) -> None:
    with CaptureQueriesContext(connection) as captured:
        yearly_counts(END_2025)
    assert len(captured) == 7
