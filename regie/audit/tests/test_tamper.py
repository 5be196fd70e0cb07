"""Tampering with the audit table is found by ``regie audit verify``, which names the first bad
sequence number: a changed, inserted or removed row, and a truncated or rewritten tail given an
anchor the privacy officer kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from regie.audit.chain import CHAINED_FIELDS, Anchor
from regie.audit.models import AuditHead
from regie.audit.selectors import audit_anchor, audit_verify
from regie.audit.tests.conftest import CHAIN_LENGTH, Attacker, verify_error, verify_ok

MIDDLE = 12

# One change per stored column: every one of them is covered by the row's hash.
CHANGES = {
    "prev_hash": "f" * 64,
    "occurred_at": lambda row: row["occurred_at"] + timedelta(microseconds=1),
    "actor_id": 999_999,
    "organisation_id": None,
    "role": "privacy_officer",
    "action": "export",
    "object_type": "case",
    "object_id": "424242",
    "person_id": 31_337,
    "purpose": "nieuwsgierigheid",
    "outcome": "denied",
    "client_ip": "192.0.2.99",
    "detail": {"view": "other"},
    "hash": "e" * 64,
}


def test_an_untouched_chain_verifies_with_its_anchor(chain: Anchor) -> None:
    assert audit_anchor() == chain
    out = verify_ok(chain)
    assert f"{CHAIN_LENGTH} regels gecontroleerd" in out
    assert "1 anker(s) kloppen" in out


def test_every_stored_column_is_covered_by_the_test() -> None:
    assert set(CHANGES) == {*CHAINED_FIELDS, "hash"} - {"seq"}


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_a_changed_field_in_a_middle_row_names_that_row(attacker: Attacker, field: str) -> None:
    change = CHANGES[field]
    value = change(attacker.row(MIDDLE)) if callable(change) else change
    attacker.change(MIDDLE, **{field: value})

    error = verify_error()

    assert f"volgnummer {MIDDLE}:" in error
    assert f"({MIDDLE - 1} regels daarvoor in orde)" in error


def test_a_changed_and_rehashed_row_breaks_the_link_of_the_next_row(attacker: Attacker) -> None:
    attacker.change(MIDDLE, person_id=31_337)
    attacker.rehash(MIDDLE)

    error = verify_error()

    assert f"volgnummer {MIDDLE + 1}:" in error
    assert f"regel {MIDDLE} is gewijzigd en opnieuw gehasht" in error


def test_an_appended_row_with_a_wrong_previous_hash_is_named(attacker: Attacker) -> None:
    forged = attacker.forge(CHAIN_LENGTH + 1, prev_hash="a" * 64)
    attacker.set_head(forged.seq, forged.hash)

    assert f"volgnummer {CHAIN_LENGTH + 1}:" in verify_error()


def test_a_row_inserted_in_the_middle_by_renumbering_is_found(attacker: Attacker) -> None:
    attacker.make_room(MIDDLE)
    attacker.forge(MIDDLE, prev_hash=attacker.row(MIDDLE - 1)["hash"], person_id=31_337)
    last = attacker.row(CHAIN_LENGTH + 1)
    attacker.set_head(CHAIN_LENGTH + 1, last["hash"])

    # The forged row itself is consistent; the chain breaks at the row it pushed aside.
    assert f"volgnummer {MIDDLE + 1}:" in verify_error()


def test_a_rewritten_tail_passes_alone_but_not_against_the_anchors(
    chain: Anchor, attacker: Attacker
) -> None:
    early = Anchor(MIDDLE - 2, attacker.row(MIDDLE - 2)["hash"])
    # Insert a row in the middle and re-chain everything behind it, as if nothing happened.
    attacker.make_room(MIDDLE)
    prev = attacker.forge(MIDDLE, prev_hash=attacker.row(MIDDLE - 1)["hash"]).hash
    for seq in range(MIDDLE + 1, CHAIN_LENGTH + 2):
        attacker.change(seq, prev_hash=prev)
        prev = attacker.rehash(seq)
    attacker.set_head(CHAIN_LENGTH + 1, prev)

    verify_ok()  # without an anchor a complete rewrite cannot be told from the real thing
    verify_ok(early)  # the rewrite started after the early anchor
    error = verify_error(early, chain)
    assert f"volgnummer {CHAIN_LENGTH}:" in error
    assert "bewaarde anker" in error


def test_a_deleted_last_row_replaced_by_a_well_chained_forgery_fails_the_anchor(
    chain: Anchor, attacker: Attacker
) -> None:
    attacker.delete(CHAIN_LENGTH)
    forged = attacker.forge(
        CHAIN_LENGTH, prev_hash=attacker.row(CHAIN_LENGTH - 1)["hash"], action="view"
    )
    attacker.set_head(forged.seq, forged.hash)

    verify_ok()
    assert f"volgnummer {CHAIN_LENGTH}:" in verify_error(chain)


def test_a_deleted_middle_row_is_named(attacker: Attacker) -> None:
    attacker.delete(MIDDLE)

    error = verify_error()

    assert f"volgnummer {MIDDLE}:" in error
    assert f"regel {MIDDLE} ontbreekt" in error


@pytest.mark.parametrize("removed", [1, 5])
def test_a_truncated_tail_with_a_fixed_head_is_found_only_by_the_anchor(
    chain: Anchor, attacker: Attacker, removed: int
) -> None:
    kept = CHAIN_LENGTH - removed
    attacker.delete(*range(kept + 1, CHAIN_LENGTH + 1))
    attacker.set_head(kept, attacker.row(kept)["hash"])

    verify_ok()
    error = verify_error(chain)
    assert f"volgnummer {kept + 1}:" in error
    assert "regels aan het eind zijn verwijderd" in error


def test_a_truncated_tail_without_fixing_the_head_is_found_by_the_head(attacker: Attacker) -> None:
    attacker.delete(*range(MIDDLE + 1, CHAIN_LENGTH + 1))

    error = verify_error()

    assert f"volgnummer {MIDDLE + 1}:" in error
    assert f"de kop van de keten staat op {CHAIN_LENGTH}" in error


def test_a_row_appended_behind_the_head_is_named(attacker: Attacker) -> None:
    attacker.forge(CHAIN_LENGTH + 1, prev_hash=attacker.row(CHAIN_LENGTH)["hash"])

    error = verify_error()

    assert f"volgnummer {CHAIN_LENGTH + 1}:" in error
    assert "na de kop" in error


def test_a_head_that_does_not_match_the_last_row_is_named(attacker: Attacker) -> None:
    attacker.set_head(CHAIN_LENGTH, "d" * 64)

    assert f"volgnummer {CHAIN_LENGTH}:" in verify_error()


def test_a_removed_head_row_is_found(attacker: Attacker) -> None:
    AuditHead.objects.all().delete()

    assert "volgnummer 1:" in verify_error()


def test_the_result_names_the_first_of_several_breaks(attacker: Attacker) -> None:
    attacker.change(MIDDLE + 5, action="delete")
    attacker.delete(MIDDLE)

    result = audit_verify()

    assert (result.ok, result.first_bad_seq, result.checked) == (False, MIDDLE, MIDDLE - 1)
