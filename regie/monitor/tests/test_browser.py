"""In the browser: the analyst logs in, lands on the monitor, picks 2025 and downloads the PDF."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from regie.monitor.tests.conftest import History

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_opens_the_monitor_and_downloads_the_pdf(
    page, browser_login, history: History, analist
) -> None:
    browser_login(analist)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaarmonitor persoonsgerichte regie")
    page.get_by_label("Jaar", exact=True).fill("2025")
    page.get_by_label("Peildatum", exact=True).fill("2025-12-31")
    page.get_by_role("button", name="Toon").click()
    expect(
        page.get_by_text("hele regio · alle doelgroepen · peildatum 31 december 2025")
    ).to_be_visible()
    expect(page.get_by_role("table", name="In de aanpak op de peildatum")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Uitstroom naar reden"))).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename == "jaarmonitor-2025-2025-12-31.pdf"
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Jaarmonitor persoonsgerichte regie 2025" in text
    assert "Zwanenburg" not in text
