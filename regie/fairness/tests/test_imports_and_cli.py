"""Importing the reference population and monitoring attributes (all or nothing, every bad row
reported in Dutch, idempotent) and the ``regie fairness`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

from regie.fairness.demo import EXAMPLE
from regie.fairness.models import MonitoringAttribute, ReferencePopulation

pytestmark = pytest.mark.django_db


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_reference_population_is_imported_and_importing_again_changes_nothing(
    analist, tmp_path
) -> None:
    path = _write(
        tmp_path,
        "ref.csv",
        "year,dimension,value,residents,source\n"
        "2025,gender,v,10000,test\n2025,age_band,18-22,5000,test\n",
    )
    out, _err = _run("import", "reference-population", str(path), "--user", analist.username)
    assert "2 nieuw" in out
    assert ReferencePopulation.objects.get(dimension="age_band").value == "18–22"
    out, _err = _run("import", "reference-population", str(path), "--user", analist.username)
    assert "0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in out
    path.write_text(path.read_text().replace("10000", "10500"))
    out, _err = _run("import", "reference-population", str(path), "--user", analist.username)
    assert "1 bijgewerkt" in out
    assert ReferencePopulation.objects.get(dimension="gender").residents == 10500


def test_a_reference_file_with_bad_rows_imports_nothing_and_names_every_bad_row(
    analist, tmp_path
) -> None:
    path = _write(
        tmp_path,
        "ref.csv",
        "year,dimension,value,residents,source\n"
        "2025,gender,v,10000,test\n"
        "twintig,gender,m,10000,test\n"
        "2025,schoenmaat,42,10,test\n"
        "2025,gender,x,-3,test\n"
        "2025,gender,v,9000,test\n",
    )
    with pytest.raises(CommandError, match="Niets geïmporteerd: 4 regel"):
        _run("import", "reference-population", str(path), "--user", analist.username)
    assert ReferencePopulation.objects.count() == 0
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import", "reference-population", str(path), "--user", analist.username, stderr=err
        )
    report = err.getvalue()
    assert "regel 3: ongeldig jaar 'twintig'" in report
    assert "regel 4: onbekende dimensie 'schoenmaat'" in report
    assert "regel 5: inwoners '-3' is geen geheel getal" in report
    assert "regel 6: dezelfde jaar, dimensie en waarde staan ook op regel 2" in report


def test_only_analyst_and_admin_may_import(regisseur, tmp_path) -> None:
    path = _write(tmp_path, "ref.csv", "year,dimension,value,residents,source\n2025,gender,v,1,t\n")
    with pytest.raises(CommandError, match="mag dit niet"):
        _run("import", "reference-population", str(path), "--user", regisseur.username)


def test_the_synthetic_example_is_labelled_and_loads(beheerder) -> None:
    assert "synthetisch" in EXAMPLE.name
    out, _err = _run("import", "reference-population", str(EXAMPLE), "--user", beheerder.username)
    assert "264 nieuw" in out
    assert ReferencePopulation.objects.exclude(source__startswith="SYNTHETISCH").count() == 0
    assert ReferencePopulation.objects.filter(year=2025, dimension="municipality").count() == 6


@override_settings(REGIE_FAIRNESS_DIMENSIONS={"achtergrond": "Achtergrond"})
def test_monitoring_attributes_import_all_or_nothing(analist, history, tmp_path) -> None:
    from regie.fairness.tests.conftest import Spec

    persons = history([Spec("v", "met", True)] * 2)
    good = (
        "person_id,dimension,value,recorded_at,source\n"
        f"{persons[0].pk},achtergrond,a,2025-01-01,BRP\n"
        f"{persons[1].pk},achtergrond,b,2025-01-01,BRP\n"
    )
    bad = good + (
        "999999,achtergrond,a,2025-01-01,BRP\n"
        f"{persons[0].pk},kleur,a,2025-01-01,BRP\n"
        f"{persons[1].pk},achtergrond,b,gisteren,BRP\n"
    )
    with pytest.raises(CommandError, match="3 regel"):
        _run("import", "monitoring-attributes", str(_write(tmp_path, "bad.csv", bad)),
             "--user", analist.username)  # fmt: skip
    assert MonitoringAttribute.objects.count() == 0
    out, _err = _run("import", "monitoring-attributes", str(_write(tmp_path, "ok.csv", good)),
                     "--user", analist.username)  # fmt: skip
    assert "2 nieuw" in out
    assert MonitoringAttribute.objects.count() == 2


def test_the_cli_writes_json_and_csv(analist, history, tmp_path) -> None:
    history()
    target = tmp_path / "uit.json"
    out, _err = _run("fairness", "--year", "2025", "--format", "json", "--out", str(target))
    assert "geschreven" in out
    document = json.loads(target.read_text(encoding="utf-8"))
    table = next(
        t for t in document["tabellen"] if (t["dimensie"], t["stap"]) == ("gender", "toegelaten")
    )
    women = next(g for g in table["groepen"] if g["groep"] == "v")
    assert women["verhouding"] == pytest.approx(1 / 3, abs=1e-6)
    out, _err = _run("fairness", "--year", "2025", "--format", "csv", "--reference", "gender=v")
    rows = list(csv.DictReader(io.StringIO(out)))
    men = next(
        r for r in rows if (r["dimensie"], r["stap"], r["groep"]) == ("gender", "toegelaten", "m")
    )
    assert float(men["verhouding"]) == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "vorig"], "geen geldig jaar"),
        (["--year", "2025", "--format", "xml"], "Onbekend formaat"),
        (["--year", "2025", "--reference", "gender"], "geen DIMENSIE=GROEP"),
        (["--year", "2025", "--reference", "gender=q"], "Onbekende referentiegroep"),
        (["--year", "2025", "--out", "/nonexistent/dir/x.json"], "Kan"),
    ],
)
def test_the_cli_refuses_bad_input_in_dutch(args, message, db) -> None:
    with pytest.raises(CommandError, match=message):
        _run("fairness", *args)
