from __future__ import annotations

import datetime

from regie.persons.matching import MATCH_THRESHOLD, birth_dates, name_score, normalise


def test_names_are_compared_without_case_accents_or_punctuation() -> None:
    assert normalise("  Zoë  O'Neill-Çelik ") == "zoe o neill celik"


def test_a_typo_in_the_surname_still_matches() -> None:
    assert name_score("Daan", "", "Janssen", "Daan", "", "Jansen") >= MATCH_THRESHOLD


def test_a_prefix_typed_into_the_surname_is_the_same_surname() -> None:
    assert name_score("Sem", "", "van der Berg", "Sem", "van der", "Berg") == 100


def test_first_and_last_name_swapped_still_match() -> None:
    assert name_score("Jansen", "", "Daan", "Daan", "", "Jansen") >= MATCH_THRESHOLD


def test_a_different_person_does_not_match() -> None:
    assert name_score("Daan", "", "Jansen", "Mohamed", "el", "Amrani") < MATCH_THRESHOLD
    assert name_score("Daan", "", "Jansen", "Daan", "", "Bakker") < MATCH_THRESHOLD


def test_a_birth_date_is_also_searched_with_day_and_month_swapped() -> None:
    assert birth_dates(datetime.date(2004, 5, 7)) == [
        datetime.date(2004, 5, 7),
        datetime.date(2004, 7, 5),
    ]


def test_a_day_that_cannot_be_a_month_is_searched_as_is() -> None:
    assert birth_dates(datetime.date(2004, 5, 17)) == [datetime.date(2004, 5, 17)]
    assert birth_dates(datetime.date(2004, 6, 6)) == [datetime.date(2004, 6, 6)]
