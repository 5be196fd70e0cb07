"""``regie audit`` as an operator runs it: a real process on a database file, exit codes and
messages, with the tampering done from outside the application."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REGIE = str(Path(sys.executable).parent / "regie")
Run = Callable[..., subprocess.CompletedProcess[str]]


def _runner(database: Path) -> Run:
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{database}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [REGIE, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    return run


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A migrated SQLite file holding a 40-event chain, and the anchor printed for it."""
    database = tmp_path_factory.mktemp("audit-cli") / "regie.sqlite3"
    run = _runner(database)
    assert run("migrate", "--no-input", "-v0").returncode == 0
    script = "from regie.audit.testing import chain_append; print(chain_append(40))"
    built = run("shell", "-c", script)
    assert built.returncode == 0, built.stderr
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database, built.stdout.strip().splitlines()[-1]


@pytest.fixture
def database(template: tuple[Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "regie.sqlite3"
    shutil.copyfile(template[0], copy)
    return copy


@pytest.fixture
def anchor(template: tuple[Path, str]) -> str:
    return template[1]


def test_verify_exits_zero_on_an_intact_chain_and_non_zero_naming_a_changed_row(
    database: Path, anchor: str
) -> None:
    run = _runner(database)
    intact = run("audit", "verify", f"--anchor={anchor}")
    assert intact.returncode == 0, intact.stderr
    assert "Auditketen in orde: 40 regels gecontroleerd" in intact.stdout

    with sqlite3.connect(database) as db:
        db.execute("DROP TRIGGER audit_no_update")
        db.execute("UPDATE audit_auditevent SET person_id = 31337 WHERE seq = 7")

    tampered = run("audit", "verify")
    assert tampered.returncode != 0
    assert "Auditketen verbroken bij volgnummer 7:" in tampered.stderr


def test_verify_with_a_saved_anchor_exits_non_zero_after_the_tail_was_cut(
    database: Path, anchor: str
) -> None:
    run = _runner(database)
    with sqlite3.connect(database) as db:
        db.execute("DROP TRIGGER audit_no_delete")
        db.execute("DELETE FROM audit_auditevent WHERE seq > 35")
        last = db.execute("SELECT hash FROM audit_auditevent WHERE seq = 35").fetchone()[0]
        db.execute("UPDATE audit_audithead SET seq = 35, hash = ?", [last])

    assert run("audit", "verify").returncode == 0
    cut = run("audit", "verify", "--anchor", anchor)
    assert cut.returncode != 0
    assert "volgnummer 36:" in cut.stderr
