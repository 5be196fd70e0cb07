from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from regie.audit.models import AuditAction, AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.persons.imports import FactImportError, facts_import
from regie.persons.models import JusticeFact
from regie.persons.signals import facts_imported
from regie.persons.tests.factories import BSN_A, BSN_B, make_person

pytestmark = pytest.mark.django_db

HEADER = "source_organisation,external_key,bsn,first_name,name_prefix,last_name,date_of_birth,kind,category,role,date,end_date,residence_status,municipality"


@pytest.fixture
def persons():
    return (
        make_person(bsn=BSN_A, first_name="Daan", last_name="Jansen"),
        make_person(
            bsn=None,
            first_name="Sem",
            name_prefix="de",
            last_name="Vries",
            date_of_birth=datetime.date(2001, 2, 3),
        ),
    )


def write_csv(tmp_path: Path, *lines: str, name: str = "feiten.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


GOOD = (
    "Politie (test),PV-1,111222333,,,,,delict,straatroof,verdachte,2024-03-01,,,",
    "Politie (test),PV-2,,Sem,de,Vries,2001-02-03,offence,Explosieven,veroordeelde,15-06-2024,,,",
    "Politie (test),PV-3,111 222 333,,,,,detention,,,2024-07-01,2027-01-01,,",
    "Politie (test),PV-4,,sem,,De Vries,03-02-2001,verblijf,,,2024-01-01,,geen_rechtmatig_verblijf,",
)


def test_a_csv_file_is_imported_with_one_event_and_one_audit_row(
    triagist, politie, persons, tmp_path, django_capture_on_commit_callbacks
) -> None:
    received = []

    def receiver(sender, person_ids, **kwargs):
        received.append(person_ids)

    facts_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = facts_import(actor=triagist, path=write_csv(tmp_path, *GOOD))
    finally:
        facts_imported.disconnect(receiver)
    daan, sem = persons
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 4, 0, 0)
    assert result.person_ids == tuple(sorted([daan.pk, sem.pk]))
    assert list(JusticeFact.objects.order_by("external_key").values_list("person_id", "kind")) == [
        (daan.pk, "offence"),
        (sem.pk, "offence"),
        (daan.pk, "detention"),
        (sem.pk, "residence"),
    ]
    event = CaseEvent.objects.get()
    assert (event.type, event.actor) == (EventType.FACTS_IMPORTED, triagist)
    assert event.payload == {
        "rows": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "persons": 2,
        "source_organisation_ids": [politie.pk],
    }
    audit = AuditEvent.objects.get(object_type="fact_import")
    assert (audit.action, audit.actor_id) == (AuditAction.CREATE, triagist.pk)
    per_person = AuditEvent.objects.filter(object_type="fact").order_by("seq")
    assert [(e.person_id, e.detail) for e in per_person] == [
        (pid, {"created": 2, "updated": 0, "import_seq": audit.seq})
        for pid in sorted([daan.pk, sem.pk])
    ]
    assert received == [sorted([daan.pk, sem.pk])]


