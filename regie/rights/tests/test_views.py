"""The contact point's screens: privacy officer only, every step through a form, no 500s."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from regie.rights.models import RequestStatus, SubjectRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["rights:list", "rights:receive", "rights:retention", "governance:anomalies"]
)
def test_pages_of_the_privacy_officer_are_not_found_for_others(login, triagist, toezicht, name):
    for user in (triagist, toezicht):
        assert login(user).get(reverse(name)).status_code == 404


def test_a_request_for_someone_elses_page_is_not_found(login, triagist, make_request):
    request = make_request()

    assert login(triagist).get(reverse("rights:detail", args=[request.pk])).status_code == 404


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_receiving_a_request_by_bsn_opens_it_with_its_deadline(login, fg, record):
    response = login(fg).post(
        reverse("rights:receive"),
        {
            "kind": "access",
            "received_on": "2026-03-02",
            "bsn": "111 222 333",
            "requester_kind": "betrokkene",
        },
    )

    request = SubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rights:detail", args=[request.pk])
    assert (request.person, request.deadline) == (record.person, date(2026, 4, 2))
    page = login(fg).get(response["Location"]).content.decode()
    assert "02-04-2026" in page
    assert "nog 31 dagen" in page


def test_receiving_without_a_known_person_says_so(login, fg, record):
    response = login(fg).post(
        reverse("rights:receive"),
        {
            "kind": "access",
            "received_on": "2026-03-02",
            "last_name": "Onbekend",
            "date_of_birth": "2001-01-01",
            "requester_kind": "betrokkene",
        },
    )

    assert response.status_code == 400
    assert "Geen persoon gevonden" in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_the_list_shows_overdue_requests_with_days_overdue(login, fg, make_request):
    with time_machine.travel("2026-01-05 10:00 +0100", tick=False):
        request = make_request(received_on=date(2026, 1, 5))
    with time_machine.travel("2026-02-15 10:00 +0100", tick=False):
        page = login(fg).get(reverse("rights:list")).content.decode()

    assert f"PGR-V{request.pk}" in page
    assert "05-02-2026" in page
    assert "<strong>10</strong>" in page


def test_start_extend_and_close_through_the_screens(login, fg, make_request):
    with time_machine.travel("2026-03-02 10:00 +0100", tick=False):
        request = make_request(received_on=date(2026, 3, 2))
        client = login(fg)
        client.post(reverse("rights:start", args=[request.pk]))
        bad = client.post(reverse("rights:extend", args=[request.pk]), {"notice_on": "2026-03-02"})
        client.post(
            reverse("rights:extend", args=[request.pk]),
            {
                "notice_on": "2026-03-02",
                "notice_text": "Wij hebben meer tijd nodig: vier partners.",
            },
        )
        incomplete = client.post(
            reverse("rights:close", args=[request.pk]), {"decision": "afgehandeld"}
        )
        client.post(
            reverse("rights:close", args=[request.pk]),
            {
                "decision": "afgehandeld",
                "outcome": "Inzage gegeven.",
                "legal_ground": "AVG art. 15",
            },
        )

    request.refresh_from_db()
    assert bad.status_code == 400
    assert incomplete.status_code == 400
    assert (request.status, request.deadline, request.handler) == (
        RequestStatus.DONE,
        date(2026, 6, 2),
        fg,
    )


def test_the_export_is_generated_and_downloaded_as_pdf_and_json(login, fg, record, make_request):
    request = make_request()
    client = login(fg)

    form = client.get(reverse("rights:inzage", args=[request.pk]))
    response = client.post(reverse("rights:inzage", args=[request.pk]), {})
    export = request.exports.get()
    pdf = client.get(reverse("rights:inzage_download", args=[request.pk, export.pk, "pdf"]))
    data = client.get(reverse("rights:inzage_download", args=[request.pk, export.pk, "json"]))

    assert form.status_code == 200
    assert response.status_code == 302
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert data.json()["person_id"] == record.person.pk
    assert (
        client.get(
            reverse("rights:inzage_download", args=[request.pk, export.pk, "xml"])
        ).status_code
        == 404
    )


def test_erasure_through_the_screen_needs_confirmation(login, fg, record, make_request):
    request = make_request("erasure")
    client = login(fg)
    data = {"outcome": "Gewist.", "legal_ground": "AVG art. 17 lid 1 sub d"}

    unconfirmed = client.post(reverse("rights:erase", args=[request.pk]), data)
    confirmed = client.post(reverse("rights:erase", args=[request.pk]), {**data, "confirm": "on"})

    assert unconfirmed.status_code == 400
    assert confirmed.status_code == 302
    assert "gewist (intern nummer" in client.get(confirmed["Location"]).content.decode()


def test_the_retention_page_shows_terms_sources_and_a_dry_run(login, fg, record):
    client = login(fg)

    page = client.get(reverse("rights:retention")).content.decode()
    dry = client.post(reverse("rights:retention_dry_run"))

    assert "Afgewezen voordracht" in page
    assert "moeten deze termijn bevestigen" in page
    assert dry.status_code == 302  # to the dry run's status (test_retention_task)
    assert "Proefdraai" in client.get(dry["Location"]).content.decode()
    bad = client.post(reverse("rights:retention_extension"), {"kind": "letter", "record_id": 1})
    assert bad.status_code == 400
