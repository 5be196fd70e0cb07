"""An access request in a real browser: received at the contact point, the export generated
and downloaded as a PDF, and the request closed within its deadline. The retention dry run:
queued, run by the worker, and swapped into the page without a reload."""

from __future__ import annotations

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from regie.rights.models import RequestStatus, SubjectRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_access_request_is_received_exported_and_closed_in_time(page, browser_login, fg, record):
    browser_login(fg)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Verzoeken betrokkenen"
    ).click()
    page.get_by_role("link", name="Nieuw verzoek registreren").click()
    page.get_by_label("Soort verzoek").select_option("access")
    page.get_by_label("Ontvangen op").fill(timezone.localdate().isoformat())
    page.get_by_label("BSN van de persoon").fill(record.person.bsn or "")
    page.get_by_label("De persoon zelf").check()
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text("Verzoek geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inzage")

    page.get_by_role("button", name="In behandeling nemen").click()
    expect(page.get_by_text("u bent de behandelaar")).to_be_visible()
    page.get_by_role("link", name="Inzage maken").click()
    page.get_by_role("button", name="Inzage maken").click()
    expect(page.get_by_text("De inzage is gemaakt")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_label("Uitkomst").fill("Inzage verstrekt: het overzicht is per post verstuurd.")
    page.get_by_label("Juridische grondslag").fill("AVG art. 15")
    page.get_by_role("button", name="Afhandelen").click()
    expect(page.get_by_text("Het verzoek is afgehandeld.")).to_be_visible()
    expect(page.get_by_text("binnen de termijn")).to_be_visible()

    request = SubjectRequest.objects.get()
    assert request.status == RequestStatus.DONE
    assert request.closed_in_time


def test_the_dry_run_page_updates_itself_when_the_worker_is_done(
    page, browser_login, fg, make_record
):
    with time_machine.travel("2024-01-10 10:00 +0100", tick=False):
        make_record(outcome="afgewezen")  # declined in 2024: past its twelve months now
    browser_login(fg)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Bewaartermijnen"
    ).click()
    page.get_by_role("button", name="Proefdraai: toon wat nu zou vervallen").click()
    expect(page.get_by_text("in de wachtrij")).to_be_visible()

    # The real worker, in this process (the live server's database is the test database); the
    # page is not reloaded: HTMX asks every two seconds and swaps the result in.
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    expect(page.get_by_text("2 gegevens zouden worden verwijderd")).to_be_visible()
    expect(page.get_by_role("table", name="Wat zou vervallen, per soort gegeven")).to_contain_text(
        "Afgewezen voordracht"
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Volledige lijst (2 gegevens) als CSV").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as listed:
        assert listed.readline().strip() == "soort,omschrijving,intern_nummer,termijn_vanaf"
        assert len(listed.readlines()) == 2
