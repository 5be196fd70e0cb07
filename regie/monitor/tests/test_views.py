"""The monitor page and its downloads: who sees what, no personal data, bounded queries."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from regie.accounts.models import Municipality
from regie.audit.models import AuditAction, AuditEvent
from regie.monitor.tests.conftest import History

pytestmark = pytest.mark.django_db

URL = "/monitor/?year=2025&peildatum=2025-12-31"
# What would identify the persons of the known history: names, the BSN, the date of birth.
IDENTIFYING = (
    "Zwanenburg",
    "Anouk",
    "Fleur",
    "111222333",
    "2003-04-17",
    "17-04-2003",
    "17 april 2003",
)


def _assert_anonymous(text: str) -> None:
    for value in IDENTIFYING:
        assert value not in text


def test_analyst_sees_the_monitor_with_suppression_marks_and_charts(
    history: History, login, analist
) -> None:
    response = login(analist).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jaarmonitor persoonsgerichte regie" in html
    assert "hele regio · alle doelgroepen · peildatum 31 december 2025" in html
    assert "&lt;5" in html
    assert html.count("<svg") == 4
    _assert_anonymous(html)
    event = AuditEvent.objects.filter(object_type="monitor", action=AuditAction.VIEW).get()
    assert event.person_id is None
    assert event.detail["year"] == 2025


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json"])
def test_every_download_is_anonymous_and_audited_as_an_export(
    history: History, login, analist, fmt: str
) -> None:
    response = login(analist).get(f"{URL}&format={fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if fmt == "pdf":
        text = "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert "Jaarmonitor persoonsgerichte regie 2025" in text
    else:
        text = response.content.decode("utf-8-sig")
    _assert_anonymous(text)
    if fmt == "json":
        data = json.loads(text)
        assert data["peildatum"] == "2025-12-31"
        population = next(t for t in data["tables"] if t["code"] == "populatie")
        assert population["rows"][0]["cells"]["jeugd"] == "<5"
    if fmt == "csv":
        assert text.startswith("tabel;rij;kolom;waarde")
    assert AuditEvent.objects.filter(
        object_type="monitor", action=AuditAction.EXPORT, detail__format=fmt
    ).exists()


def test_municipal_contact_sees_only_the_residents_of_their_own_municipality(
    history: History, login, gemeente_amstelveen
) -> None:
    response = login(gemeente_amstelveen).get("/monitor/?year=2025&peildatum=2025-02-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "inwoners van Amstelveen" in html
    assert ">Amsterdam<" not in html
    data = json.loads(
        login(gemeente_amstelveen).get("/monitor/?year=2025&format=json").content.decode()
    )
    assert data["municipality"] == "amstelveen"
    population = next(t for t in data["tables"] if t["code"] == "populatie")
    assert [row["code"] for row in population["rows"]] == ["amstelveen"]


@pytest.mark.parametrize("municipality", ["amsterdam", "diemen"])
def test_municipal_contact_cannot_ask_for_another_municipality(
    history: History, login, gemeente_amstelveen, municipality: str
) -> None:
    client = login(gemeente_amstelveen)
    assert client.get(f"{URL}&municipality={municipality}").status_code == 404
    assert client.get(f"{URL}&municipality={municipality}&format=csv").status_code == 404
    assert AuditEvent.objects.filter(
        object_type="monitor", action=AuditAction.ACCESS_DENIED
    ).exists()


def test_other_roles_may_choose_a_municipality(history: History, login, teamleider) -> None:
    response = login(teamleider).get(f"{URL}&municipality={Municipality.AMSTELVEEN}")
    assert response.status_code == 200
    assert "inwoners van Amstelveen" in response.content.decode()


def test_a_partner_gets_not_found(history: History, login, politie_medewerker) -> None:
    assert login(politie_medewerker).get(URL).status_code == 404
    assert login(politie_medewerker).get(f"{URL}&format=pdf").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=1999", "Kies een jaar van 2000"),
        ("year=2025&peildatum=2024-05-01", "De peildatum moet in het gekozen jaar liggen."),
        ("year=2025&peildatum=2025-13-01", "Voer een geldige datum in"),
        ("year=2025&municipality=atlantis", "Selecteer een geldige keuze"),
    ],
)
def test_bad_filters_get_a_dutch_message_not_an_error(
    history: History, login, analist, query: str, message: str
) -> None:
    response = login(analist).get(f"/monitor/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_download_format_is_not_found(history: History, login, analist) -> None:
    assert login(analist).get(f"{URL}&format=xlsx").status_code == 404


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured.captured_queries)


def test_the_page_query_count_does_not_grow_with_the_data(history: History, login, analist) -> None:
    client = login(analist)
    client.get(URL)
    small = _queries(client)
    w = history.writer
    for number in range(25):
        person = w.person(f"Meer{number}", Municipality.DIEMEN)
        nomination = w.nomination(person, w.reclassering, "volwassenen")
        w.open_case(500 + number, person, date(2025, 3, 1), "volwassenen", nomination=nomination)
        w.review(
            500 + number,
            person,
            date(2025, 9, 1),
            on_time=True,
            target_group="volwassenen",
            nomination=nomination,
            zrm={"financien": 4},
        )
        w.outflow(500 + number, person, date(2025, 10, 1), "anders", "volwassenen", 214)
    assert _queries(client) == small


def test_analyst_and_municipal_contact_land_on_the_monitor_with_it_in_the_menu(
    login, analist, gemeente_amstelveen
) -> None:
    for user in (analist, gemeente_amstelveen):
        client = login(user)
        assert client.get("/start/").url == "/monitor/"
        assert 'href="/monitor/"' in client.get("/monitor/").content.decode()
    assert 'href="/monitor/ervaringen/"' in login(analist).get("/monitor/").content.decode()
