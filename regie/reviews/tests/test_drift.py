"""Drift detection: an active case is flagged for an early review when its person no longer
meets the adopted criteria, or an exclusion fact appears — once, with the reason shown."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.cases.models import Case
from regie.events.models import CaseEvent, EventType
from regie.persons.imports import facts_import
from regie.persons.models import FactKind
from regie.reviews.models import Decision, FlagKind, FlagResolution, ReviewFlag
from regie.reviews.services import review_flags_scan
from regie.reviews.tests.helpers import (
    add_fact,
    audits_since,
    events_since,
    hold,
    last_audit_seq,
    last_event_id,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


def _flags(case: Case) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in ReviewFlag.objects.filter(case=case).order_by("pk")]


def test_detention_with_more_than_24_months_remaining_is_flagged(case, politie) -> None:
    add_fact(case.person, politie, FactKind.DETENTION, date(2026, 6, 1), end_date=date(2028, 7, 2))
    result = review_flags_scan()
    assert (result.cases, result.created) == (1, 1)
    assert _flags(case) == [
        (
            FlagKind.DETENTION,
            "Lopende detentie tot 02-07-2028: meer dan 24 maanden na 01-07-2026 "
            "(grens 01-07-2028).",
        )
    ]


def test_detention_of_exactly_24_months_is_not_flagged(case, politie) -> None:
    add_fact(case.person, politie, FactKind.DETENTION, date(2026, 6, 1), end_date=date(2028, 7, 1))
    assert review_flags_scan().created == 0


def test_loss_of_lawful_residence_is_flagged(case, politie) -> None:
    add_fact(
        case.person,
        politie,
        FactKind.RESIDENCE,
        date(2026, 6, 15),
        residence_status="geen_rechtmatig_verblijf",
    )
    review_flags_scan()
    assert _flags(case) == [
        (FlagKind.RESIDENCE, "Geen rechtmatig verblijf (geregistreerd 15-06-2026).")
    ]


def test_death_is_flagged(case, politie) -> None:
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    review_flags_scan()
    assert _flags(case) == [(FlagKind.DECEASED, "Overleden op 30-06-2026.")]


def test_moving_out_of_the_region_is_flagged(case, politie) -> None:
    add_fact(case.person, politie, FactKind.MOVED, date(2026, 6, 20), municipality="buiten_regio")
    review_flags_scan()
    assert _flags(case) == [(FlagKind.MOVED, "Verhuisd naar buiten de regio op 20-06-2026.")]


def test_living_outside_the_region_is_flagged(open_case, make_person) -> None:
    case = open_case(person=make_person(municipality="buiten_regio"))
    review_flags_scan()
    assert _flags(case) == [(FlagKind.MOVED, "Woongemeente: buiten de regio.")]
    assert ReviewFlag.objects.get().basis == "woongemeente"


def test_a_fact_after_the_scan_date_does_not_count(case, politie) -> None:
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    assert review_flags_scan(on_date=date(2026, 6, 29)).created == 0


def test_a_person_no_longer_meeting_the_adopted_criteria_is_flagged(
    case, politie, adopted_sets
) -> None:
    for day in (date(2021, 3, 1), date(2021, 5, 1), date(2021, 9, 1)):
        add_fact(
            case.person, politie, FactKind.OFFENCE, day, category="straatroof", role="verdachte"
        )
    result = review_flags_scan()
    assert result.unchecked_groups == ()
    flag = ReviewFlag.objects.get(case=case)
    assert flag.kind == FlagKind.CRITERIA
    assert flag.basis == f"set:{adopted_sets['volwassenen'].pk}"
    assert flag.text == (
        "Voldoet niet meer aan de harde criteria van Volwassenen met herhaald geweld (versie 1): "
        "1 van 3 vereiste registraties als verdachte in 5 jaar tot en met 01-07-2026 "
        "(straatroof 01-09-2021)."
    )


def test_a_person_meeting_the_criteria_is_not_flagged(case, politie, adopted_sets) -> None:
    for day in (date(2024, 3, 1), date(2025, 5, 1), date(2026, 1, 9)):
        add_fact(case.person, politie, FactKind.OFFENCE, day, category="overval", role="verdachte")
    assert review_flags_scan().created == 0


def test_without_an_adopted_set_the_criteria_are_not_checked_and_the_scan_says_so(
    case, politie
) -> None:
    add_fact(
        case.person,
        politie,
        FactKind.OFFENCE,
        date(2019, 1, 1),
        category="overval",
        role="verdachte",
    )
    result = review_flags_scan()
    assert result.created == 0
    assert set(result.unchecked_groups) == {"jeugd", "volwassenen", "doorgroeiers"}
    out = StringIO()
    call_command("reviews", "scan", "--no-progress", stdout=out)
    assert (
        "Geen vastgestelde criteriaset voor doelgroep 'Volwassenen met herhaald geweld': "
        "'voldoet niet meer aan de criteria' is niet getoetst." in out.getvalue()
    )
    assert "1 actieve casussen getoetst, 0 signalen, 0 nieuw gemarkeerd" in out.getvalue()


def test_scanning_twice_flags_once(case, politie) -> None:
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    event, seq = last_event_id(), last_audit_seq()
    assert review_flags_scan().created == 1
    assert review_flags_scan().created == 0
    flag = ReviewFlag.objects.get()
    assert events_since(event) == [
        (EventType.REVIEW_FLAGGED, {"flag_id": flag.pk, "kind": "overleden"})
    ]
    assert CaseEvent.objects.get(pk__gt=event).case_id == case.pk
    assert audits_since(seq) == [("create", "review_flag")]


def test_a_review_resolves_the_flag_and_the_same_fact_is_not_flagged_again(
    case, politie, regisseur
) -> None:
    add_fact(case.person, politie, FactKind.DETENTION, date(2026, 6, 1), end_date=date(2029, 1, 1))
    review_flags_scan()
    review = hold(case, regisseur)
    assert review.kind == "vervroegd"
    flag = ReviewFlag.objects.get()
    assert (flag.resolution, flag.resolved_by_review) == (FlagResolution.REVIEW, review)
    assert review_flags_scan().created == 0
    add_fact(case.person, politie, FactKind.DETENTION, date(2026, 6, 20), end_date=date(2030, 1, 1))
    assert review_flags_scan().created == 1


def test_an_outflow_resolves_open_flags(case, politie, regisseur, voorzitter) -> None:
    from regie.reviews.services import outflow_confirm

    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    ReviewFlag.objects.create(case=case, kind=FlagKind.DECEASED, basis="feit:0", text="Overleden.")
    case.refresh_from_db()
    outflow_confirm(
        actor=voorzitter, outflow=outflow, seen_version=case.version, care_needed="Geen."
    )
    assert ReviewFlag.objects.get().resolution == FlagResolution.OUTFLOW


def test_only_active_cases_are_scanned(case, politie, regisseur) -> None:
    hold(case, regisseur, decision=Decision.OUTFLOW)
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    assert review_flags_scan().cases == 0


def test_a_fact_import_flags_at_once(
    case, make_user, acvz, politie, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    triagist = make_user(acvz, "triage")
    person = case.person
    csv = tmp_path / "feiten.csv"
    csv.write_text(
        "source_organisation,external_key,kind,date,first_name,last_name,date_of_birth\n"
        f"Politie (test),ovl-1,deceased,2026-06-30,{person.first_name},{person.last_name},"
        f"{person.date_of_birth.isoformat()}\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        facts_import(actor=triagist, path=csv)
    assert _flags(case) == [(FlagKind.DECEASED, "Overleden op 30-06-2026.")]


def test_the_scan_costs_the_same_queries_for_5_or_50_cases(open_case, politie) -> None:
    def scan_with(n: int) -> int:
        for _ in range(n):
            case = open_case()
            add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
        with CaptureQueriesContext(connection) as queries:
            review_flags_scan()
        ReviewFlag.objects.all().delete()
        CaseEvent.objects.filter(type=EventType.REVIEW_FLAGGED).delete()
        return len(queries.captured_queries)

    assert scan_with(5) == scan_with(45)


def test_flags_show_on_the_case_page_and_the_start_page(case, politie, regisseur, login) -> None:
    add_fact(case.person, politie, FactKind.DECEASED, date(2026, 6, 30))
    review_flags_scan()
    client = login(regisseur)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Vervroegde toets nodig" in page
    assert "Overleden op 30-06-2026." in page
    start = client.get(reverse("cases:mine")).content.decode()
    assert "1 signaal voor een vervroegde toets" in start
    assert "Overleden op 30-06-2026." in start


def test_facts_on_a_merged_duplicate_count(case, politie, make_person) -> None:
    duplicate = make_person()
    duplicate.merged_into = case.person
    duplicate.save(update_fields=["merged_into"])
    add_fact(duplicate, politie, FactKind.DECEASED, date(2026, 6, 30))
    review_flags_scan(person_ids=[case.person_id])
    assert _flags(case) == [(FlagKind.DECEASED, "Overleden op 30-06-2026.")]
