"""The canonical form: the fast serialisation is byte-identical to the defining one, and what
is hashed when an event is written is what verification recomputes from the database."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from regie.audit.chain import (
    CHAINED_FIELDS,
    GENESIS_HASH,
    canonical,
    canonical_values,
    compute_hash,
    verify_rows,
)
from regie.audit.context import RequestContext, current
from regie.audit.models import AuditAction, AuditEvent, AuditOutcome
from regie.audit.selectors import audit_verify
from regie.audit.services import audit_record, audit_record_many

ALPHABET = "abcXYZ019 \"\\/'{}[]:,\n\r\t\b\f\x00\x01\x1f\x7f\x80éëñ€ß\u2028\u2029\ufeff漢字😀🇳🇱"
ZONES = [UTC, ZoneInfo("Europe/Amsterdam"), timezone(timedelta(hours=-9, minutes=-30))]


def text(rnd: random.Random) -> str:
    return "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 12)))


def scalar(rnd: random.Random) -> Any:
    return rnd.choice(
        [
            text(rnd),
            rnd.randint(-(2**63), 2**63 - 1),
            rnd.randint(-5, 5),
            rnd.choice([True, False, None]),
        ]
    )


def moment(rnd: random.Random) -> datetime:
    naive = datetime(2, 1, 1) + timedelta(
        seconds=rnd.randint(0, 315_000_000_000),
        microseconds=rnd.choice([0, rnd.randint(0, 10**6 - 1)]),
    )
    return naive.replace(tzinfo=UTC).astimezone(rnd.choice(ZONES))


def random_row(rnd: random.Random) -> dict[str, Any]:
    def maybe_int() -> int | None:
        return rnd.choice([None, rnd.randint(0, 2**63 - 1), rnd.randint(1, 999)])

    detail = {
        text(rnd): scalar(rnd) if rnd.random() < 0.8 else [scalar(rnd) for _ in range(3)]
        for _ in range(rnd.randint(0, 4))
    }
    return {
        "seq": rnd.randint(1, 2**62),
        "prev_hash": rnd.choice([GENESIS_HASH, f"{rnd.getrandbits(256):064x}", text(rnd)]),
        "occurred_at": moment(rnd),
        "actor_id": maybe_int(),
        "organisation_id": maybe_int(),
        "role": text(rnd),
        "action": rnd.choice([a.value for a in AuditAction]),
        "object_type": text(rnd),
        "object_id": text(rnd),
        "person_id": maybe_int(),
        "purpose": text(rnd),
        "outcome": rnd.choice([o.value for o in AuditOutcome]),
        "client_ip": rnd.choice([None, "192.0.2.1", "2001:db8::1", text(rnd)]),
        "detail": detail,
    }


def as_stored(rnd: random.Random, row: dict[str, Any]) -> tuple[Any, ...]:
    """The row as a database cursor may hand it back: times and JSON in a database's spelling."""
    values = dict(row)
    utc = row["occurred_at"].astimezone(UTC)
    values["occurred_at"] = rnd.choice(
        [
            row["occurred_at"],
            utc.replace(tzinfo=None),
            str(utc.replace(tzinfo=None)),  # SQLite, as Django stores it
            # PostgreSQL's to_char in verification
            utc.replace(tzinfo=None).isoformat(" ", timespec="microseconds"),
        ]
    )
    values["detail"] = rnd.choice(
        [
            row["detail"],
            json.dumps(row["detail"]),  # SQLite: ASCII-escaped, spaces after separators
            json.dumps(  # jsonb: keys by length, then bytes
                dict(sorted(row["detail"].items(), key=lambda kv: (len(kv[0]), kv[0]))),
                ensure_ascii=False,
            ),
        ]
    )
    return (*(values[name] for name in CHAINED_FIELDS), "")


def test_the_fast_serialisation_is_byte_identical_on_many_random_rows() -> None:
    rnd = random.Random(20260131)
    for _ in range(5_000):
        row = random_row(rnd)
        expected = canonical(row)
        stored = as_stored(rnd, row)
        assert canonical_values(stored) == expected, (row, stored)


@pytest.mark.parametrize(
    ("field", "value"),
    [("actor_id", True), ("person_id", "12"), ("seq", 3.0), ("role", 7), ("client_ip", 4)],
)
def test_values_of_unusual_types_still_serialise_identically(field: str, value: Any) -> None:
    row = random_row(random.Random(1))
    row[field] = value
    assert canonical_values(as_stored(random.Random(2), row)) == canonical(row)


