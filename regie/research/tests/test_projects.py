"""Registering research projects: a secret key per project that nothing shows, audited changes,
and an export only for a registered, still approved project."""

from __future__ import annotations

import base64
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.monitor.kanon import keyed_pseudonym
from regie.research.demo import DEMO_PROJECT, build_demo
from regie.research.models import ResearchExport, ResearchProject
from regie.research.selectors import research_projects
from regie.research.tests.conftest import History, read_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _beheerder(beheerder: User) -> None:
    """Functioneel beheer, in whose name the commands below run."""


def add(name: str, *extra: str) -> str:
    out = StringIO()
    call_command(
        "research-project", "add", name, "--user", "beheerder",
        "--purpose", "Effect op recidive",
        "--legal-basis", "art. 24 UAVG",
        "--approval", f"DPIA-{name}",
        "--approved-by", "FG AcVZ",
        *extra,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def key_texts(project: ResearchProject) -> list[str]:
    key = bytes(project.key)
    return [
        key.hex(),
        key.hex().upper(),
        base64.b64encode(key).decode(),
        base64.urlsafe_b64encode(key).decode(),
    ]


def test_a_registered_project_gets_a_random_key_of_32_bytes_that_no_output_shows() -> None:
    printed = add("WODC-A")
    listed = StringIO()
    call_command("research-project", "list", stdout=listed)
    project = ResearchProject.objects.get(name="WODC-A")

    assert len(bytes(project.key)) >= 32
    assert "WODC-A" in listed.getvalue()
    assert "DPIA-WODC-A" in listed.getvalue()
    for text in (printed, listed.getvalue(), str(project), repr(project)):
        assert not any(k in text for k in key_texts(project))


def test_every_project_has_its_own_key() -> None:
    add("WODC-A")
    add("WODC-B")
    a, b = ResearchProject.objects.order_by("name")

    assert bytes(a.key) != bytes(b.key)


def test_registering_a_project_is_audited_without_the_key() -> None:
    add("WODC-A")
    project = ResearchProject.objects.get()
    event = AuditEvent.objects.get(object_type="research_project")

    assert (event.action, event.object_id) == ("create", str(project.pk))
    assert event.detail == {"approval_reference": "DPIA-WODC-A"}


def test_a_project_name_is_unique_with_a_dutch_message() -> None:
    add("WODC-A")
    with pytest.raises(CommandError, match="bestaat al"):
        add("WODC-A")


def test_an_export_for_an_unregistered_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="niet geregistreerd"):
        call_command(
            "research-export", "--user", "beheerder", "--project", "Onbekend", "--from", "2025-01-01",
            "--to", "2025-12-31", "--out", str(tmp_path / "x"),
        )  # fmt: skip
    assert not (tmp_path / "x").exists()


def test_an_ended_project_is_audited_and_refuses_exports(history: History, tmp_path: Path) -> None:
    add("WODC-A")
    call_command("research-project", "end", "WODC-A", "--user", "beheerder", stdout=StringIO())
    event = AuditEvent.objects.filter(object_type="research_project").latest("seq")

    assert (event.action, event.detail["to"]) == ("change", "2026-11-29")
    with pytest.raises(CommandError, match="verlopen op 29-11-2026"):
        call_command(
            "research-export", "--user", "beheerder", "--project", "WODC-A", "--from", "2025-01-01",
            "--to", "2025-12-31", "--out", str(tmp_path / "x"),
        )  # fmt: skip
    assert not ResearchExport.objects.exists()


