"""The system check on the SQLite library: it warns exactly where the library has the bug."""

from __future__ import annotations

import sqlite3

from regie.core.checks import sqlite_library_warnings, sqlite_skips_range_after_in


def test_the_bug_is_detected_in_exactly_the_affected_sqlite_releases() -> None:
    affected = (3, 35, 0) <= sqlite3.sqlite_version_info < (3, 42, 0)
    assert sqlite_skips_range_after_in() is affected


def test_the_check_warns_for_an_affected_sqlite_and_never_for_postgresql() -> None:
    found = [message.id for message in sqlite_library_warnings(["django.db.backends.sqlite3"])]

    assert found == (["regie.W001"] if sqlite_skips_range_after_in() else [])
    assert sqlite_library_warnings(["django.db.backends.postgresql"]) == []
