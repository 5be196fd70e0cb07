"""A long chain is verified by several processes, one stretch each: the outcome — the first bad
sequence number and the reason — is exactly that of the walk in one process, also when the
tampering sits on the border between two stretches."""

from __future__ import annotations

import multiprocessing.pool
from collections.abc import Callable

import pytest
from django.db import connection

from regie.audit import selectors, triggers
from regie.audit.chain import Anchor
from regie.audit.selectors import audit_verify
from regie.audit.testing import chain_append
from regie.audit.tests.conftest import Attacker

LENGTH = 40
STRETCH = 7  # stretches 1-7, 8-14, 15-21, ...


@pytest.fixture
def long_chain(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Anchor:
    """A committed chain (worker processes cannot see an open transaction), in short stretches."""
    monkeypatch.setattr(selectors, "STRETCH", STRETCH)
    return chain_append(LENGTH, seed=11)


def _both() -> tuple[selectors.VerifyResult, selectors.VerifyResult]:
    return audit_verify(processes=2), audit_verify(processes=1)


def test_an_untouched_chain_verifies_in_parallel_with_its_anchor(long_chain: Anchor) -> None:
    parallel, single = _both()
    assert parallel == single
    assert parallel.ok
    assert parallel.checked == LENGTH
    assert audit_verify(processes=2, anchors=[long_chain]).ok


def _rehash(a: Attacker, seq: int) -> None:
    a.change(seq, person_id=31_337)
    a.rehash(seq)


TAMPERING: dict[str, Callable[[Attacker], None]] = {
    "changed row inside a stretch": lambda a: a.change(10, person_id=31_337),
    "changed first row of a stretch": lambda a: a.change(15, action="export"),
    "last row of a stretch rehashed (breaks the next stretch's link)": lambda a: _rehash(a, 14),
    "last row of a stretch removed": lambda a: a.delete(14),
    "first row of a stretch removed": lambda a: a.delete(15),
    "a whole stretch removed": lambda a: a.delete(*range(8, 15)),
    "the tail removed": lambda a: a.delete(*range(36, LENGTH + 1)),
}


@pytest.mark.parametrize("tampering", sorted(TAMPERING))
def test_tampering_gives_the_same_finding_in_parallel_as_in_one_process(
    long_chain: Anchor, tampering: str
) -> None:
    with triggers.lifted(connection):
        TAMPERING[tampering](Attacker())
    parallel, single = _both()
    assert not single.ok
    assert parallel == single


def test_the_workers_are_closed_and_joined_never_terminated(
    long_chain: Anchor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Pool.terminate()`` can hang for good (CPython issues #73945, #96995): it once held a CI
    run until its time ran out. A finding in an early stretch lets the workers finish theirs."""

    def terminate(pool: multiprocessing.pool.Pool) -> None:
        raise AssertionError("Pool.terminate() called")

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", terminate)
    with triggers.lifted(connection):
        TAMPERING["changed row inside a stretch"](Attacker())
    parallel, single = _both()
    assert parallel == single
    assert parallel.first_bad_seq == 10
    assert not multiprocessing.active_children()
