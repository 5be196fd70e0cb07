"""The hash chain: canonical serialisation, hashing and verification."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields that are hashed, in order. ``hash`` itself is the output.
CHAINED_FIELDS = (
    "seq",
    "prev_hash",
    "occurred_at",
    "actor_id",
    "organisation_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "outcome",
    "client_ip",
    "detail",
)


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: dict[str, Any]) -> bytes:
    """Serialise a row deterministically: fixed keys, sorted JSON, UTC microsecond time."""
    data = {name: row[name] for name in CHAINED_FIELDS}
    data["occurred_at"] = _canonical_time(row["occurred_at"])
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        seq, _, digest = text.strip().partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise ValueError("Een anker heeft de vorm VOLGNUMMER:HASH (64 hexadecimale tekens).")
        return cls(int(seq), digest.lower())


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify_rows(rows: Iterable[dict[str, Any]], anchor: Anchor | None = None) -> VerifyResult:
    """Walk rows in ``seq`` order and report the first one that breaks the chain.

    A changed row fails its own hash; an inserted or removed row breaks the ``seq`` sequence or
    the link to its predecessor; truncation behind a saved ``anchor`` is found because the
    anchored row is missing or differs.
    """
    expected_seq = 1
    prev = GENESIS_HASH
    anchor_seen = anchor is None
    for row in rows:
        seq = row["seq"]
        if seq != expected_seq:
            return VerifyResult(
                False, expected_seq - 1, expected_seq, _gap_reason(expected_seq, seq)
            )
        if row["prev_hash"] != prev:
            return VerifyResult(False, seq - 1, seq, "de koppeling met de vorige regel klopt niet")
        if compute_hash(row) != row["hash"]:
            return VerifyResult(False, seq - 1, seq, "de inhoud van de regel is gewijzigd")
        if anchor is not None and seq == anchor.seq:
            if row["hash"] != anchor.hash:
                return VerifyResult(False, seq - 1, seq, "de regel wijkt af van het anker")
            anchor_seen = True
        prev = row["hash"]
        expected_seq += 1
    checked = expected_seq - 1
    if not anchor_seen and anchor is not None:
        return VerifyResult(
            False,
            checked,
            checked + 1,
            f"de keten eindigt bij {checked}, vóór het anker {anchor.seq}: regels zijn verwijderd",
        )
    return VerifyResult(True, checked)


def _gap_reason(expected: int, found: int) -> str:
    if found > expected:
        return f"regel {expected} ontbreekt (volgende gevonden: {found})"
    return f"regel {found} komt dubbel of buiten volgorde voor"