def test_importing_the_same_file_again_changes_nothing(
    triagist, politie, persons, tmp_path
) -> None:
    path = write_csv(tmp_path, *GOOD)
    facts_import(actor=triagist, path=path)
    before = list(JusticeFact.objects.order_by("pk").values())
    result = facts_import(actor=triagist, path=path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert list(JusticeFact.objects.order_by("pk").values()) == before
    assert CaseEvent.objects.filter(type=EventType.FACTS_IMPORTED).count() == 1


def test_a_changed_row_with_a_known_key_updates_the_fact(
    triagist, politie, persons, tmp_path
) -> None:
    facts_import(actor=triagist, path=write_csv(tmp_path, *GOOD))
    changed = GOOD[2].replace("2027-01-01", "2026-06-30")
    result = facts_import(actor=triagist, path=write_csv(tmp_path, changed, name="nieuw.csv"))
    assert (result.created, result.updated) == (0, 1)
    fact = JusticeFact.objects.get(external_key="PV-3")
    assert fact.end_date == datetime.date(2026, 6, 30)
    assert CaseEvent.objects.filter(type=EventType.FACTS_IMPORTED).count() == 2


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_row(
    triagist, politie, persons, tmp_path
) -> None:
    path = write_csv(
        tmp_path,
        GOOD[0],
        "Politie (test),PV-5,111222334,,,,,offence,straatroof,verdachte,2024-03-01,,,",
        "Onbekende Dienst,PV-6,111222333,,,,,offence,straatroof,verdachte,2024-03-01,,,",
        "Politie (test),PV-7,111222333,,,,,offence,,verdachte,01-13-2024,,,",
        "Politie (test),PV-1,111222333,,,,,deceased,,,2024-03-01,,,",
        "Politie (test),PV-8,,Kevin,,Bakker,2001-02-03,offence,overval,verdachte,2024-03-01,,,",
        "Politie (test),PV-9,123456782,,,,,moved,,,2024-03-01,,,diemen",
        "Politie (test),PV-10,,Kevin,,Bakker,2001-02-03,kind,,,2024-03-01,,,",
        GOOD[1],
    )
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=path)
    assert [str(e) for e in exc.value.errors] == [
        "regel 3: BSN voldoet niet aan de elfproef",
        "regel 4: onbekende bronorganisatie 'Onbekende Dienst'",
        "regel 5: ongeldige datum '01-13-2024' in kolom date (gebruik JJJJ-MM-DD)",
        "regel 6: dezelfde external_key staat ook op regel 2",
        "regel 7: geen persoon met deze naam en geboortedatum",
        "regel 8: geen persoon met dit BSN gevonden",
        "regel 9: onbekende waarde 'kind' in kolom kind; geen persoon met deze naam en geboortedatum",
    ]
    assert not JusticeFact.objects.exists()
    assert not CaseEvent.objects.exists()


def test_a_row_whose_fields_do_not_fit_its_kind_is_reported_by_column(
    triagist, politie, persons, tmp_path
) -> None:
    path = write_csv(
        tmp_path,
        "Politie (test),PV-1,111222333,,,,,offence,,,2024-03-01,,,",
        "Politie (test),PV-2,111222333,,,,,moved,overval,,2024-03-01,,,diemen",
    )
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=path)
    assert [str(e) for e in exc.value.errors] == [
        "regel 2: category: Een delict heeft een delictcategorie nodig.; "
        "role: Een delict heeft een rol nodig (verdachte of veroordeelde).",
        "regel 3: category: Dit veld hoort niet bij een feit van de soort 'Verhuisd'.",
    ]


def test_two_persons_with_the_same_name_and_birth_date_need_a_bsn(
    triagist, politie, persons, tmp_path
) -> None:
    make_person(
        bsn=BSN_B,
        first_name="Sem",
        name_prefix="de",
        last_name="Vries",
        date_of_birth=datetime.date(2001, 2, 3),
    )
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=write_csv(tmp_path, GOOD[1]))
    assert exc.value.errors[0].reasons == (
        "meer dan één persoon met deze naam en geboortedatum: geef het BSN",
    )


def test_missing_and_unknown_columns_are_reported_on_line_one(triagist, tmp_path) -> None:
    path = tmp_path / "kolommen.csv"
    path.write_text("source_organisation;external_key;soort;date\nPolitie (test);1;x;2024-01-01\n")
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=path)
    assert [str(e) for e in exc.value.errors] == [
        "regel 1: kolom kind ontbreekt; onbekende kolom 'soort'"
    ]


