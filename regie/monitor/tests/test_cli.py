"""``regie monitor``: each format to a file, Dutch errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from regie.audit.models import AuditAction, AuditEvent
from regie.monitor.tests.conftest import History

pytestmark = pytest.mark.django_db


def test_the_cli_writes_a_pdf_with_the_title(history: History, tmp_path: Path) -> None:
    out = tmp_path / "monitor.pdf"
    call_command("monitor", "--year", "2025", "--format", "pdf", "--out", str(out))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Jaarmonitor persoonsgerichte regie 2025" in text
    assert "Zwanenburg" not in text
    assert AuditEvent.objects.filter(object_type="monitor", action=AuditAction.EXPORT).exists()


def test_the_cli_writes_csv_and_json_for_one_municipality_and_peildatum(
    history: History, tmp_path: Path
) -> None:
    csv_out, json_out = tmp_path / "m.csv", tmp_path / "m.json"
    args = ["--year", "2025", "--peildatum", "2025-06-30", "--municipality", "amstelveen"]
    call_command("monitor", *args, "--format", "csv", "--out", str(csv_out))
    call_command("monitor", *args, "--format", "json", "--out", str(json_out))
    assert csv_out.read_text(encoding="utf-8-sig").startswith("tabel;rij;kolom;waarde")
    data = json.loads(json_out.read_text())
    assert (data["year"], data["peildatum"], data["municipality"]) == (
        2025,
        "2025-06-30",
        "amstelveen",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "twintig", "--format", "pdf"], "Ongeldig jaar 'twintig'"),
        (["--year", "1999", "--format", "pdf"], "Kies een jaar van 2000"),
        (["--year", "2025", "--peildatum", "31-12-2025", "--format", "pdf"], "Ongeldige peildatum"),
        (["--year", "2025", "--peildatum", "2024-12-31", "--format", "pdf"], "in het gekozen jaar"),
        (["--year", "2025", "--municipality", "atlantis", "--format", "pdf"], "Onbekende gemeente"),
        (["--year", "2025", "--format", "docx"], "Onbekend formaat 'docx'"),
    ],
)
def test_bad_cli_input_gives_a_dutch_error(
    db: None, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x"
    with pytest.raises(CommandError, match=message):
        call_command("monitor", *args, "--out", str(out))
    assert not out.exists()
