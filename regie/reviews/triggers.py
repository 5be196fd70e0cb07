"""Database triggers that make held reviews immutable: no UPDATE of a review, its ZRM scores or
its goal progress, on SQLite and PostgreSQL. Deleting stays possible (retention)."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = ("reviews_review", "reviews_reviewscore", "reviews_goalprogress")
MESSAGE = "a held review is immutable; record a correction"


def _sqlite_install() -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        for table in TABLES
    ]


def _sqlite_remove() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_update" for table in TABLES]


def _pg_install() -> list[str]:
    function = (
        "CREATE OR REPLACE FUNCTION reviews_refuse_update() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END; "
        "$$ LANGUAGE plpgsql"
    )
    statements = [function]
    for table in TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION reviews_refuse_update()",
        ]
    return statements


def _pg_remove() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}" for table in TABLES] + [
        "DROP FUNCTION IF EXISTS reviews_refuse_update()"
    ]


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _pg_install())
    elif connection.vendor == "sqlite":
        _run(connection, _sqlite_install())
    else:
        raise NotImplementedError(f"no review triggers for {connection.vendor}")


def remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _pg_remove())
    elif connection.vendor == "sqlite":
        _run(connection, _sqlite_remove())
