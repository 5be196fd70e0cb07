"""Database triggers that make ``audit_auditevent`` append-only, on SQLite and PostgreSQL.

Installed by migration ``0002_append_only``. They stop the application (and anyone using its
database account) from changing history by accident or on purpose; they do not stop a database
superuser, which is why the chain and the FG's anchors exist. On SQLite a migration that rebuilds
the table drops its triggers: such a migration must call ``install`` again (a test checks that
the triggers are there after all migrations).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
MESSAGE = "audit_auditevent is append-only"

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_no_update",
    "DROP TRIGGER IF EXISTS audit_no_delete",
]

_PG_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END;
    $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE}",
    f"CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
    f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
]
_SQLITE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
_PG_NAMES = "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'"
_PG_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
]


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_INSTALL)
    else:
        raise NotImplementedError(f"no audit triggers for {connection.vendor}")


def remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_REMOVE)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_REMOVE)


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """The names of the enabled triggers on the audit table."""
    with connection.cursor() as cursor:
        cursor.execute(_PG_NAMES if connection.vendor == "postgresql" else _SQLITE_NAMES, [TABLE])
        return {name for (name,) in cursor.fetchall()}


@contextmanager
def lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Without the triggers for a moment: for emptying test databases, and for the tamper tests
    that play the attacker. Never in application code."""
    remove(connection)
    try:
        yield
    finally:
        install(connection)
