"""The API documentation page works in a real browser under the strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_shows_every_operation_without_csp_violations(page) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))

    page.goto("/api/v1/docs/")

    expect(page.get_by_role("heading", name="Regie partner-API")).to_be_visible()
    for summary in (
        "Een persoon voordragen",
        "Een voordracht intrekken",
        "Geregistreerde feiten aanleveren (bulk)",
    ):
        expect(page.get_by_text(summary, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    assert problems == []
