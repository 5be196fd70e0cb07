"""Selection rates, disparity ratios and rates per 10,000 against hand-computed and published
values (docs/statistics.md)."""

from __future__ import annotations

import math

import pytest

from regie.monitor.stats import (
    Undefined,
    disparity_ratio,
    fisher_exact,
    per_10000,
    poisson_ci,
    proportion_ci,
    z_value,
)


def test_z_value_for_95_percent_is_the_familiar_1_96() -> None:
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(0.90) == pytest.approx(1.644854, abs=1e-6)


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        (8, 20, 0.2188, 0.6134),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (1, 1, 0.2065, 1.0),
        (0, 1, 0.0, 0.7935),
        (81, 263, 0.2553, 0.3662),  # Newcombe (1998), example (a)
        (15, 148, 0.0624, 0.1605),  # Newcombe (1998), example (b)
        (0, 20, 0.0, 0.1611),  # Newcombe (1998), example (c)
    ],
)
def test_wilson_interval_matches_published_values(
    successes: int, n: int, low: float, high: float
) -> None:
    result = proportion_ci(successes, n)
    assert result.rate == successes / n
    assert result.ci_low == pytest.approx(low, abs=5e-5)
    assert result.ci_high == pytest.approx(high, abs=5e-5)
    assert result.undefined is None


def test_wilson_interval_is_symmetric_in_successes_and_failures() -> None:
    left, right = proportion_ci(3, 17), proportion_ci(14, 17)
    assert right.ci_low is not None
    assert right.ci_high is not None
    assert left.ci_low == pytest.approx(1 - right.ci_high)
    assert left.ci_high == pytest.approx(1 - right.ci_low)


def test_empty_group_has_no_rate_and_says_why() -> None:
    result = proportion_ci(0, 0)
    assert (result.rate, result.ci_low, result.ci_high) == (None, None, None)
    assert result.undefined == Undefined.EMPTY_GROUP


@pytest.mark.parametrize(("successes", "n"), [(-1, 5), (6, 5), (0, -1)])
def test_impossible_counts_are_refused(successes: int, n: int) -> None:
    with pytest.raises(ValueError, match=r"counts|successes"):
        proportion_ci(successes, n)


def test_confidence_level_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="level"):
        proportion_ci(1, 2, level=95)


@pytest.mark.parametrize(
    ("table", "p_value"),
    [
        ((1, 9, 11, 3), 0.002759),  # R: fisher.test(matrix(c(1, 11, 9, 3), 2))
        ((3, 1, 1, 3), 0.4857),  # Fisher's tea-tasting lady
        ((0, 5, 5, 0), 0.007937),  # 2 / C(10, 5)
        ((2, 3, 2, 3), 1.0),
        ((0, 0, 4, 6), 1.0),
    ],
)
def test_fisher_exact_two_sided_p_matches_r(
    table: tuple[int, int, int, int], p_value: float
) -> None:
    assert fisher_exact(*table).p_value == pytest.approx(
        p_value, abs=5e-7 if p_value < 0.01 else 5e-5
    )


def test_fisher_mid_p_takes_off_half_the_observed_table() -> None:
    result = fisher_exact(3, 1, 1, 3)
    observed = math.comb(4, 3) * math.comb(4, 1) / math.comb(8, 4)
    assert result.mid_p_value == pytest.approx(result.p_value - observed / 2)


def test_fisher_exact_stays_finite_for_tens_of_thousands() -> None:
    result = fisher_exact(410, 19_590, 300, 19_700)
    assert 0 < result.p_value < 1e-4


def test_disparity_ratio_uses_the_katz_log_interval() -> None:
    # Hand computation: RR = (1/10)/(11/14) = 0.127273;
    # SE = sqrt(1/1 - 1/10 + 1/11 - 1/14) = 0.958894; exp(ln RR ± 1.959964·SE).
    result = disparity_ratio(1, 10, 11, 14)
    assert result.ratio == pytest.approx(0.127273, abs=1e-6)
    assert result.ci_low == pytest.approx(0.019432, abs=1e-6)
    assert result.ci_high == pytest.approx(0.833583, abs=1e-6)
    assert result.p_value == pytest.approx(0.002759, abs=5e-7)
    assert result.corrected is False
    assert result.flag is True
    assert result.significant is True


def test_ratio_outside_the_band_is_not_flagged_when_the_interval_includes_one() -> None:
    result = disparity_ratio(3, 10, 2, 10)
    assert result.ratio == pytest.approx(1.5)
    assert result.ci_low is not None
    assert result.ci_low < 1
    assert result.flag is False


