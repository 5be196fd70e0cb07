"""Comparing two rates per resident: the ratio, its interval and an exact test.

``stats.disparity_ratio`` compares selection rates (successes out of a group). A rate per
10,000 residents compares a *count* with a population of hundreds of thousands; Fisher's test on
such a 2×2 table costs a tenth of a second per group, and with residents ≫ count it converges to
the exact conditional test for two Poisson rates, which costs only the count. So here: given
``x₁ + x₂`` events, ``x₁`` is binomial with ``p₀ = r₁ / (r₁ + r₂)`` under equal rates; the
two-sided p-value sums the probabilities no larger than the observed one (the same rule and
tolerance as Fisher's test in ``stats``), the mid-p subtracts half the observed probability.
The interval is Katz's log interval for counts, ``ln RR ± z·√(1/x₁ + 1/x₂)``, with 0.5 added to
both counts when one is zero (as ``disparity_ratio`` does), and the flag is the same rule:
outside ``FLAG_BAND`` and an interval that excludes 1.
"""

from __future__ import annotations

import math
from dataclasses import replace

from regie.monitor.stats import FLAG_BAND, Disparity, Undefined, z_value

_TOLERANCE = 1e-7


def _binomial_test(x: int, total: int, p: float) -> tuple[float, float]:
    if total == 0:
        return 1.0, 1.0
    if p <= 0 or p >= 1:
        return 1.0, 0.5
    log_p, log_q = math.log(p), math.log1p(-p)
    logs = [
        math.lgamma(total + 1)
        - math.lgamma(k + 1)
        - math.lgamma(total - k + 1)
        + k * log_p
        + (total - k) * log_q
        for k in range(total + 1)
    ]
    top = max(logs)
    probs = [math.exp(v - top) for v in logs]
    norm = sum(probs)
    observed = probs[x]
    p_value = sum(q for q in probs if q <= observed * (1 + _TOLERANCE)) / norm
    return min(1.0, p_value), min(1.0, p_value - observed / norm / 2)


def rate_ratio(
    count: int, residents: int, ref_count: int, ref_residents: int, *, level: float = 0.95
) -> Disparity:
    """The ratio of a group's rate per resident to the reference group's (see the module).

    Returns a :class:`~regie.monitor.stats.Disparity` so the page treats both kinds alike;
    ``group_n`` and ``reference_n`` are the resident counts. A group or reference without
    residents, or no events in either, is undefined. Raises ``ValueError`` for negative counts
    or more events than residents.
    """
    for events, population in ((count, residents), (ref_count, ref_residents)):
        if events < 0 or population < 0 or events > population:
            raise ValueError(f"impossible count {events} of {population}")
    undefined = None
    if residents == 0:
        undefined = Undefined.EMPTY_POPULATION
    elif ref_residents == 0:
        undefined = Undefined.EMPTY_REFERENCE
    elif count == 0 and ref_count == 0:
        undefined = Undefined.NO_SUCCESSES
    p_value = mid_p = None
    if residents and ref_residents:
        p_value, mid_p = _binomial_test(
            count, count + ref_count, residents / (residents + ref_residents)
        )
    result = Disparity(
        group_successes=count,
        group_n=residents,
        reference_successes=ref_count,
        reference_n=ref_residents,
        level=level,
        group_rate=count / residents if residents else None,
        reference_rate=ref_count / ref_residents if ref_residents else None,
        ratio=None,
        ci_low=None,
        ci_high=None,
        p_value=p_value,
        mid_p_value=mid_p,
        corrected=False,
        flag=False,
        method="katz-log (poisson), exact conditional binomial",
        undefined=undefined,
    )
    if undefined is not None:
        return result
    corrected = count == 0 or ref_count == 0
    a, c = (count + 0.5, ref_count + 0.5) if corrected else (float(count), float(ref_count))
    log_ratio = math.log((a / residents) / (c / ref_residents))
    se = math.sqrt(1 / a + 1 / c)
    z = z_value(level)
    ratio, low, high = (math.exp(log_ratio + k * z * se) for k in (0, -1, 1))
    flag = (ratio < FLAG_BAND[0] or ratio > FLAG_BAND[1]) and (low > 1 or high < 1)
    return replace(result, ratio=ratio, ci_low=low, ci_high=high, corrected=corrected, flag=flag)
