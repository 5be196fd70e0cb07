"""Bad input to ``regie research-export``: a Dutch message, a non-zero exit, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.audit.models import AuditEvent
from regie.research.models import ResearchExport, ResearchProject
from regie.research.tests.conftest import History


def run(
    project: ResearchProject,
    out: Path,
    *,
    start: str = "2025-01-01",
    end: str = "2025-12-31",
    k: str = "5",
) -> None:
    call_command(
        "research-export", "--user", "beheerder", "--project", project.name, "--from", start, "--to", end,
        "--out", str(out), "--k", k,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "k", "message"),
    [
        ("2025-12-31", "2025-01-01", "5", "begindatum ligt na de einddatum"),
        ("2025-13-01", "2025-12-31", "5", "Ongeldige datum bij --from"),
        ("2025-01-01", "31-12-2025", "5", "Ongeldige datum bij --to"),
        ("2025-01-01", "2027-01-01", "5", "einddatum ligt in de toekomst"),
        ("2025-01-01", "2025-12-31", "1", "k moet minstens 2 zijn"),
    ],
)
def test_a_bad_period_or_k_is_refused_in_dutch_and_writes_nothing(
    history: History,
    project: ResearchProject,
    tmp_path: Path,
    start: str,
    end: str,
    k: str,
    message: str,
) -> None:
    with pytest.raises(CommandError, match=message):
        run(project, tmp_path / "out", start=start, end=end, k=k)
    assert list(tmp_path.iterdir()) == []
    assert not ResearchExport.objects.exists()


def test_a_share_of_suppressed_rows_outside_0_to_100_percent_is_refused(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="tussen 0 en 100 procent"):
        call_command(
            "research-export", "--user", "beheerder", "--project", project.name, "--from", "2025-01-01",
            "--to", "2025-12-31", "--out", str(tmp_path / "out"), "--max-suppressed", "120",
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_period_without_nominations_gives_an_empty_export_with_its_codebook(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    run(project, tmp_path / "out", start="2024-01-01", end="2024-12-31")
    metadata = json.loads((tmp_path / "out" / "metadata.json").read_text())

    assert (metadata["rijen"], metadata["rijen_onderdrukt"]) == (0, 0)
    assert (tmp_path / "out" / "data.csv").read_text().startswith("pseudoniem,groep,")
    assert "| pseudoniem |" in (tmp_path / "out" / "codebook.md").read_text()


def test_a_directory_that_is_not_empty_is_refused_and_left_alone(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notities.txt").write_text("van iemand anders")

    with pytest.raises(CommandError, match="bestaat al en is niet leeg"):
        run(project, tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["notities.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_missing_parent_directory_is_refused(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match=r"bovenliggende map .* bestaat niet"):
        run(project, tmp_path / "nergens" / "out")


def test_an_empty_existing_directory_is_filled(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    run(project, tmp_path / "out")

    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "codebook.csv",
        "codebook.md",
        "data.csv",
        "metadata.json",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left behind


def test_a_failure_while_recording_leaves_no_directory_and_no_audit_row(
    history: History, project: ResearchProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr("regie.research.services.os.replace", broken)
    before = AuditEvent.objects.count()

    with pytest.raises(OSError, match="schijf vol"):
        run(project, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []
    assert AuditEvent.objects.count() == before
    assert not ResearchExport.objects.exists()


def test_the_export_directory_is_readable_only_by_whoever_made_it(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    run(project, tmp_path / "out")

    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
