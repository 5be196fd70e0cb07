"""k-anonymity, generalisation and keyed pseudonyms for the research export."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.monitor.kanon import (
    DEFAULT_AGE_BANDS,
    PSEUDONYM_LENGTH,
    age_band,
    age_on,
    k_anonymize,
    keyed_pseudonym,
    month_of,
    project_key,
)

KEY_A = b"a" * 32
KEY_B = b"b" * 32


def row(age: str, gender: str, municipality: str, **rest: object) -> dict[str, object]:
    return {"age_band": age, "gender": gender, "municipality": municipality, **rest}


QUASI_IDENTIFIERS = ("age_band", "gender", "municipality")


def test_rows_in_a_combination_of_fewer_than_k_are_suppressed_and_counted() -> None:
    rows = [row("18–22", "m", "Amsterdam", n=i) for i in range(5)]
    rows += [row("18–22", "v", "Amsterdam", n=i) for i in range(5, 7)]
    rows += [row("40+", "m", "Diemen", n=7)]
    result = k_anonymize(rows, QUASI_IDENTIFIERS, k=5)
    assert [r["n"] for r in result.kept] == [0, 1, 2, 3, 4]
    assert [r["n"] for r in result.suppressed] == [5, 6, 7]
    assert result.suppressed_count == 3


def test_default_k_is_five() -> None:
    rows = [row("23–29", "m", "Aalsmeer")] * 4
    assert k_anonymize(rows, QUASI_IDENTIFIERS).suppressed_count == 4
    assert k_anonymize([*rows, rows[0]], QUASI_IDENTIFIERS).suppressed_count == 0


def test_columns_outside_the_quasi_identifiers_do_not_split_a_class() -> None:
    rows = [row("30–39", "m", "Ouder-Amstel", offences=i) for i in range(5)]
    assert k_anonymize(rows, QUASI_IDENTIFIERS).suppressed_count == 0


def test_a_row_without_a_quasi_identifier_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="municipality"):
        k_anonymize([{"age_band": "40+", "gender": "m"}], QUASI_IDENTIFIERS)


@pytest.mark.parametrize(("k", "columns"), [(0, QUASI_IDENTIFIERS), (5, ())])
def test_k_and_quasi_identifiers_are_checked(k: int, columns: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match=r"k|quasi"):
        k_anonymize([], columns, k=k)


@settings(max_examples=200, deadline=None, database=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "age_band": st.sampled_from(["12–17", "18–22", "40+"]),
                "gender": st.sampled_from(["m", "v", "x"]),
                "municipality": st.sampled_from(["Amsterdam", "Diemen"]),
            }
        ),
        max_size=60,
    ),
    k=st.integers(1, 6),
)
def test_every_kept_combination_occurs_at_least_k_times(rows: list[dict[str, str]], k: int) -> None:
    result = k_anonymize(rows, QUASI_IDENTIFIERS, k=k)
    kept = Counter(tuple(r[c] for c in QUASI_IDENTIFIERS) for r in result.kept)
    assert all(count >= k for count in kept.values())
    assert len(result.kept) + result.suppressed_count == len(rows)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (11, "<12"),
        (12, "12–17"),
        (17, "12–17"),
        (18, "18–22"),
        (22, "18–22"),
        (23, "23–29"),
        (29, "23–29"),
        (30, "30–39"),
        (39, "30–39"),
        (40, "40+"),
        (87, "40+"),
    ],
)
def test_default_age_bands(age: int, band: str) -> None:
    assert age_band(age) == band


def test_age_bands_are_configurable() -> None:
    assert DEFAULT_AGE_BANDS == (12, 18, 23, 30, 40)
    assert age_band(25, bands=(16, 25, 35)) == "25–34"
    assert age_band(15, bands=(16, 25, 35)) == "<16"


@pytest.mark.parametrize("bands", [(), (18, 12), (12, 12, 18)])
def test_age_bands_must_ascend(bands: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="ascending"):
        age_band(20, bands=bands)


def test_age_counts_completed_years() -> None:
    assert age_on(date(2008, 3, 15), date(2026, 3, 14)) == 17
    assert age_on(date(2008, 3, 15), date(2026, 3, 15)) == 18
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_month_generalises_a_date() -> None:
    assert month_of(date(2026, 3, 9)) == "2026-03"


def test_pseudonym_is_stable_within_a_project() -> None:
    first = keyed_pseudonym(KEY_A, 42, "wodc-2026")
    assert first == keyed_pseudonym(KEY_A, 42, "wodc-2026")
    assert len(first) == PSEUDONYM_LENGTH
    assert int(first, 16) >= 0


def test_pseudonym_differs_per_person_project_and_key() -> None:
    base = keyed_pseudonym(KEY_A, 42, "wodc-2026")
    assert keyed_pseudonym(KEY_A, 43, "wodc-2026") != base
    assert keyed_pseudonym(KEY_A, 42, "wodc-2027") != base
    assert keyed_pseudonym(KEY_B, 42, "wodc-2026") != base


def test_pseudonym_is_the_documented_truncated_hmac() -> None:
    expected = hmac.new(KEY_A, b"wodc-2026\x1f42", hashlib.sha256).hexdigest()[:16]
    assert keyed_pseudonym(KEY_A, 42, "wodc-2026") == expected


def test_distinct_persons_get_distinct_pseudonyms() -> None:
    pseudonyms = {keyed_pseudonym(KEY_A, person, "p") for person in range(5000)}
    assert len(pseudonyms) == 5000


def test_short_keys_and_separator_in_project_name_are_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        keyed_pseudonym(b"short", 1, "p")
    with pytest.raises(ValueError, match="separator"):
        keyed_pseudonym(KEY_A, 1, "p\x1f2")


def test_fresh_project_keys_differ() -> None:
    assert len(project_key()) == 32
    assert project_key() != project_key()
