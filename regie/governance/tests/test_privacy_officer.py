"""The privacy officer's access anomalies and the privacy audit report."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from regie.access.models import ReviewOutcome
from regie.access.policy import access
from regie.access.rules import Action
from regie.access.services import break_glass_grant, break_glass_review
from regie.audit.models import AuditEvent
from regie.governance.anomalies import many_persons, odd_hours, refusals
from regie.governance.report import privacy_report
from regie.persons.models import Person
from regie.rights.retention.run import retention_run
from regie.rights.services.requests import subject_request_close, subject_request_receive
from regie.rights.tests.conftest import build_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def triagist(make_user, acvz):
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def persons(politie_medewerker, triagist, make_user, acvz) -> list[Person]:
    chair = make_user(acvz, "triage_chair")
    return [
        build_record(
            partner=politie_medewerker,
            triagist=triagist,
            chair=chair,
            first_name=f"Sam{n}",
            last_name=f"Synthetisch{n}",
            bsn=None,
        ).person
        for n in range(6)
    ]


def period() -> tuple[datetime, datetime]:
    now = timezone.now()
    return now - timedelta(days=1), now + timedelta(days=1)


def test_an_employee_viewing_many_persons_outside_their_cases_is_flagged(
    triagist, persons, settings
):
    settings.REGIE_ANOMALY_PERSONS_THRESHOLD = 5
    for person in persons:
        access(triagist, Action.VIEW, Person, pk=person.pk)

    rows = many_persons(*period())

    assert [(a.user, a.count) for a in rows] == [(triagist, 6)]
    settings.REGIE_ANOMALY_PERSONS_THRESHOLD = 7
    assert many_persons(*period()) == []


def test_access_at_odd_local_hours_is_flagged(triagist, persons):
    with time_machine.travel("2026-03-03 23:30 +0100", tick=False):
        access(triagist, Action.VIEW, Person, pk=persons[0].pk)
    with time_machine.travel("2026-03-04 05:59 +0100", tick=False):
        access(triagist, Action.VIEW, Person, pk=persons[1].pk)
    with time_machine.travel("2026-03-04 06:00 +0100", tick=False):
        access(triagist, Action.VIEW, Person, pk=persons[2].pk)
    with time_machine.travel("2026-03-04 21:59 +0100", tick=False):
        access(triagist, Action.VIEW, Person, pk=persons[3].pk)

    start = timezone.make_aware(datetime(2026, 3, 1))
    rows = odd_hours(start, start + timedelta(days=7))

    assert [(a.user, a.count) for a in rows] == [(triagist, 2)]


def test_repeated_not_found_is_flagged(login, politie_medewerker, persons, settings):
    settings.REGIE_ANOMALY_DENIED_THRESHOLD = 3
    client = login(politie_medewerker)
    for person in persons[:3]:
        assert client.get(reverse("persons:detail", args=[person.pk])).status_code == 404

    assert [(a.user, a.count) for a in refusals(*period())] == [(politie_medewerker, 3)]


def test_the_anomaly_page_links_the_break_glass_queue_and_is_audited(
    login, fg, triagist, persons, settings
):
    settings.REGIE_ANOMALY_PERSONS_THRESHOLD = 2
    for person in persons:
        access(triagist, Action.VIEW, Person, pk=person.pk)

    page = login(fg).get(reverse("governance:anomalies")).content.decode()

    assert reverse("access:break_glass_queue") in page
    assert "triagist" in page
    assert "Synthetisch" not in page
    assert AuditEvent.objects.filter(object_type="access_anomalies", actor_id=fg.pk).exists()


def test_the_report_counts_access_break_glass_requests_and_retention_runs(
    fg, regisseur, triagist, persons
):
    with time_machine.travel("2026-02-02 10:00 +0100", tick=False):
        access(triagist, Action.VIEW, Person, pk=persons[0].pk)
        access(triagist, Action.VIEW, Person, pk=persons[1].pk)
        grant = break_glass_grant(
            user=regisseur,
            resource="person",
            object_id=persons[2].pk,
            reason="Spoedoverleg met de politie vannacht.",
        )
        break_glass_review(reviewer=fg, grant=grant, outcome=ReviewOutcome.APPROVED, note="")
        late = subject_request_receive(
            actor=fg, person=persons[0], kind="access", received_on=date(2026, 1, 1)
        )
        subject_request_close(
            actor=fg, request=late, outcome="Inzage gegeven.", legal_ground="AVG art. 15"
        )
        subject_request_receive(
            actor=fg, person=persons[1], kind="erasure", received_on=date(2026, 2, 1)
        )
        retention_run()

    report = privacy_report(date(2026, 2, 1), date(2026, 2, 28))

    triage_rows = [r for r in report.access if r.role == "Triagist"]
    assert [(r.organisation, r.count) for r in triage_rows] == [("AcVZ (test)", 2)]
    assert report.break_glass == [("Akkoord", 1)]
    rows = {r.kind: r for r in report.requests}
    assert (rows["Inzage"].received, rows["Inzage"].closed_late, rows["Inzage"].closed_in_time) == (
        0,
        1,
        0,
    )
    assert (rows["Wissing"].received, rows["Wissing"].open_overdue) == (1, 0)
    assert len(report.runs) == 1


def test_the_report_downloads_as_pdf_and_is_audited(login, fg, persons):
    client = login(fg)

    page = client.get(reverse("governance:privacy_report"))
    pdf = client.get(
        reverse("governance:privacy_report"),
        {"start": "2026-01-01", "end": "2026-12-31", "formaat": "pdf"},
    )

    assert page.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Privacy-auditrapport" in text
    assert "Verzoeken van betrokkenen en hun tijdigheid" in text
    assert AuditEvent.objects.filter(object_type="privacy_report", action="export").count() == 1
