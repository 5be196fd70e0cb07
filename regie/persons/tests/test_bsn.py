from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from regie.persons.forms import BsnField
from regie.persons.models import elfproef, validate_bsn
from regie.persons.tests.factories import BSN_A, BSN_B


@pytest.mark.parametrize("bsn", [BSN_A, BSN_B, "999999990"])
def test_a_number_passing_the_eleven_test_is_a_valid_bsn(bsn: str) -> None:
    assert elfproef(bsn)


@pytest.mark.parametrize(
    "bsn",
    [
        "111222334",  # last digit off by one
        "111222332",
        "11122233",  # 8 digits
        "1112223330",  # 10 digits
        "11122233a",
        "000000000",  # sums to 0 but is never issued
        "",
    ],
)
def test_anything_else_is_not_a_bsn(bsn: str) -> None:
    assert not elfproef(bsn)


def test_exactly_one_check_digit_passes_when_the_weighted_sum_allows_one() -> None:
    # 00000009x: 9 × 2 = 18 ≡ 7 (mod 11), so only x = 7 passes.
    assert [d for d in range(10) if elfproef(f"00000009{d}")] == [7]
    # 10000001x: 1 × 9 + 1 × 2 = 11 ≡ 0, so only x = 0 passes.
    assert [d for d in range(10) if elfproef(f"10000001{d}")] == [0]


def test_a_weighted_sum_of_ten_modulo_eleven_leaves_no_valid_check_digit() -> None:
    # 00000201x: 2 × 4 + 1 × 2 = 10, and no single digit x makes 10 − x divisible by 11.
    assert not any(elfproef(f"00000201{d}") for d in range(10))


def test_an_invalid_bsn_is_refused_in_dutch() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_bsn("111222334")
    assert "elfproef" in exc.value.messages[0]


def test_the_form_accepts_a_bsn_typed_with_spaces_and_dots() -> None:
    assert BsnField(required=False).clean("1112 22.333") == BSN_A
    with pytest.raises(ValidationError):
        BsnField(required=False).clean("1112 22.334")
