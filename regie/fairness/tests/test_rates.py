"""Rate ratios per resident (rates.py): hand-computed, and groups of zero and one."""

from __future__ import annotations

import math

import pytest

from regie.fairness.rates import rate_ratio
from regie.monitor.stats import Undefined

Z = 1.959963984540054


def test_the_ratio_and_interval_follow_katz_for_counts() -> None:
    result = rate_ratio(40, 10_000, 20, 10_000)
    se = math.sqrt(1 / 40 + 1 / 20)
    assert result.ratio == pytest.approx(2.0)
    assert result.ci_low == pytest.approx(2.0 * math.exp(-Z * se))
    assert result.ci_high == pytest.approx(2.0 * math.exp(Z * se))
    assert result.flag


def test_the_p_value_is_the_exact_conditional_binomial_test() -> None:
    # 3 events against 1 with equal populations: Binomial(4, ½); P(X=3)=P(X=1)=4/16, the
    # extremes 1/16 each, the middle 6/16: p = (4+4+1+1)/16 = 0.625, mid-p = 0.625 − 2/16.
    result = rate_ratio(3, 1000, 1, 1000)
    assert result.p_value == pytest.approx(0.625)
    assert result.mid_p_value == pytest.approx(0.5)


def test_a_group_of_one_gets_a_wide_corrected_interval_and_no_flag() -> None:
    result = rate_ratio(1, 1, 0, 10_000)
    assert result.corrected
    assert result.ratio is not None
    assert result.ci_low is not None
    assert result.ci_low < result.ratio


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((0, 0, 3, 100), Undefined.EMPTY_POPULATION),
        ((3, 100, 0, 0), Undefined.EMPTY_REFERENCE),
        ((0, 100, 0, 100), Undefined.NO_SUCCESSES),
    ],
)
def test_empty_groups_are_undefined_with_a_reason_never_an_error(args, reason) -> None:
    result = rate_ratio(*args)
    assert result.ratio is None
    assert result.undefined == reason
    assert not result.flag


def test_more_events_than_residents_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="impossible"):
        rate_ratio(5, 4, 1, 10)
