"""Concurrent writers never fork or break the chain, and an event lives and dies with the work
it records."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from regie.audit.models import AuditAction, AuditEvent, AuditHead
from regie.audit.selectors import audit_head, audit_verify
from regie.audit.services import audit_record
from regie.audit.tests.workers import write_events

THREADS, PER_THREAD = 8, 50


def assert_one_unbroken_chain(expected: int) -> None:
    result = audit_verify()
    assert result.ok, result.reason
    assert result.checked == expected
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, expected + 1))
    prev_hashes = AuditEvent.objects.values_list("prev_hash", flat=True)
    assert len(set(prev_hashes)) == expected  # no two events link to the same predecessor
    assert audit_head().seq == expected


def assert_overlapping(windows: list[tuple[float, float]]) -> None:
    """The writers really competed: every one had started before the first one was done.

    (Their events need not alternate in the chain: SQLite's lock waiters sleep and retry, so a
    writer often appends several events in a row while the others wait.)
    """
    assert max(start for start, _ in windows) < min(end for _, end in windows)


def run_threads(
    work: Callable[[int], None], windows: list[tuple[float, float]] | None = None
) -> list[BaseException]:
    """Run ``work(n)`` in ``THREADS`` threads released at once; collect their errors and, in
    ``windows``, when each started and finished."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def run(worker: int) -> None:
        try:
            barrier.wait(timeout=30)
            started = time.monotonic()
            work(worker)
            if windows is not None:
                windows.append((started, time.monotonic()))
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_threads_writing_at_once_make_one_unbroken_chain() -> None:
    def work(worker: int) -> None:
        for i in range(PER_THREAD):
            audit_record(action=AuditAction.VIEW, object_type="thread", object_id=f"{worker}-{i}")

    windows: list[tuple[float, float]] = []
    assert run_threads(work, windows) == []
    assert_one_unbroken_chain(THREADS * PER_THREAD)
    assert_overlapping(windows)


@pytest.mark.django_db(transaction=True)
def test_threads_recording_inside_their_own_transactions_make_one_unbroken_chain() -> None:
    def work(worker: int) -> None:
        for i in range(PER_THREAD // 5):
            with transaction.atomic():
                audit_record(action=AuditAction.SEARCH, object_type="thread", object_id=worker)
                with transaction.atomic():  # a nested service
                    audit_record(action=AuditAction.VIEW, object_type="thread", object_id=i)

    assert run_threads(work) == []
    assert_one_unbroken_chain(THREADS * (PER_THREAD // 5) * 2)


@pytest.mark.django_db(transaction=True)
def test_processes_writing_at_once_make_one_unbroken_chain() -> None:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        url = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
            f"{settings['NAME']}"
        )
    else:
        url = f"sqlite:///{settings['NAME']}"
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(4)  # all four connected and ready before any writes
    windows = spawn.Queue()
    processes = [
        spawn.Process(target=write_events, args=(url, worker, PER_THREAD, start, windows))
        for worker in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    assert [p.exitcode for p in processes] == [0] * 4
    assert_one_unbroken_chain(4 * PER_THREAD)
    assert_overlapping([windows.get(timeout=10) for _ in processes])


@pytest.mark.django_db(transaction=True)
def test_an_event_recorded_outside_any_transaction_is_committed_at_once() -> None:
    assert not connection.in_atomic_block
    event = audit_record(action=AuditAction.VIEW, object_type="page", object_id="home")
    assert not connection.in_atomic_block
    assert (event.seq, audit_head().seq) == (1, 1)
    assert_one_unbroken_chain(1)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_event_and_no_head_change() -> None:
    audit_record(action=AuditAction.VIEW, object_type="page", object_id="home")
    head_before = audit_head()

    class WorkFailed(Exception):
        pass

    def work() -> None:
        with transaction.atomic():
            audit_record(action=AuditAction.CHANGE, object_type="user", object_id=7)
            with transaction.atomic():
                audit_record(action=AuditAction.CHANGE, object_type="user", object_id=8)
            raise WorkFailed

    with pytest.raises(WorkFailed):
        work()

    assert audit_head() == head_before
    assert list(AuditEvent.objects.values_list("object_id", flat=True)) == ["home"]
    # The next event takes the place of the undone ones.
    assert audit_record(action=AuditAction.VIEW, object_type="page").seq == 2
    assert_one_unbroken_chain(2)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_inner_savepoint_keeps_the_outer_work_and_its_event() -> None:
    with transaction.atomic():
        audit_record(action=AuditAction.CHANGE, object_type="user", object_id=1)
        try:
            with transaction.atomic():
                audit_record(action=AuditAction.CHANGE, object_type="user", object_id=2)
                raise ValueError
        except ValueError:
            pass
        audit_record(action=AuditAction.CHANGE, object_type="user", object_id=3)

    assert list(AuditEvent.objects.order_by("seq").values_list("object_id", flat=True)) == [
        "1",
        "3",
    ]
    assert_one_unbroken_chain(2)


@pytest.mark.django_db(transaction=True)
def test_the_first_writer_after_an_empty_start_creates_the_head() -> None:
    AuditHead.objects.all().delete()

    def work(worker: int) -> None:
        audit_record(action=AuditAction.VIEW, object_type="thread", object_id=worker)

    assert run_threads(work) == []
    assert_one_unbroken_chain(THREADS)