def test_the_canonical_form_is_sorted_compact_utf8_json_with_utc_microseconds() -> None:
    row: dict[str, Any] = dict.fromkeys(CHAINED_FIELDS, "")
    row |= {
        "seq": 1,
        "prev_hash": GENESIS_HASH,
        "occurred_at": datetime(2026, 1, 31, 10, 15, tzinfo=ZoneInfo("Europe/Amsterdam")),
        "actor_id": None,
        "organisation_id": 3,
        "person_id": None,
        "client_ip": None,
        "detail": {"b": "é", "a": [1, True]},
    }
    assert (
        canonical(row)
        == (
            '{"action":"","actor_id":null,"client_ip":null,"detail":{"a":[1,true],"b":"é"},'
            '"object_id":"","object_type":"","occurred_at":"2026-01-31T09:15:00.000000Z",'
            '"organisation_id":3,"outcome":"","person_id":null,"prev_hash":"' + GENESIS_HASH + '",'
            '"purpose":"","role":"","seq":1}'
        ).encode()
    )


def _chain(n: int) -> list[tuple[Any, ...]]:
    rows, prev = [], GENESIS_HASH
    rnd = random.Random(5)
    for seq in range(1, n + 1):
        row = random_row(rnd) | {"seq": seq, "prev_hash": prev}
        prev = compute_hash(row)
        rows.append((*(row[name] for name in CHAINED_FIELDS), prev))
    return rows


def test_verify_rows_accepts_a_chain_and_names_an_unreadable_time() -> None:
    rows = _chain(5)
    assert verify_rows(rows).ok
    rows[2] = (*rows[2][:2], "niet-een-tijd", *rows[2][3:])
    result = verify_rows(rows)
    assert (result.first_bad_seq, result.reason) == (3, "de inhoud van de regel is onleesbaar")


def test_verify_rows_names_a_repeated_sequence_number() -> None:
    rows = _chain(4)
    result = verify_rows([*rows[:3], rows[2], rows[3]])
    assert (result.first_bad_seq, result.checked) == (4, 3)
    assert "regel 3 komt dubbel" in result.reason


@pytest.mark.django_db
def test_what_is_hashed_on_writing_is_what_verification_reads_back() -> None:
    """Awkward but legal values survive the round trip through SQLite and PostgreSQL."""
    addresses = [
        "2001:DB8:0:0:1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001",
        "::ffff:192.0.2.1",
        "FE80::1%eth0",
        "::1",
        " 192.0.2.1 ",
        "unknown",
        "192.0.2.001",
    ]
    details = [
        {},
        {"é": "ë😀", "lijst": [1, "twee", True, None], "groot": 2**62, "negatief": -7},
        {"z": 1, "a": 2, "mm": 'aanhalingsteken " en \\ en \n nieuwe regel'},
    ]
    moments = [
        datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 59, 59, 999_999, tzinfo=UTC),
    ]
    for i, address in enumerate(addresses):
        token = current.set(RequestContext(client_ip=address, purpose="toezicht §7"))
        try:
            with time_machine.travel(moments[i % 2], tick=False):
                audit_record(
                    action=AuditAction.VIEW,
                    object_type="pagina",
                    object_id=f"weergave «{i}» ☃",
                    person_id=str(i + 1),  # type: ignore[arg-type]
                    role="regisseur,teamlead",
                    detail=details[i % len(details)],
                )
        finally:
            current.reset(token)
    result = audit_verify()
    assert (result.ok, result.checked) == (True, len(addresses)), result.reason
    assert list(AuditEvent.objects.order_by("seq").values_list("client_ip", flat=True)) == [
        "2001:db8::1:0:0:1",
        "2001:db8::1",
        "::ffff:192.0.2.1",
        "fe80::1",
        "::1",
        "192.0.2.1",
        None,
        None,
    ]


@pytest.mark.django_db
def test_an_overlong_object_id_is_cut_to_fit_rather_than_failing_the_work() -> None:
    event = audit_record(action=AuditAction.VIEW, object_type="page", object_id="x" * 100)
    assert AuditEvent.objects.get(seq=event.seq).object_id == "x" * 64
    assert audit_verify().ok


@pytest.mark.django_db
def test_events_written_many_at_once_chain_on_from_the_head_and_verify() -> None:
    first = audit_record(action=AuditAction.VIEW, object_type="page")
    many = audit_record_many(
        action=AuditAction.CHANGE,
        object_type="fact",
        entries=[("", 10, {"created": 1}), ("7", 11, {"updated": 2}), ("", None, {})],
    )
    last = audit_record(action=AuditAction.VIEW, object_type="page")

    stored = list(AuditEvent.objects.order_by("seq").values_list("seq", "person_id", "prev_hash"))
    assert [(seq, person) for seq, person, _prev in stored] == [
        (first.seq, None),
        (first.seq + 1, 10),
        (first.seq + 2, 11),
        (first.seq + 3, None),
        (last.seq, None),
    ]
    assert many[0].prev_hash == first.hash
    assert last.prev_hash == many[-1].hash
    result = audit_verify()
    assert (result.ok, result.checked) == (True, 5), result.reason
    assert audit_record_many(action=AuditAction.VIEW, entries=[]) == []