def test_interval_excluding_one_is_not_flagged_inside_the_band() -> None:
    result = disparity_ratio(11_000, 50_000, 10_000, 50_000)
    assert result.ratio == pytest.approx(1.1)
    assert result.ci_low is not None
    assert result.ci_low > 1
    assert result.flag is False


def test_zero_cell_gets_the_haldane_correction() -> None:
    # 0/8 against 6/12: cells + 0.5 → (0.5/9)/(6.5/13) = 0.111111;
    # SE = sqrt(1/0.5 - 1/9 + 1/6.5 - 1/13) = 1.402074.
    result = disparity_ratio(0, 8, 6, 12)
    assert result.corrected is True
    assert result.group_rate == 0.0
    assert result.ratio == pytest.approx(0.111111, abs=1e-6)
    assert result.ci_low == pytest.approx(0.111111 * math.exp(-1.959964 * 1.402074), rel=1e-5)
    assert result.ci_high == pytest.approx(0.111111 * math.exp(1.959964 * 1.402074), rel=1e-5)
    assert "haldane" in result.method
    assert result.flag is False


def test_reference_without_successes_gives_a_finite_corrected_ratio() -> None:
    result = disparity_ratio(10, 20, 0, 100)
    assert result.reference_rate == 0.0
    assert result.ratio == pytest.approx((10.5 / 21) / (0.5 / 101))
    assert result.flag is True


def test_empty_group_gives_no_ratio_and_no_flag() -> None:
    result = disparity_ratio(0, 0, 3, 10)
    assert (result.ratio, result.ci_low, result.ci_high, result.p_value) == (None,) * 4
    assert result.flag is False
    assert result.undefined == Undefined.EMPTY_GROUP


def test_empty_reference_group_gives_no_ratio_and_no_flag() -> None:
    result = disparity_ratio(3, 10, 0, 0)
    assert result.ratio is None
    assert result.group_rate == 0.3
    assert result.flag is False
    assert result.undefined == Undefined.EMPTY_REFERENCE


def test_no_successes_anywhere_gives_no_ratio_but_a_p_value_of_one() -> None:
    result = disparity_ratio(0, 4, 0, 30)
    assert result.ratio is None
    assert result.p_value == 1.0
    assert result.flag is False
    assert result.undefined == Undefined.NO_SUCCESSES


def test_group_of_one_is_never_certain() -> None:
    # Without the correction 1/1 against 5/10 would give SE = sqrt(0 + 1/5 - 1/10) and a flag.
    selected = disparity_ratio(1, 1, 5, 10)
    assert selected.ratio == pytest.approx(1.5)
    assert selected.ci_low is not None
    assert selected.ci_low < 1
    assert selected.p_value == 1.0
    assert selected.flag is False
    not_selected = disparity_ratio(0, 1, 5, 10)
    assert not_selected.ratio == pytest.approx((0.5 / 2) / (5.5 / 11))
    assert not_selected.flag is False


def test_group_of_one_against_a_large_reference_without_successes_is_extreme() -> None:
    result = disparity_ratio(1, 1, 0, 1000)
    assert result.p_value == pytest.approx(1 / 1001)
    assert result.flag is True


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        (0, 0.0, 3.6889),  # Garwood (1936); -ln(0.025)
        (1, 0.0253, 5.5716),
        (5, 1.6235, 11.6683),
        (10, 4.7954, 18.3904),
        (100, 81.3640, 121.6268),
    ],
)
def test_exact_poisson_interval_matches_published_tables(
    count: int, low: float, high: float
) -> None:
    result_low, result_high = poisson_ci(count)
    assert result_low == pytest.approx(low, abs=5e-5)
    assert result_high == pytest.approx(high, abs=5e-5)


def test_rate_per_10000_scales_count_and_interval() -> None:
    result = per_10000(10, 40_000)
    assert result.rate == pytest.approx(2.5)
    assert result.ci_low == pytest.approx(4.7954 / 4, abs=5e-5)
    assert result.ci_high == pytest.approx(18.3904 / 4, abs=5e-5)


def test_rate_for_a_population_of_zero_is_undefined() -> None:
    result = per_10000(3, 0)
    assert result.rate is None
    assert result.undefined == Undefined.EMPTY_POPULATION


def test_large_counts_keep_an_interval_close_to_the_normal_one() -> None:
    low, high = poisson_ci(40_000)
    assert low == pytest.approx(40_000 - 1.96 * 200, rel=1e-3)
    assert high == pytest.approx(40_000 + 1.96 * 200, rel=1e-3)
