"""The database itself refuses to change or remove audit rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from regie.audit import triggers
from regie.audit.chain import Anchor
from regie.audit.models import AuditEvent
from regie.audit.selectors import audit_verify
from regie.audit.testing import chain_append

EXPECTED = {
    "sqlite": {"audit_no_update", "audit_no_delete"},
    "postgresql": {"audit_no_update_delete", "audit_no_truncate"},
}


def refused(sql: str, params: list[int] | None = None) -> None:
    # In a savepoint, so that the test's transaction stays usable on PostgreSQL.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


@pytest.fixture
def chain(db: None) -> Anchor:
    return chain_append(5, seed=11)


def test_the_migrations_install_the_triggers(db: None) -> None:
    assert triggers.installed(connection) == EXPECTED[connection.vendor]


def test_a_raw_update_is_refused(chain: Anchor) -> None:
    refused("UPDATE audit_auditevent SET person_id = 1 WHERE seq = 3")
    refused("UPDATE audit_auditevent SET action = 'view'")
    assert audit_verify().ok


def test_a_raw_delete_is_refused(chain: Anchor) -> None:
    refused("DELETE FROM audit_auditevent WHERE seq = %s", [3])
    assert AuditEvent.objects.count() == 5


def test_emptying_the_table_is_refused(chain: Anchor) -> None:
    # SQLite has no TRUNCATE; an unconditional DELETE is its equivalent (and its fast path is
    # off while the table has a delete trigger).
    refused(
        "TRUNCATE audit_auditevent"
        if connection.vendor == "postgresql"
        else "DELETE FROM audit_auditevent"
    )
    assert AuditEvent.objects.count() == 5


def test_the_orm_cannot_change_or_delete_either(chain: Anchor) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=2).update(object_id="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.get(seq=2).delete()
    assert audit_verify().ok


def test_appending_stays_possible(chain: Anchor) -> None:
    assert chain_append(3, seed=12).seq == 8
    assert audit_verify().ok


def test_lifting_the_triggers_puts_them_back_afterwards(chain: Anchor) -> None:
    with triggers.lifted(connection):
        assert triggers.installed(connection) == set()
    assert triggers.installed(connection) == EXPECTED[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_restores_the_triggers() -> None:
    chain_append(5, seed=13)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    assert triggers.installed(connection) == EXPECTED[connection.vendor]


@override_settings(DEBUG=False, TESTING=False)
def test_flush_refuses_in_the_production_profile(chain: Anchor) -> None:
    with pytest.raises(CommandError, match="auditlog"):
        call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 5
