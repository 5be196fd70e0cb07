"""The privacy officer's dry run as a background task: the page enqueues it, ``regie db_worker``
runs it, the page shows its status and then the summary, the full list comes as CSV. The worker
is the real one (``db_worker --batch``), on the test database: these tests commit."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from regie.audit.models import AuditEvent
from regie.nominations.models import Nomination
from regie.persons.models import Person
from regie.persons.tests.factories import BSN_B
from regie.rights.models import DeletionBatch
from regie.rights.retention.run import retention_run
from regie.rights.services.requests import subject_request_receive
from regie.rights.tasks import retention_dry_run

pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HTTP_HX_REQUEST": "true"}


def at(moment: str):
    return time_machine.travel(f"{moment} +0100", tick=False)


def work() -> None:
    """Run every queued task with the real worker, then stop (as cron or a test would)."""
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)


@task()
def other_task() -> int:
    return 1


@pytest.fixture
def expired(make_record, fg):
    """Two declined nominations past their term on 1 February 2025; the second person has an
    open subject request, so that record is held."""
    with at("2024-01-10 10:00"):
        gone = make_record(outcome="afgewezen")
        held = make_record(outcome="afgewezen", first_name="Sem", bsn=BSN_B)
    with at("2024-12-01 10:00"):
        subject_request_receive(
            actor=fg, person=held.person, kind="access", received_on=date(2024, 12, 1)
        )
    return gone, held


def test_the_dry_run_waits_for_the_worker_then_shows_a_summary_and_the_full_list(
    login, fg, expired
):
    gone, held = expired
    client = login(fg)
    with at("2025-02-01 10:00"):
        started = client.post(reverse("rights:retention_dry_run"))
        queued = client.get(started["Location"]).content.decode()
        polled = client.get(started["Location"], **HTMX).content.decode()

    assert started.status_code == 302
    [result] = DBTaskResult.objects.all()
    assert started["Location"] == reverse("rights:retention_dry_run_result", args=[result.id])
    assert (result.status, result.args_kwargs["kwargs"]) == ("READY", {"actor_id": fg.pk})
    assert "staat sinds 10:00:00 in de wachtrij" in queued
    assert 'hx-trigger="every 2s"' in polled
    assert "<html" not in polled
    assert not DeletionBatch.objects.exists(), "nothing runs before the worker takes it"

    with at("2025-02-01 10:00"):
        work()
        done = client.get(started["Location"], **HTMX).content.decode()
        page = client.get(started["Location"]).content.decode()
        listed = client.get(reverse("rights:retention_dry_run_csv", args=[result.id]))
        expected = retention_run(dry_run=True)

    assert "hx-trigger" not in done
    assert "2 gegevens zouden worden verwijderd" in done
    assert "Afgewezen voordracht" in done
    assert "open verzoek van de betrokkene" in done
    assert f"{held.nomination.pk} (termijn vanaf 10-01-2024)" in done
    assert "Bewaartermijnen" in page
    assert "2 gegevens zouden worden verwijderd" in page
    rows = list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig"))))
    assert rows[0] == ["soort", "omschrijving", "intern_nummer", "termijn_vanaf"]
    assert [(kind, int(pk)) for kind, _label, pk, _day in rows[1:]] == [
        (row.kind, row.record_id) for row in expected.deleted
    ]
    assert ("nomination_declined", str(gone.nomination.pk)) in [(r[0], r[2]) for r in rows]
    assert listed["Content-Disposition"] == (
        'attachment; filename="proefdraai-bewaartermijnen-2025-02-01.csv"'
    )
    assert Nomination.objects.count() == 2
    assert Person.objects.filter(pk=gone.person.pk).exists()
    run = DeletionBatch.objects.filter(dry_run=True, actor=fg).first()
    assert run is not None
    events = AuditEvent.objects.filter(object_type="retention_run", object_id=run.pk)
    assert sorted(events.values_list("action", flat=True)) == ["export", "view", "view", "view"]
    assert set(events.values_list("actor_id", flat=True)) == {fg.pk}


def test_a_dry_run_nobody_picks_up_says_so_after_a_minute(login, fg):
    client = login(fg)
    with at("2025-02-01 10:00"):
        location = client.post(reverse("rights:retention_dry_run"))["Location"]
        fresh = client.get(location, **HTMX).content.decode()
    with at("2025-02-01 10:02"):
        stale = client.get(location, **HTMX).content.decode()

    assert "geen taakverwerker" not in fresh
    assert "Waarschijnlijk draait er geen taakverwerker (regie db_worker)" in stale


def test_a_failed_dry_run_says_so_and_offers_no_list(login, fg):
    result = retention_dry_run.enqueue(actor_id=0)  # no such user: the task fails
    work()
    client = login(fg)

    page = client.get(reverse("rights:retention_dry_run_result", args=[result.id]))
    listed = client.get(reverse("rights:retention_dry_run_csv", args=[result.id]))

    assert DBTaskResult.objects.get().status == "FAILED"
    assert "De proefdraai is mislukt; er is niets verwijderd." in page.content.decode()
    assert listed.status_code == 404


def test_a_dry_run_is_the_privacy_officers_alone_and_no_other_task_is_shown(
    login, fg, triagist, toezicht
):
    dry = retention_dry_run.enqueue(actor_id=fg.pk)
    other = other_task.enqueue()
    work()

    for user in (triagist, toezicht):
        for name in ("rights:retention_dry_run_result", "rights:retention_dry_run_csv"):
            assert login(user).get(reverse(name, args=[dry.id])).status_code == 404
        assert login(user).post(reverse("rights:retention_dry_run")).status_code == 404
    client = login(fg)
    for task_id in (other.id, uuid.uuid4()):
        for name in ("rights:retention_dry_run_result", "rights:retention_dry_run_csv"):
            assert client.get(reverse(name, args=[task_id])).status_code == 404
    assert client.get(reverse("rights:retention_dry_run_result", args=[dry.id])).status_code == 200
    assert DBTaskResult.objects.filter(status="READY").count() == 0
