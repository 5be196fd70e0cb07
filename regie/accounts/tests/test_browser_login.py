from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_user_logs_in_with_password_and_totp_and_reaches_start_page(
    page, browser_login, fg
) -> None:
    browser_login(fg)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Auditlog")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_attached()
