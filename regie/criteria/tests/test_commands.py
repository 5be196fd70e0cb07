"""``regie criteria check|load|explain``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from regie.audit.models import AuditEvent
from regie.criteria.document import shipped_paths
from regie.criteria.models import CriteriaSet
from regie.persons.models import Person

BAD = """target_group: jeugd
version: 2
title: Kapotte set
note: concept
hard_rules:
  - id: leeftijd
    label: Leeftijd
    kind: age
    min_years: 30
    max_years: 20
  - id: hic
    label: Registraties
    kind: offence_count
    categories: [overval, fietsdiefstal]
    role: verdachte
    window_years: -2
    min: 2
exclusion_rules: []
necessity_rule:
  id: leeftijd
  label: Noodzaak
  kind: partner_domains
  min_domains: 2
"""


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("criteria", *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}\n")
    return out.getvalue(), err.getvalue()


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_check_accepts_the_shipped_sets() -> None:
    out, err = run("check", *map(str, shipped_paths()))
    assert err == ""
    assert out.splitlines()[1].endswith("jeugd-v1.yaml: in orde (doelgroep jeugd, versie 1)")


def test_check_prints_every_error_with_file_line_and_path(bad_file: Path) -> None:
    out, err = run("check", str(bad_file))
    assert out == ""
    assert err.splitlines() == [
        f"{bad_file}:9: hard_rules[0].min_years: min_years (30) is groter dan max_years (20)",
        f"{bad_file}:14: hard_rules[1].categories[1]: onbekende delictcategorie 'fietsdiefstal'; "
        "kies uit overval, straatroof, woninginbraak, zware_mishandeling, "
        "openlijke_geweldpleging, moord_doodslag, drugscriminaliteit, wapenbezit, "
        "digitale_criminaliteit, criminele_uitbuiting, explosieven, overig",
        f"{bad_file}:16: hard_rules[1].window_years: -2 is kleiner dan het minimum 1",
        f"{bad_file}:20: necessity_rule.id: regel-id 'leeftijd' komt al voor bij hard_rules[0]",
        f"{bad_file}: 4 fout(en)",
        "CommandError: 1 van 1 bestand(en) afgekeurd.",
    ]


def test_check_reports_a_missing_file(tmp_path: Path) -> None:
    _, err = run("check", str(tmp_path / "weg.yaml"))
    assert "weg.yaml: (document): bestand niet te lezen" in err


def test_check_exits_non_zero_from_the_shell(bad_file: Path) -> None:
    env = {**os.environ, "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "regie", "criteria", "check", str(bad_file)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert "hard_rules[1].window_years: -2 is kleiner dan het minimum 1" in done.stderr


def test_load_without_files_keeps_the_shipped_sets(db: None) -> None:
    out, err = run("load")
    assert err == ""
    assert "volwassenen-v1.yaml: Volwassenen met herhaald geweld v1 (Concept)" in out
    assert CriteriaSet.objects.filter(version=1).count() == 3


def test_load_stores_a_new_version_as_concept(db: None, tmp_path: Path) -> None:
    source = next(p for p in shipped_paths() if p.name == "jeugd-v1.yaml").read_text()
    path = tmp_path / "jeugd-v2.yaml"
    path.write_text(source.replace("version: 1", "version: 2"), encoding="utf-8")
    out, _ = run("load", str(path))
    assert (
        out
        == "jeugd-v2.yaml: Jongeren die afglijden in criminaliteit (12–23) v2 (Concept) — geladen als concept\n"
    )
    assert CriteriaSet.objects.get(target_group="jeugd", version=2).status == "concept"


def test_load_stores_nothing_when_one_file_is_wrong(
    db: None, tmp_path: Path, bad_file: Path
) -> None:
    source = next(p for p in shipped_paths() if p.name == "jeugd-v1.yaml").read_text()
    good = tmp_path / "jeugd-v3.yaml"
    good.write_text(source.replace("version: 1", "version: 3"), encoding="utf-8")
    _, err = run("load", str(good), str(bad_file))
    assert err.endswith("CommandError: Niets geladen: los eerst alle fouten op.\n")
    assert not CriteriaSet.objects.filter(version=3).exists()


@pytest.fixture
def suspect(make_person: Callable[..., Person], add_fact: Callable[..., Any], db: None) -> Person:
    person = make_person(date_of_birth=date(1990, 6, 15))
    for day, category in [
        (date(2024, 1, 12), "overval"),
        (date(2025, 5, 3), "straatroof"),
        (date(2025, 10, 10), "woninginbraak"),
    ]:
        add_fact(person, "offence", day, category=category, role="verdachte")
    return person


def test_explain_prints_the_evaluation_in_dutch(suspect: Person, shipped_sets: Any) -> None:
    out, err = run(
        "explain",
        "--person",
        str(suspect.pk),
        "--date",
        "2026-11-30",
        "--target-group",
        "volwassenen",
    )
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"Persoon {suspect.pk}, peildatum 30-11-2026"
    assert lines[2] == "CONCEPT: deze criteria zijn niet vastgesteld en gelden (nog) niet."
    assert "Harde criteria (alle moeten gelden): voldaan" in lines
    assert (
        "    3 van 3 vereiste registraties als verdachte in 5 jaar tot en met 30-11-2026 "
        "(overval 12-01-2024, straatroof 03-05-2025, woninginbraak 10-10-2025)."
    ) in lines
    assert "Exclusiecriteria: onbekend of een exclusiegrond van toepassing is" in lines
    assert "Noodzaak: onbekend" in lines


def test_explain_audits_the_read_as_the_system(suspect: Person, shipped_sets: Any) -> None:
    run("explain", "--person", str(suspect.pk), "--date", "2026-11-30")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (
        event.action,
        event.actor_id,
        event.object_type,
        event.person_id,
        event.purpose,
    ) == ("view", None, "criteria_evaluation", suspect.pk, "cli")
    assert event.detail == {
        "on_date": "2026-11-30",
        "criteria_sets": [
            shipped_sets["jeugd"].pk,
            shipped_sets["doorgroeiers"].pk,
            shipped_sets["volwassenen"].pk,
        ],
    }


def test_explain_as_json_with_inputs(suspect: Person, shipped_sets: Any) -> None:
    out, _ = run(
        "explain",
        "--person",
        str(suspect.pk),
        "--date",
        "2026-11-30",
        "--target-group",
        "volwassenen",
        "--json",
        "--zrm",
        "financien=2",
        "--zrm",
        "verslaving=1",
        "--partner-domain",
        "zorg",
        "--partner-domain",
        "sociaal",
        "--other-approach",
        "nee",
    )
    data = json.loads(out)
    assert (data["person_id"], data["on_date"]) == (suspect.pk, "2026-11-30")
    (evaluation,) = data["evaluations"]
    assert (evaluation["hard_criteria"], evaluation["exclusion"], evaluation["necessity"]) == (
        "met",
        "not_met",
        "met",
    )
    assert evaluation["criteria_set"]["adopted"] is False
    assert evaluation["inputs"] == {
        "zrm_scores": {"financien": 2, "verslaving": 1},
        "partner_domains": ["sociaal", "zorg"],
        "other_approach": False,
    }


@time_machine.travel(date(2031, 11, 30))
def test_explain_uses_today_without_a_date(suspect: Person, shipped_sets: Any) -> None:
    out, _ = run("explain", "--person", str(suspect.pk), "--target-group", "volwassenen")
    assert out.startswith(f"Persoon {suspect.pk}, peildatum 30-11-2031")
    assert "Harde criteria (alle moeten gelden): niet voldaan" in out


def test_explain_refuses_bad_input(db: None, suspect: Person) -> None:
    assert run("explain", "--person", "999999")[1] == "CommandError: Persoon 999999 bestaat niet.\n"
    assert (
        "Ongeldige datum" in run("explain", "--person", str(suspect.pk), "--date", "30-11-2026")[1]
    )
    assert (
        "Ongeldige ZRM-score 'adl=7'"
        in run("explain", "--person", str(suspect.pk), "--zrm", "adl=7")[1]
    )
