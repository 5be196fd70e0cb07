from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_user_logs_in_with_password_and_totp_and_reaches_start_page(
    page, browser_login, fg
) -> None:
    browser_login(fg)
    expect(page.get_by_role("heading", level=1)).to_have_text("Auditlog")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Doorbraken")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_attached()


def test_new_user_sets_up_the_authenticator_app_at_first_login(page, make_user, politie) -> None:
    from regie.conftest import PASSWORD, totp_now

    make_user(politie, "partner", username="nieuwe_collega", mfa=False)
    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe_collega")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor instellen")
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    secret = page.locator(".regie-code").inner_text().strip()
    page.get_by_label("Code uit de app").fill(totp_now(secret))
    page.get_by_role("button", name="Activeren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    expect(
        page.get_by_role("list", name="Ongebruikte codes").get_by_role("listitem")
    ).to_have_count(10)
    page.get_by_role("link", name="Verder naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
