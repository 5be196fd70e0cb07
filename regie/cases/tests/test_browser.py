"""In the browser: a goal with two scenarios, a partner completing an action in place, and the
regisseur switching to the alternative when the primary is blocked by a care waiting list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from regie.cases.models import ActionStatus, Scenario, ScenarioStatus
from regie.conftest import PASSWORD, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRIMARY = "Intake bij de specialistische ggz"
ALTERNATIVE = "Overbrugging door het FACT-team"
ACTION = "Aanmelding bij de ggz versturen"


def _second_browser(page, live_server, user):
    """A separate browser for a second user, so both stay logged in (a TOTP code is only
    accepted once, so logging out and in again within one 30-second window would fail)."""
    context = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    other = context.new_page()
    other.goto("/account/login/")
    other.get_by_label("Gebruikersnaam").fill(user.username)
    other.get_by_label("Wachtwoord").fill(PASSWORD)
    other.get_by_role("button", name="Inloggen").click()
    other.get_by_label("Code").fill(totp_now(user.totp_secret))
    other.get_by_role("button", name="Bevestigen").click()
    expect(other).not_to_have_url(re.compile(r"/account/"))
    return other


def test_plan_with_alternative_scenario_end_to_end(
    page, browser_login, live_server, case, regisseur, reclasseringswerker
) -> None:
    case_url = f"/casussen/{case.pk}/"

    # The regisseur adds a goal with a primary and an alternative scenario, and an action.
    browser_login(regisseur)
    page.get_by_role("link", name="Mijn casussen").first.click()
    page.get_by_role("link", name=case.person.full_name).click()
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Leefgebied").select_option(label="Geestelijke gezondheid")
    page.get_by_label("Doel", exact=True).fill("Passende behandeling voor psychische klachten")
    page.get_by_label("Meetbare indicator").fill("Is in behandeling en komt afspraken na")
    page.get_by_label("Streefdatum").fill("2027-03-01")
    page.get_by_label("Primair scenario").fill(PRIMARY)
    page.get_by_label("Alternatief scenario").fill(ALTERNATIVE)
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_text("Doel toegevoegd.")).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_contain_text("Geestelijke gezondheid")

    page.get_by_role("link", name="Actie toevoegen").click()
    page.get_by_label("Actie", exact=True).fill(ACTION)
    page.get_by_label("Verantwoordelijke organisatie").select_option(label="Reclassering (test)")
    page.get_by_label("Uiterlijk op").fill("2027-01-15")
    page.get_by_role("button", name="Actie toevoegen").click()
    expect(page.get_by_text("Actie toegevoegd.")).to_be_visible()

    # A partner of the responsible organisation completes the action in place.
    partner = _second_browser(page, live_server, reclasseringswerker)
    partner.goto(case_url)
    partner.get_by_label(f"Status: {ACTION}").select_option(label="Afgerond")
    partner.get_by_label(f"Toelichting: {ACTION}").fill("Aanmelding verstuurd")
    partner.get_by_role("button", name=f"Bijwerken actie: {ACTION}").click()
    plan = partner.locator("#plan")
    expect(plan.get_by_role("status")).to_have_text("Actie bijgewerkt.")
    expect(plan).to_contain_text("Aanmelding verstuurd")
    expect(partner.get_by_label(f"Status: {ACTION}")).to_have_value(ActionStatus.DONE)
    partner.context.close()

    # The regisseur records the care waiting list and switches to the alternative.
    page.goto(case_url)
    page.get_by_role("link", name=f"Loopt vast door tekort ({PRIMARY})").click()
    page.get_by_label("Wachtlijst zorg").check()
    page.get_by_label("Verwachte wachttijd").fill("12")
    page.get_by_label("Eenheid").select_option(label="weken")
    page.get_by_label("Alternatief dat u nu inzet").select_option(label=ALTERNATIVE)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Tekort vastgelegd en alternatief ingezet.")).to_be_visible()
    expect(page.get_by_text("Vastgelopen door Wachtlijst zorg")).to_be_visible()

    primary = Scenario.objects.get(description=PRIMARY)
    assert primary.status == ScenarioStatus.BLOCKED
    assert primary.expected_wait_days == 84
    alternative = Scenario.objects.get(description=ALTERNATIVE)
    assert primary.activated_alternative == alternative
    assert alternative.status == ScenarioStatus.ACTIVE
