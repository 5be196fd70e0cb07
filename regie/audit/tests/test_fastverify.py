"""The fast path of ``regie audit verify`` agrees with the reference walk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from regie.audit import triggers
from regie.audit.chain import canonical
from regie.audit.fastverify import canonical_fast, chain_intact
from regie.audit.models import AuditAction, AuditEvent
from regie.audit.selectors import audit_verify
from regie.audit.services import audit_record

texts = st.text(max_size=20)
ids = st.none() | st.integers(min_value=0, max_value=2**53)
details = st.dictionaries(
    st.text(max_size=8),
    st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    | st.lists(st.integers() | st.text(max_size=5), max_size=3),
    max_size=4,
)  # fmt: skip
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(
    seq=st.integers(min_value=1, max_value=2**53),
    prev=texts,
    moment=moments,
    actor=ids,
    org=ids,
    role=texts,
    action=texts,
    object_type=texts,
    object_id=texts,
    person=ids,
    purpose=texts,
    outcome=texts,
    ip=st.none() | st.sampled_from(["127.0.0.1", "2001:db8::1"]),
    detail=details,
)
def test_the_fast_canonical_form_is_byte_for_byte_the_reference(
    seq, prev, moment, actor, org, role, action, object_type, object_id, person, purpose,
    outcome, ip, detail,
) -> None:  # fmt: skip
    row = {
        "seq": seq, "prev_hash": prev, "occurred_at": moment, "actor_id": actor,
        "organisation_id": org, "role": role, "action": action, "object_type": object_type,
        "object_id": object_id, "person_id": person, "purpose": purpose, "outcome": outcome,
        "client_ip": ip, "detail": detail,
    }  # fmt: skip
    fast = canonical_fast(
        seq, prev, moment, actor, org, role, action, object_type, object_id, person, purpose,
        outcome, ip, detail,
    )  # fmt: skip
    assert fast == canonical(row)


def test_naive_utc_time_from_sqlite_reads_as_utc() -> None:
    moment = datetime(2024, 5, 3, 12, 0, 0, tzinfo=UTC)
    args: tuple[Any, ...] = (
        1,
        "0",
        moment,
        None,
        None,
        "",
        "view",
        "",
        "",
        None,
        "",
        "success",
        None,
        {},
    )
    naive = (1, "0", "2024-05-03 12:00:00", None, None, "", "view", "", "", None, "", "success",
             None, "{}")  # fmt: skip
    assert canonical_fast(*args) == canonical_fast(*naive)
    as_text = ("2024-05-03 12:00:00.000000", "2024-05-03T12:00:00.000000Z")
    for text in as_text:
        assert canonical_fast(*args) == canonical_fast(*args[:2], text, *args[3:])
    assert canonical_fast(*args) != canonical_fast(1, "0", moment + timedelta(microseconds=1),
                                                   *args[3:])  # fmt: skip


@pytest.mark.django_db
def test_an_intact_chain_is_confirmed_by_the_fast_path() -> None:
    for n in range(5):
        audit_record(action=AuditAction.VIEW, object_type="case", object_id=n, detail={"n": n})
    assert chain_intact() == (True, 5)
    assert audit_verify().ok


@pytest.mark.django_db
def test_a_changed_row_is_not_confirmed_and_the_reference_names_it() -> None:
    for n in range(5):
        audit_record(action=AuditAction.VIEW, object_type="case", object_id=n)
    triggers.remove(connection)
    AuditEvent.objects.filter(seq=3).update(object_id="99")
    triggers.install(connection)
    assert chain_intact() == (False, 0)
    result = audit_verify()
    assert (result.ok, result.first_bad_seq) == (False, 3)
