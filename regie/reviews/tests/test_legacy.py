"""The transition import: persons from Top600, Veilig Alternatief and Doorgroeiers get a case
with their origin and a transition review under the new criteria — all rows or none."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from regie.cases.models import Case
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.services import criteria_sets_load
from regie.events.models import CaseEvent, EventType
from regie.persons.models import Gender, Person
from regie.reviews.legacy import LegacyImportError, legacy_import
from regie.reviews.models import ReviewKind, TransitionReview
from regie.reviews.tests.helpers import audits_since, hold, last_audit_seq

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
HEADER = "bsn,first_name,last_name,date_of_birth,approach,start_date,regisseur,partners\n"


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


@pytest.fixture(autouse=True)
def _region(db: None, reclassering, politie) -> None:
    """The partner organisations the file names, and the shipped (concept) criteria."""
    criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)


@pytest.fixture
def triagist(make_user, acvz):
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def anna(db: None) -> Person:
    return Person.objects.create(
        bsn="111222333",
        first_name="Anna",
        last_name="Overgang",
        date_of_birth=date(1990, 2, 3),
        gender=Gender.VROUW,
        municipality="amsterdam",
    )


@pytest.fixture
def bram(db: None) -> Person:
    return Person.objects.create(
        first_name="Bram",
        name_prefix="de",
        last_name="Vries",
        date_of_birth=date(2007, 8, 9),
        gender=Gender.MAN,
        municipality="diemen",
    )


def _file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "overgang.csv"
    path.write_text(header + "".join(f"{row}\n" for row in rows))
    return path


GOOD_ROWS = (
    "111222333,,,,top600,2019-03-01,regisseur,Reclassering (test);Politie (test)",
    ",Bram,de Vries,2007-08-09,Veilig Alternatief,2024-10-15,regisseur,",
)


def test_imports_a_case_with_origin_partners_and_transition_review(
    tmp_path, triagist, regisseur, anna, bram, reclassering, politie
) -> None:
    seq = last_audit_seq()
    result = legacy_import(actor=triagist, path=_file(tmp_path, *GOOD_ROWS))
    assert (result.rows, result.created, result.unchanged) == (2, 2, 0)
    top600 = Case.objects.get(person=anna)
    assert (top600.origin, top600.target_group, top600.start_date) == (
        "top600",
        "volwassenen",
        date(2019, 3, 1),
    )
    assert top600.next_review_date == date(2026, 12, 31)
    assert set(top600.participants.values_list("organisation__name", flat=True)) == {
        "AcVZ (test)",
        "Reclassering (test)",
        "Politie (test)",
    }
    youth = Case.objects.get(person=bram)
    assert (youth.origin, youth.target_group) == ("veilig_alternatief", "jeugd")
    transition = TransitionReview.objects.get(case=top600)
    assert (transition.approach, transition.due_date) == ("top600", date(2026, 12, 31))
    evaluation = transition.evaluation
    assert evaluation is not None
    assert evaluation["criteria_set"]["adopted"] is False
    assert evaluation["on_date"] == "2026-07-01"
    assert transition.hard_criteria == evaluation["hard_criteria"]
    assert evaluation["summary"].startswith("Harde criteria niet voldaan")
    events = list(CaseEvent.objects.filter(case_id=top600.pk).order_by("pk"))
    assert [e.type for e in events] == [
        EventType.CASE_OPENED,
        EventType.PARTICIPANT_ADDED,
        EventType.PARTICIPANT_ADDED,
        EventType.TRANSITION_REVIEW_PLANNED,
    ]
    assert events[0].payload["origin"] == "top600"
    assert events[-1].payload == {
        "transition_review_id": transition.pk,
        "approach": "top600",
        "target_group": "volwassenen",
        "due_date": "2026-12-31",
        "criteria_set_id": transition.criteria_set_id,
        "criteria_set_version": 1,
        "criteria_adopted": False,
        "hard_criteria": "not_met",
    }
    assert audits_since(seq)[-1] == ("create", "legacy_import")


def test_the_transition_review_date_is_configuration(
    tmp_path, triagist, regisseur, anna, settings
) -> None:
    settings.REGIE_TRANSITION_REVIEW_DUE = date(2026, 9, 30)
    legacy_import(actor=triagist, path=_file(tmp_path, GOOD_ROWS[0]))
    assert Case.objects.get().next_review_date == date(2026, 9, 30)


def test_one_wrong_row_imports_nothing_and_every_bad_row_is_named(
    tmp_path, triagist, regisseur, anna, bram
) -> None:
    rows = (
        GOOD_ROWS[0],
        ",Bram,de Vries,2007-08-09,top400,2027-01-01,regisseur,",
        "123456789,,,,doorgroeiers,2020-01-01,niemand,Onbekende Stichting",
        "123456782,,,,top600,01-02-2020,regisseur,",
        ",Carla,,,top600,2020-01-01,regisseur,",
        "111222333,,,,doorgroeiers,2021-01-01,regisseur,",
        ",,,,,,,",
        ",Bram,de Vries,2007-08-09,top600,31-02-2020,,",
    )
    with pytest.raises(LegacyImportError) as error:
        legacy_import(actor=triagist, path=_file(tmp_path, *rows))
    assert [str(e) for e in error.value.errors] == [
        "regel 3: onbekende aanpak 'top400' (top600, veilig_alternatief of doorgroeiers); "
        "de startdatum ligt in de toekomst",
        "regel 4: geen actieve regisseur met gebruikersnaam 'niemand'; onbekende "
        "partnerorganisatie 'Onbekende Stichting'; BSN voldoet niet aan de elfproef",
        "regel 5: geen persoon met dit BSN gevonden",
        "regel 6: geef een BSN, of voornaam, achternaam en geboortedatum",
        "regel 7: dezelfde persoon staat ook op regel 2",
        "regel 9: ongeldige datum '31-02-2020' in kolom start_date (gebruik JJJJ-MM-DD); "
        "regisseur ontbreekt",
    ]
    assert not Case.objects.exists()
    assert not TransitionReview.objects.exists()


def test_unknown_columns_are_refused(tmp_path, triagist) -> None:
    path = _file(tmp_path, "x", header="bsn,aanpak,start_date,regisseur\n")
    with pytest.raises(LegacyImportError) as error:
        legacy_import(actor=triagist, path=path)
    assert [str(e) for e in error.value.errors] == [
        "regel 1: kolom approach ontbreekt; onbekende kolom 'aanpak'"
    ]


def test_importing_the_same_file_again_changes_nothing(
    tmp_path, triagist, regisseur, anna, bram
) -> None:
    path = _file(tmp_path, *GOOD_ROWS)
    legacy_import(actor=triagist, path=path)
    events = CaseEvent.objects.count()
    result = legacy_import(actor=triagist, path=path)
    assert (result.created, result.unchanged) == (0, 2)
    assert Case.objects.count() == 2
    assert CaseEvent.objects.count() == events


def test_a_person_already_in_the_new_approach_is_refused(
    tmp_path, triagist, regisseur, anna, open_case
) -> None:
    case = open_case(person=anna)
    with pytest.raises(LegacyImportError) as error:
        legacy_import(actor=triagist, path=_file(tmp_path, GOOD_ROWS[0]))
    assert [str(e) for e in error.value.errors] == [
        f"regel 2: deze persoon heeft al een lopende casus (casus {case.pk}, herkomst Nieuw (via triage))"
    ]


def test_only_who_opens_cases_imports(tmp_path, regisseur, anna) -> None:
    with pytest.raises(PermissionDenied):
        legacy_import(actor=regisseur, path=_file(tmp_path, GOOD_ROWS[0]))


def test_an_xlsx_file_imports_too(tmp_path, teamleider, regisseur, anna) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BSN", "approach", "start_date", "regisseur", "partners", "target_group"])
    sheet.append([111222333, "Doorgroeiers", datetime(2022, 5, 1), "regisseur", "", "jeugd"])
    path = tmp_path / "overgang.xlsx"
    workbook.save(path)
    legacy_import(actor=teamleider, path=path)
    case = Case.objects.get()
    assert (case.origin, case.target_group, case.start_date) == (
        "doorgroeiers",
        "jeugd",
        date(2022, 5, 1),
    )


def test_the_command_reports_every_bad_row(tmp_path, triagist, regisseur, anna) -> None:
    bad = _file(tmp_path, GOOD_ROWS[0], "999999999,,,,top600,2020-01-01,regisseur,")
    err = StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 regel"):
        call_command("import", "legacy", str(bad), "--user", "triagist", stderr=err)
    assert err.getvalue() == "regel 3: BSN voldoet niet aan de elfproef\n"
    good = _file(tmp_path, GOOD_ROWS[0])
    out = StringIO()
    call_command("import", "legacy", str(good), "--user", "triagist", stdout=out)
    assert (
        out.getvalue() == "1 regels: 1 casussen geopend met een overgangstoets, 0 al overgezet.\n"
    )


def test_the_first_review_settles_the_transition_review(
    tmp_path, triagist, regisseur, anna
) -> None:
    legacy_import(actor=triagist, path=_file(tmp_path, GOOD_ROWS[0]))
    case = Case.objects.get()
    review = hold(case, regisseur, held_on=date(2026, 7, 1))
    assert review.kind == ReviewKind.TRANSITION
    assert TransitionReview.objects.get().review == review
    assert hold(case, regisseur, held_on=date(2026, 7, 1)).kind == ReviewKind.REGULAR
