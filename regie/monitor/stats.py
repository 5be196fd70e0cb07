"""Small-sample statistics for the yearly and fairness monitors (DESIGN.md §9, docs/statistics.md).

Every function takes plain counts and returns a frozen dataclass. A figure that cannot be
computed (an empty group, a population of zero) comes back with its estimate set to ``None`` and
a :class:`Undefined` reason, never as an exception or a division by zero. Counts that cannot be
counts (negative, more successes than trials) are programming errors and raise ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import NormalDist

from django.db import models
from django.utils.translation import gettext_lazy as _

#: A disparity ratio inside this band is never flagged (the "four-fifths rule" and its inverse).
FLAG_BAND = (0.8, 1.25)

#: Relative tolerance when comparing hypergeometric probabilities, as R's ``fisher.test`` does,
#: so that tables of equal probability are not split by floating-point noise.
_FISHER_TOLERANCE = 1e-7

_METHOD = "katz-log, fisher-exact"
_METHOD_CORRECTED = "katz-log with haldane-anscombe 0.5, fisher-exact"


class Undefined(models.TextChoices):
    """Why an estimate could not be computed."""

    EMPTY_GROUP = "empty_group", _("De groep is leeg")
    EMPTY_REFERENCE = "empty_reference", _("De referentiegroep is leeg")
    NO_SUCCESSES = "no_successes", _("In geen van beide groepen komt de uitkomst voor")
    EMPTY_POPULATION = "empty_population", _("De bevolking is nul")


@dataclass(frozen=True)
class Proportion:
    """A selection rate ``successes / n`` with its Wilson score interval."""

    successes: int
    n: int
    level: float
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    undefined: Undefined | None = None


@dataclass(frozen=True)
class Disparity:
    """The ratio of a group's selection rate to a reference group's, with a Katz interval.

    ``ratio`` and the interval use the Haldane–Anscombe correction when ``corrected`` is true (a
    cell of the 2×2 table was zero); ``group_rate`` and ``reference_rate`` are always the raw
    rates. ``p_value`` is Fisher's exact two-sided test and ``mid_p_value`` its mid-p variant.
    ``flag`` is the issue's rule: the ratio lies outside :data:`FLAG_BAND` *and* the interval
    excludes 1.
    """

    group_successes: int
    group_n: int
    reference_successes: int
    reference_n: int
    level: float
    group_rate: float | None
    reference_rate: float | None
    ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    mid_p_value: float | None
    corrected: bool
    flag: bool
    method: str
    undefined: Undefined | None = None

    @property
    def significant(self) -> bool:
        """Fisher's exact test rejects equal rates at ``1 - level``."""
        return self.p_value is not None and self.p_value < 1 - self.level


@dataclass(frozen=True)
class Rate:
    """A count per ``per`` residents with an exact Poisson (Garwood) interval."""

    count: int
    population: int
    per: int
    level: float
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    undefined: Undefined | None = None


@dataclass(frozen=True)
class FisherResult:
    p_value: float
    mid_p_value: float


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ValueError(f"confidence level must lie strictly between 0 and 1, not {level}")


def z_value(level: float) -> float:
    """The two-sided standard normal quantile for a confidence level (1.959964 for 0.95)."""
    _check_level(level)
    return NormalDist().inv_cdf(0.5 + level / 2)


def _check_counts(successes: int, n: int) -> None:
    if n < 0 or successes < 0:
        raise ValueError(f"counts cannot be negative: {successes}/{n}")
    if successes > n:
        raise ValueError(f"more successes than trials: {successes}/{n}")


def proportion_ci(successes: int, n: int, level: float = 0.95) -> Proportion:
    """The rate ``successes / n`` with its Wilson score interval.

    Wilson's interval keeps its coverage for small ``n`` and rates near 0 or 1, where the usual
    Wald interval collapses to a point; for ``n = 1`` it is wide, as it should be
    (0/1 → [0, 0.7935]). ``n = 0`` gives an undefined rate.
    """
    _check_counts(successes, n)
    z = z_value(level)
    if n == 0:
        return Proportion(successes, n, level, None, None, None, Undefined.EMPTY_GROUP)
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Proportion(successes, n, level, p, low, high)


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(a: int, b: int, c: int, d: int) -> FisherResult:
    """Fisher's exact test on the 2×2 table ``[[a, b], [c, d]]``, two-sided.

    The p-value sums the hypergeometric probabilities (margins fixed) of every table no more
    probable than the observed one, as R's ``fisher.test`` does. Probabilities are computed in
    log space with ``lgamma`` and normalised over the support, so margins of tens of thousands
    stay exact to about 1e-10. The mid-p value subtracts half the probability of the observed
    table (Lancaster), which is less conservative for small groups.
    """
    for count in (a, b, c, d):
        if count < 0:
            raise ValueError(f"counts cannot be negative: {[[a, b], [c, d]]}")
    row1, row2, col1 = a + b, c + d, a + c
    low, high = max(0, col1 - row2), min(col1, row1)
    logs = [_log_comb(row1, x) + _log_comb(row2, col1 - x) for x in range(low, high + 1)]
    peak = max(logs)
    weights = [math.exp(value - peak) for value in logs]
    total = math.fsum(weights)
    observed = weights[a - low]
    p_value = math.fsum(w for w in weights if w <= observed * (1 + _FISHER_TOLERANCE)) / total
    return FisherResult(
        p_value=min(1.0, p_value), mid_p_value=min(1.0, p_value - observed / total / 2)
    )