def test_the_pseudonym_is_stable_within_a_project_and_differs_across_projects(
    history: History, tmp_path: Path
) -> None:
    add("WODC-A")
    add("WODC-B")

    def export(project: str, out: str) -> dict[str, str]:
        call_command(
            "research-export", "--user", "beheerder", "--project", project, "--from", "2025-01-01",
            "--to", "2025-12-31", "--out", str(tmp_path / out), stdout=StringIO(),
        )  # fmt: skip
        rows = read_rows(tmp_path / out)
        return {r["pseudoniem"]: r["groep"] for r in rows}

    first, again, other = export("WODC-A", "a1"), export("WODC-A", "a2"), export("WODC-B", "b")

    assert first == again
    assert len(first) == 15
    assert not set(first) & set(other)
    assert len(other) == 15
    a = ResearchProject.objects.get(name="WODC-A")
    assert keyed_pseudonym(bytes(a.key), history.persons["Ali"].pk, "WODC-A") in first
    assert [(s.name, s.exports) for s in research_projects()] == [("WODC-A", 2), ("WODC-B", 1)]


def test_an_export_is_audited_with_the_project_and_the_counts(
    history: History, tmp_path: Path
) -> None:
    add("WODC-A")
    call_command(
        "research-export", "--user", "beheerder", "--project", "WODC-A", "--from", "2025-01-01",
        "--to", "2025-12-31", "--out", str(tmp_path / "x"), stdout=StringIO(),
    )  # fmt: skip
    export = ResearchExport.objects.get()
    event = AuditEvent.objects.get(object_type="research_export")

    assert (event.action, event.object_id, event.person_id) == ("export", str(export.pk), None)
    assert event.purpose == "DPIA-WODC-A"
    assert event.detail == {
        "project": export.project_id,
        "period_from": "2025-01-01",
        "period_to": "2025-12-31",
        "k": 5,
        "rows": 15,
        "rows_toegelaten": 7,
        "rows_vergelijkingsgroep": 8,
        "rows_suppressed": 1,
    }
    assert (export.rows_exported, export.rows_suppressed, export.k) == (15, 1, 5)


def test_the_demo_registers_one_research_project_once(make_user, acvz) -> None:
    beheer = make_user(acvz, "admin", username="beheer")  # the demo's functioneel beheer
    build_demo(seed=1)
    build_demo(seed=1)

    assert list(ResearchProject.objects.values_list("name", flat=True)) == [DEMO_PROJECT]
    assert AuditEvent.objects.get(object_type="research_project").actor_id == beheer.pk


def test_the_commands_run_in_a_named_users_name_and_refuse_others(
    history: History, tmp_path: Path, make_user, acvz, beheerder: User
) -> None:
    """Functioneel beheer registers and ends projects; functioneel beheer or the analyst
    exports; anyone else, an unknown or inactive account is refused with a Dutch message and
    nothing is written. The audit rows name the user."""
    analist = make_user(acvz, "analyst", username="analist")
    regisseur = make_user(acvz, "regisseur", username="regisseur")
    with pytest.raises(CommandError, match="alleen functioneel beheer"):
        call_command(
            "research-project", "add", "WODC-X", "--user", "analist", "--purpose", "p",
            "--legal-basis", "b", "--approval", "a", "--approved-by", "FG",
        )  # fmt: skip
    with pytest.raises(CommandError, match="Geen actieve gebruiker 'niemand'"):
        add("WODC-X", "--user", "niemand")
    assert not ResearchProject.objects.exists()

    add("WODC-A")
    assert AuditEvent.objects.get(object_type="research_project").actor_id == beheerder.pk

    def export(user: str, out: str) -> None:
        call_command(
            "research-export", "--user", user, "--project", "WODC-A", "--from", "2025-01-01",
            "--to", "2025-12-31", "--out", str(tmp_path / out), stdout=StringIO(),
        )  # fmt: skip

    with pytest.raises(CommandError, match="mag geen onderzoeksexport maken"):
        export(regisseur.username, "x")
    assert not (tmp_path / "x").exists()
    export(analist.username, "y")
    assert AuditEvent.objects.get(object_type="research_export").actor_id == analist.pk
    with pytest.raises(CommandError, match="alleen functioneel beheer"):
        call_command("research-project", "end", "WODC-A", "--user", "analist")
