"""The hash chain: canonical serialisation, hashing and verification.

``canonical(row)`` *defines* the bytes that are hashed: the ``CHAINED_FIELDS`` of a row as one
JSON object with sorted keys, no spaces, UTF-8 (not ASCII-escaped), and the time as UTC with
microseconds (``2026-01-31T09:15:00.123456Z``). ``canonical_values`` produces the same bytes
from a row tuple without building a dict; it is what ``regie audit verify`` runs per row, and a
test proves the two byte-identical on many random rows.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils.dateparse import parse_datetime

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
# A row as ``verify_rows`` reads it: the chained fields, then the stored hash.
VERIFY_FIELDS = (*CHAINED_FIELDS, "hash")
SEQ, PREV_HASH, HASH = 0, 1, len(CHAINED_FIELDS)


def _canonical_time(value: datetime) -> str:
    # A naive value is UTC already: verification reads stored times as UTC text.
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: dict[str, Any]) -> bytes:
    """Serialise a row deterministically: fixed keys, sorted JSON, UTC microsecond time."""
    data = {name: row[name] for name in CHAINED_FIELDS}
    data["occurred_at"] = _canonical_time(row["occurred_at"])
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


# --- The same bytes, fast ------------------------------------------------------------------
# ``json.dumps(..., ensure_ascii=False)`` escapes strings with exactly this function.
_string = json.encoder.encode_basestring
_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
# The canonical object with its keys in sorted order; the values are filled in as JSON text.
_TEMPLATE = (
    '{"action":%s,"actor_id":%s,"client_ip":%s,"detail":%s,"object_id":%s,"object_type":%s,'
    '"occurred_at":"%s","organisation_id":%s,"outcome":%s,"person_id":%s,"prev_hash":%s,'
    '"purpose":%s,"role":%s,"seq":%s}'
)


def _as_datetime(value: datetime | str) -> datetime:
    # SQLite keeps times as text ("2026-01-31 09:15:00.123456", UTC); Django reads it likewise.
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"unreadable time {value!r}") from None
        return parsed


def _time_text(value: datetime | str) -> str:
    """``_canonical_time``, through ``isoformat`` where that gives the same text (faster)."""
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[0] != "0":
        # "2026-01-31 09:15:00.123456": how both databases hand the time to verification
        # (``selectors._select_sql``). A year below 1000 takes the path below (no padding).
        return f"{value[:10]}T{value[11:]}Z"
    value = _as_datetime(value)
    tz = value.tzinfo
    if value.year < 1000 or (tz is not None and tz is not UTC):
        return _canonical_time(value)  # strftime does not pad such years; zones convert
    text = value.isoformat()
    if tz is not None:
        text = text[:-6]  # "+00:00"
    return text + "Z" if value.microsecond else text + ".000000Z"


def _detail_json(value: Any) -> str:
    # The database hands JSON back as text (SQLite, and PostgreSQL's jsonb through Django's
    # loader) in its own spacing and key order: parse it and let the canonical form decide.
    if value.__class__ is str:
        return _detail_text(value)
    return _dumps(value)


@functools.lru_cache(maxsize=65_536)
def _detail_text(text: str) -> str:
    # Most events share a handful of details ({"action": "view"}, {}): parse each spelling once.
    return _dumps(json.loads(text))


def canonical_values(row: Sequence[Any]) -> bytes:
    """``canonical`` for a row tuple in ``VERIFY_FIELDS`` order, as a database cursor returns
    it (JSON and SQLite's times as text, naive times meaning UTC). Byte-identical to
    ``canonical``; rows with values of unusual types go through ``canonical`` itself."""
    (seq, prev_hash, occurred_at, actor_id, organisation_id, role, action, object_type,
     object_id, person_id, purpose, outcome, client_ip, detail) = row[:HASH]  # fmt: skip
    time = _time_text(occurred_at)
    if (
        seq.__class__ is not int
        or not (actor_id is None or actor_id.__class__ is int)
        or not (organisation_id is None or organisation_id.__class__ is int)
        or not (person_id is None or person_id.__class__ is int)
        or not (client_ip is None or client_ip.__class__ is str)
    ):
        return _canonical_slow(row)
    try:
        text = _TEMPLATE % (
            _string(action),
            "null" if actor_id is None else actor_id,
            "null" if client_ip is None else _string(client_ip),
            _detail_json(detail),
            _string(object_id),
            _string(object_type),
            time,
            "null" if organisation_id is None else organisation_id,
            _string(outcome),
            "null" if person_id is None else person_id,
            _string(prev_hash),
            _string(purpose),
            _string(role),
            seq,
        )
    except TypeError:  # a text column holding something else than text
        return _canonical_slow(row)
    return text.encode()


def _canonical_slow(row: Sequence[Any]) -> bytes:
    values = dict(zip(CHAINED_FIELDS, row, strict=False))
    values["occurred_at"] = _as_datetime(values["occurred_at"])
    if isinstance(values["detail"], str):
        values["detail"] = json.loads(values["detail"])
    return canonical(values)


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        seq, _, digest = text.strip().partition(":")
        digest = digest.lower()
        if not seq.isdigit() or len(digest) != 64 or digest.strip("0123456789abcdef"):
            raise ValueError("Een anker heeft de vorm VOLGNUMMER:HASH (64 hexadecimale tekens).")
        return cls(int(seq), digest)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""

    @classmethod
    def broken(cls, seq: int, reason: str) -> VerifyResult:
        """The chain is sound up to ``seq - 1`` and breaks at ``seq``."""
        return cls(False, seq - 1, seq, reason)


def verify_rows(rows: Iterable[Sequence[Any]], anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Walk rows (tuples in ``VERIFY_FIELDS`` order) by ``seq`` and report the first break.

    A changed row fails its own hash; an inserted or removed row breaks the ``seq`` sequence or
    the link to its predecessor. A row that was changed *and* re-hashed shows as a broken link
    in the row after it. Each anchor's row, when reached, must still carry the anchored hash;
    whether the chain reaches the anchors at all is for the caller to judge (it knows where the
    chain should end).
    """
    return verify_span(rows, {anchor.seq: anchor.hash for anchor in anchors})[0]


def verify_span(
    rows: Iterable[Sequence[Any]],
    anchored: dict[int, str],
    *,
    first_seq: int = 1,
    prev: str | None = GENESIS_HASH,
) -> tuple[VerifyResult, str | None, str | None]:
    """``verify_rows`` for a stretch of the chain starting at ``first_seq``: with ``prev=None``
    the first row's own ``prev_hash`` is taken as the link to the stretch before (the caller
    checks that link). Returns the result, the first row's ``prev_hash`` and the last digest."""
    sha256 = hashlib.sha256
    expected_seq = first_seq
    first_prev: str | None = None
    for row in rows:
        seq = row[SEQ]
        if seq != expected_seq:
            return VerifyResult.broken(expected_seq, gap_reason(expected_seq, seq)), None, None
        if prev is None:
            prev = row[PREV_HASH]
        if first_prev is None:
            first_prev = row[PREV_HASH]
        try:
            digest = sha256(canonical_values(row)).hexdigest()
        except (TypeError, ValueError):
            return VerifyResult.broken(seq, "de inhoud van de regel is onleesbaar"), None, None
        if digest != row[HASH]:
            return (
                VerifyResult.broken(seq, "de inhoud van de regel past niet bij zijn hash"),
                None,
                None,
            )
        if row[PREV_HASH] != prev:
            return VerifyResult.broken(seq, broken_link_reason(seq)), None, None
        if anchored and anchored.get(seq, digest) != digest:
            return (
                VerifyResult.broken(
                    seq,
                    "de regel wijkt af van het bewaarde anker: de keten is tot hier herschreven",
                ),
                None,
                None,
            )
        prev = digest
        expected_seq += 1
    return VerifyResult(True, expected_seq - 1), first_prev, prev


def broken_link_reason(seq: int) -> str:
    return (
        f"de regel verwijst naar een andere regel {seq - 1} dan er staat "
        f"(regel {seq - 1} is gewijzigd en opnieuw gehasht, of deze regel is vervalst)"
    )


def gap_reason(expected: int, found: int) -> str:
    if found > expected:
        return f"regel {expected} ontbreekt (volgende gevonden: {found})"
    return f"regel {found} komt dubbel of buiten volgorde voor"
