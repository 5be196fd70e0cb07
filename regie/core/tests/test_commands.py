"""The ``regie`` command as a newcomer uses it: a fresh SQLite database, migrate, demo."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def regie(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REGIE_TESTING"}} | {
        "DEBUG": "true",
        "REGIE_DEMO": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'regie.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "regie", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def table_counts(tmp_path: Path) -> dict[str, int]:
    with sqlite3.connect(tmp_path / "regie.sqlite3") as db:
        names = [
            row[0]
            for row in db.execute("select name from sqlite_master where type='table'")
            if row[0].split("_")[0] in {"accounts", "persons", "nominations", "triage", "cases"}
        ]
        return {name: db.execute(f'select count(*) from "{name}"').fetchone()[0] for name in names}


def test_migrate_creates_the_login_throttling_cache_table_and_demo_is_idempotent(
    tmp_path: Path,
) -> None:
    assert regie(tmp_path, "migrate", "--no-input").returncode == 0
    with sqlite3.connect(tmp_path / "regie.sqlite3") as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master")}
        assert "regie_cache" in tables
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    first = regie(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    counts = table_counts(tmp_path)
    second = regie(tmp_path, "demo")
    assert second.returncode == 0, second.stderr
    assert "regisseur" in second.stdout
    assert table_counts(tmp_path) == counts
    assert counts["accounts_user"] >= 11
    verify = regie(tmp_path, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    code = regie(tmp_path, "demo_code", "regisseur")
    assert code.returncode == 0
    assert code.stdout.strip().isdigit()
    assert len(code.stdout.strip()) == 6