def test_a_semicolon_separated_file_is_read_too(triagist, politie, persons, tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(
        HEADER.replace(",", ";") + "\n" + GOOD[0].replace(",", ";") + "\n", encoding="utf-8-sig"
    )
    assert facts_import(actor=triagist, path=path).created == 1


def test_an_xlsx_file_with_spreadsheet_dates_and_numbers_is_imported(
    triagist, politie, tmp_path
) -> None:
    person = make_person(bsn="012345672")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Source_Organisation", "external_key", "bsn", "kind", "category", "role", "date"])
    sheet.append(
        [
            "Politie (test)",
            4711,
            12345672,
            "delict",
            "wapenbezit",
            "verdachte",
            datetime.datetime(2024, 2, 29),
        ]
    )
    sheet.append([None] * 7)
    path = tmp_path / "feiten.xlsx"
    workbook.save(path)
    result = facts_import(actor=triagist, path=path)
    assert result.created == 1
    fact = JusticeFact.objects.get()
    assert (fact.person, fact.external_key, fact.date) == (
        person,
        "4711",
        datetime.date(2024, 2, 29),
    )
    assert facts_import(actor=triagist, path=path).unchanged == 1


def test_an_xlsx_file_reports_spreadsheet_row_numbers(triagist, politie, tmp_path) -> None:
    make_person(bsn=BSN_A)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["source_organisation", "external_key", "bsn", "kind", "date"])
    sheet.append(["Politie (test)", "A", BSN_A, "deceased", "2024-01-01"])
    sheet.append([None] * 5)
    sheet.append(["Politie (test)", "B", BSN_A, "geboren", "2024-01-01"])
    path = tmp_path / "feiten.xlsx"
    workbook.save(path)
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=path)
    assert [str(e) for e in exc.value.errors] == [
        "regel 4: onbekende waarde 'geboren' in kolom kind"
    ]


def test_other_file_types_are_refused(triagist, tmp_path) -> None:
    path = tmp_path / "feiten.json"
    path.write_text("[]")
    with pytest.raises(FactImportError) as exc:
        facts_import(actor=triagist, path=path)
    assert (
        str(exc.value.errors[0])
        == "bestand: Alleen CSV- en XLSX-bestanden kunnen worden ingelezen."
    )


def test_only_triage_may_import_facts(politie_medewerker, tmp_path) -> None:
    with pytest.raises(PermissionDenied):
        facts_import(actor=politie_medewerker, path=write_csv(tmp_path, *GOOD))


def test_the_command_reports_counts(triagist, politie, persons, tmp_path, capsys) -> None:
    call_command("import", "facts", str(write_csv(tmp_path, *GOOD)), "--user", "triagist")
    assert "4 regels: 4 nieuw, 0 bijgewerkt, 0 ongewijzigd" in capsys.readouterr().out


def test_the_command_lists_every_bad_row_and_fails(
    triagist, politie, persons, tmp_path, capsys
) -> None:
    path = write_csv(tmp_path, GOOD[0], "Politie (test),,111222333,,,,,deceased,,,2024-03-01,,,")
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 regel"):
        call_command("import", "facts", str(path), "--user", "triagist")
    assert "regel 3: external_key ontbreekt" in capsys.readouterr().err
    assert not JusticeFact.objects.exists()


def test_the_command_needs_an_active_user_who_may_import(politie_medewerker, tmp_path) -> None:
    path = write_csv(tmp_path, *GOOD)
    with pytest.raises(CommandError, match="Geen actieve gebruiker"):
        call_command("import", "facts", str(path), "--user", "niemand")
    with pytest.raises(CommandError, match="mag geen feiten"):
        call_command("import", "facts", str(path), "--user", "politie_medewerker")


def test_a_fact_for_a_merged_duplicate_lands_on_the_person_it_was_merged_into(
    triagist, politie, tmp_path
) -> None:
    survivor = make_person(first_name="Daan", last_name="Jansen")
    make_person(bsn=BSN_A, first_name="Daan", last_name="Jansen", merged_into=survivor)
    result = facts_import(actor=triagist, path=write_csv(tmp_path, GOOD[0], GOOD[2]))
    assert result.person_ids == (survivor.pk,)
    assert set(JusticeFact.objects.values_list("person_id", flat=True)) == {survivor.pk}
