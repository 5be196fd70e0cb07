"""The ZRM change per life domain, counted in the database (``regie.monitor.zrm``), on both
databases: the latest review counts, a correction replaces what it corrects, nothing after the
peildatum counts, and cases outside the approach, without an assessment or without a whole-number
score are left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.events.models import EventType
from regie.monitor.tests.conftest import ADMISSION, Writer, at
from regie.monitor.zrm import _LATEST, zrm_changes
from regie.persons.models import Person

PEILDATUM_END = at(date(2025, 12, 31))


def _case(
    w: Writer, case_id: int, name: str, *, assessed: bool = True
) -> tuple[Person, int | None]:
    person = w.person(name, "amsterdam")
    nomination = w.nomination(person, w.politie, "jeugd") if assessed else None
    w.open_case(case_id, person, date(2025, 1, 10), "jeugd", nomination=nomination)
    return person, nomination.pk if nomination else None


def _review(w: Writer, case_id: int, person: Person, nomination_id: int | None, day: date,
            zrm: Mapping[str, object], *, corrected: bool = False) -> None:  # fmt: skip
    w.event(
        EventType.REVIEW_CORRECTED if corrected else EventType.REVIEW_HELD,
        day,
        person,
        case_id=case_id,
        nomination_id=nomination_id,
        zrm=zrm,
    )


def test_the_latest_review_counts_and_a_correction_replaces_it(writer: Writer) -> None:
    w = writer
    person, nomination = _case(w, 1, "Anouk")
    _review(w, 1, person, nomination, date(2025, 3, 1), ADMISSION | {"financien": 1})
    _review(w, 1, person, nomination, date(2025, 6, 1), ADMISSION | {"huisvesting": 1})
    # The June review corrected in July: financiën 2 → 5, huisvesting as at admission.
    _review(w, 1, person, nomination, date(2025, 7, 1), ADMISSION | {"financien": 5},
            corrected=True)  # fmt: skip

    changes = zrm_changes({1}, PEILDATUM_END)

    expected = Counter({(domain, "gelijk"): 1 for domain in ADMISSION})
    expected[("financien", "gelijk")] = 0
    expected[("financien", "beter")] = 1
    assert +changes == +expected


def test_of_two_reviews_at_the_same_moment_the_one_recorded_last_counts(writer: Writer) -> None:
    w = writer
    person, nomination = _case(w, 1, "Anouk")
    _review(w, 1, person, nomination, date(2025, 6, 1), ADMISSION | {"financien": 1})
    _review(w, 1, person, nomination, date(2025, 6, 1), ADMISSION | {"financien": 5},
            corrected=True)  # fmt: skip

    changes = zrm_changes({1}, PEILDATUM_END)

    assert changes[("financien", "beter")] == 1
    assert changes[("financien", "slechter")] == 0


def test_reviews_after_the_peildatum_and_cases_outside_the_approach_do_not_count(
    writer: Writer,
) -> None:
    w = writer
    anouk, anouk_nomination = _case(w, 1, "Anouk")
    bram, bram_nomination = _case(w, 2, "Bram")
    _review(w, 1, anouk, anouk_nomination, date(2025, 5, 1), ADMISSION | {"justitie": 4})
    _review(w, 1, anouk, anouk_nomination, date(2026, 1, 5), ADMISSION | {"justitie": 1})
    _review(w, 2, bram, bram_nomination, date(2025, 5, 1), ADMISSION | {"justitie": 1})

    changes = zrm_changes({1}, PEILDATUM_END)

    assert changes[("justitie", "beter")] == 1
    assert changes[("justitie", "slechter")] == 0
    assert sum(changes.values()) == len(ADMISSION)


def test_cases_without_an_assessment_and_scores_that_are_not_whole_numbers_are_left_out(
    writer: Writer,
) -> None:
    w = writer
    transition, none = _case(w, 1, "Bram", assessed=False)
    cor, nomination = _case(w, 2, "Cor")
    _review(w, 1, transition, none, date(2025, 5, 1), ADMISSION)
    _review(w, 2, cor, nomination, date(2025, 5, 1),
            {"financien": 4, "huisvesting": "onbekend", "justitie": None, "adl": 2.5})  # fmt: skip

    changes = zrm_changes({1, 2}, PEILDATUM_END)

    assert changes == Counter({("financien", "beter"): 1})


def test_one_query_whatever_the_number_of_cases(writer: Writer) -> None:
    w = writer
    ids = set()
    for case_id in range(1, 6):
        person, nomination = _case(w, case_id, f"Persoon{case_id}")
        _review(w, case_id, person, nomination, date(2025, 5, 1), ADMISSION)
        ids.add(case_id)

    with CaptureQueriesContext(connection) as queries:
        changes = zrm_changes(ids | set(range(1000, 3000)), PEILDATUM_END)

    assert len(queries) == 1
    assert changes[("financien", "gelijk")] == 5


def test_the_latest_review_is_read_from_the_partial_index(writer: Writer) -> None:
    """The review types are written into the SQL: with bound parameters SQLite cannot match the
    index's condition and sorts every review of the case instead."""
    w = writer
    person, nomination = _case(w, 1, "Anouk")
    _review(w, 1, person, nomination, date(2025, 5, 1), ADMISSION)
    sql = _LATEST.format(case="%s")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", [1, PEILDATUM_END])
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", [1, PEILDATUM_END])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "event_review_latest" in plan
