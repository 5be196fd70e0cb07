"""A long chain is verified by several processes, one stretch each: the outcome — the first bad
sequence number and the reason — is exactly that of the walk in one process, also when the
tampering sits on the border between two stretches."""

from __future__ import annotations

import multiprocessing.pool
import threading
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
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


def test_verify_with_a_progress_bar_forks_its_workers_with_no_other_thread_alive(
    long_chain: Anchor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread alive at the fork (tqdm's monitor, say) can hold a lock the workers then wait on
    for good; the progress bar starts none."""
    monkeypatch.setattr(selectors, "PARALLEL_FROM", LENGTH)
    at_fork: list[list[str]] = []
    pool = multiprocessing.pool.Pool.__init__

    def spy(self: multiprocessing.pool.Pool, *args: Any, **kwargs: Any) -> None:
        at_fork.append([thread.name for thread in threading.enumerate()])
        pool(self, *args, **kwargs)

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", spy)
    out = StringIO()
    call_command("audit", "verify", "--progress", stdout=out)
    assert "Auditketen in orde: 40 regels" in out.getvalue()
    assert at_fork == [["MainThread"]]


def test_an_interrupted_verify_stops_its_workers(
    long_chain: Anchor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt (Ctrl+C, which reaches the workers too, so the stretches they held never
    come back) goes through to the caller and leaves no worker behind."""

    def interrupted(*args: Any) -> selectors.VerifyResult:
        raise KeyboardInterrupt

    monkeypatch.setattr(selectors, "_first_finding", interrupted)
    with pytest.raises(KeyboardInterrupt):
        audit_verify(processes=2)
    assert not multiprocessing.active_children()