def disparity_ratio(
    a_success: int, a_n: int, ref_success: int, ref_n: int, *, level: float = 0.95
) -> Disparity:
    """The ratio of the group's selection rate to the reference group's, with a Katz interval.

    Katz's log method: ``ln RR ± z·√(1/a − 1/n₁ + 1/c − 1/n₂)``. When any cell of the 2×2 table
    is zero, 0.5 is added to every cell first (Haldane–Anscombe), for the ratio and its interval
    alike; without it a zero cell gives an infinite ratio or a zero-width interval (a group of one
    whose one member was selected would look certain). An empty group, an empty reference group,
    or no successes in either group gives an undefined ratio, never a flag.
    """
    _check_counts(a_success, a_n)
    _check_counts(ref_success, ref_n)
    z = z_value(level)
    cells = (a_success, a_n - a_success, ref_success, ref_n - ref_success)
    fisher = fisher_exact(*cells) if a_n and ref_n else None
    undefined = _undefined_reason(a_success, a_n, ref_success, ref_n)
    result = Disparity(
        group_successes=a_success,
        group_n=a_n,
        reference_successes=ref_success,
        reference_n=ref_n,
        level=level,
        group_rate=a_success / a_n if a_n else None,
        reference_rate=ref_success / ref_n if ref_n else None,
        ratio=None,
        ci_low=None,
        ci_high=None,
        p_value=fisher.p_value if fisher else None,
        mid_p_value=fisher.mid_p_value if fisher else None,
        corrected=False,
        flag=False,
        method=_METHOD,
        undefined=undefined,
    )
    if undefined is not None:
        return result
    corrected = 0 in cells
    a, b, c, d = (cell + 0.5 for cell in cells) if corrected else map(float, cells)
    log_ratio = math.log((a / (a + b)) / (c / (c + d)))
    se = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
    ratio, ci_low, ci_high = (math.exp(log_ratio + k * z * se) for k in (0, -1, 1))
    outside_band = ratio < FLAG_BAND[0] or ratio > FLAG_BAND[1]
    excludes_one = ci_low > 1 or ci_high < 1
    return replace(
        result,
        ratio=ratio,
        ci_low=ci_low,
        ci_high=ci_high,
        corrected=corrected,
        flag=outside_band and excludes_one,
        method=_METHOD_CORRECTED if corrected else _METHOD,
    )


def _undefined_reason(a_success: int, a_n: int, ref_success: int, ref_n: int) -> Undefined | None:
    if a_n == 0:
        return Undefined.EMPTY_GROUP
    if ref_n == 0:
        return Undefined.EMPTY_REFERENCE
    if a_success == 0 and ref_success == 0:
        return Undefined.NO_SUCCESSES
    return None


def _regularized_lower_gamma(shape: float, x: float) -> float:
    """P(shape, x), the regularised lower incomplete gamma function (Numerical Recipes §6.2)."""
    if x <= 0:
        return 0.0
    log_prefactor = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1:
        term = total = 1 / shape
        denominator = shape
        while abs(term) > abs(total) * 1e-16:
            denominator += 1
            term *= x / denominator
            total += term
        return min(1.0, total * math.exp(log_prefactor))
    # Lentz's continued fraction for the upper function Q = 1 - P.
    tiny = 1e-300
    b = x + 1 - shape
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 10_001):
        an = -i * (i - shape)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16:
            break
    return max(0.0, 1 - math.exp(log_prefactor) * h)


def _gamma_quantile(probability: float, shape: float) -> float:
    """The ``probability`` quantile of Gamma(shape, 1), by bisection on P(shape, x)."""
    low, high = 0.0, shape + 10 * math.sqrt(shape) + 10
    while _regularized_lower_gamma(shape, high) < probability:
        low, high = high, high * 2
    for _step in range(200):
        middle = (low + high) / 2
        if _regularized_lower_gamma(shape, middle) < probability:
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * max(1.0, high):
            break
    return (low + high) / 2


def poisson_ci(count: int, level: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood) interval for a Poisson mean given one observed ``count``.

    ``[χ²(α/2; 2x)/2, χ²(1−α/2; 2x+2)/2]``, computed as Gamma quantiles (χ²(p; 2k)/2 is the
    p-quantile of Gamma(k, 1)); the lower bound is 0 for a count of 0.
    """
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    _check_level(level)
    alpha = 1 - level
    low = 0.0 if count == 0 else _gamma_quantile(alpha / 2, count)
    return low, _gamma_quantile(1 - alpha / 2, count + 1)


def per_10000(count: int, population: int, *, level: float = 0.95, per: int = 10_000) -> Rate:
    """``count`` per ``per`` residents, with the exact Poisson interval scaled the same way.

    The population comes from the reference table and is treated as fixed; only the count is
    random. A population of zero gives an undefined rate.
    """
    if count < 0 or population < 0:
        raise ValueError(f"counts cannot be negative: {count} per {population}")
    _check_level(level)
    if population == 0:
        return Rate(count, population, per, level, None, None, None, Undefined.EMPTY_POPULATION)
    low, high = poisson_ci(count, level)
    scale = per / population
    return Rate(count, population, per, level, count * scale, low * scale, high * scale)
