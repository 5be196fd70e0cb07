"""In the browser: a review decides on outflow, a second user (the triage chair) confirms it,
the receiving organisation confirms the warm handover, and after "nog in beeld?" the case is
closed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from regie.cases.models import CaseStatus
from regie.conftest import PASSWORD, fresh_totp
from regie.core.domain import LifeDomain
from regie.reviews.models import HandoverStatus, OutflowStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOAL = "Een eigen, stabiele woonplek"


def _second_browser(page, live_server, user):
    """A separate browser for another user, so everyone stays logged in (a TOTP code is only
    accepted once, so logging out and in again within one 30-second window would fail)."""
    context = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    other = context.new_page()
    other.goto("/account/login/")
    other.get_by_label("Gebruikersnaam").fill(user.username)
    other.get_by_label("Wachtwoord").fill(PASSWORD)
    other.get_by_role("button", name="Inloggen").click()
    other.get_by_label("Code").fill(fresh_totp(user))
    other.get_by_role("button", name="Bevestigen").click()
    expect(other).not_to_have_url(re.compile(r"/account/"))
    return other


def test_review_to_outflow_handover_and_closing(
    page, browser_login, live_server, case, regisseur, voorzitter, zorg, zorgverlener, settings
) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 0
    person = case.person.full_name

    # The regisseur holds a review that decides on outflow.
    browser_login(regisseur)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn casussen"
    ).click()
    page.get_by_role("link", name=person).first.click()
    section = page.locator("#toetsen")
    expect(section.get_by_text("toets te laat")).to_be_visible()
    section.get_by_role("link", name="Toets vastleggen").click()
    for domain in LifeDomain:
        page.get_by_label(str(domain.label), exact=True).select_option("4")
    page.get_by_label(f"Voortgang: {GOAL}").select_option(label="Doel bereikt")
    added_value = page.get_by_role("group", name="Heeft de regie nog toegevoegde waarde?")
    added_value.get_by_label("Nee").check()
    page.get_by_label("Motivatie toegevoegde waarde").fill(
        "Doelen bereikt; partners kunnen verder."
    )
    page.get_by_role("group", name="Is de inzet nog proportioneel?").get_by_label("Nee").check()
    page.get_by_label("Motivatie proportionaliteit").fill("Geen zware inzet meer nodig.")
    page.get_by_role("group", name="Besluit").get_by_label("Uitstroom voorbereiden").check()
    page.get_by_label("Reden van uitstroom").select_option(
        label="Doelen bereikt / positieve verandering"
    )
    page.get_by_label("Welke zorg of ondersteuning is nog nodig?").fill("Verslavingszorg ambulant.")
    page.get_by_role("button", name="Toets vastleggen").click()
    expect(page.get_by_text("De uitstroom is voorgesteld en wacht op bevestiging.")).to_be_visible()
    expect(page.locator("#toetsen")).to_contain_text("voorgesteld")

    # The triage chair, a second person, confirms the outflow with the joint assessment.
    chair = _second_browser(page, live_server, voorzitter)
    chair.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Toetsen en uitstroom"
    ).click()
    chair.get_by_role("link", name=person).click()
    chair.get_by_label("Gezamenlijk oordeel: welke zorg of ondersteuning is nog nodig?").fill(
        "Ambulante verslavingszorg en begeleiding bij werk."
    )
    chair.get_by_role("button", name="Uitstroom bevestigen").click()
    expect(chair.get_by_text("Uitstroom bevestigd.")).to_be_visible()
    chair.context.close()

    # The regisseur records the warm handover to forensic care.
    page.reload()
    page.locator("#toetsen").get_by_role("link", name="Warme overdracht vastleggen").click()
    page.get_by_label("Ontvangende organisatie").select_option(label=zorg.name)
    page.get_by_label("Contactpersoon").fill("J. Jansen")
    page.get_by_label("Bereikbaar via").fill("020 123 4567")
    page.get_by_label("Wat wordt overgedragen").fill("Behandeling en de afspraken over werk.")
    page.get_by_role("button", name="Overdracht vastleggen").click()
    expect(page.get_by_text("Warme overdracht vastgelegd.")).to_be_visible()

    # A user of the receiving organisation confirms receipt.
    receiver = _second_browser(page, live_server, zorgverlener)
    receiver.get_by_role("link", name="Overdrachten aan mijn organisatie").first.click()
    receiver.get_by_role("link", name=person).click()
    receiver.get_by_role("button", name="Ontvangst bevestigen").click()
    expect(receiver.get_by_text("Ontvangst bevestigd.")).to_be_visible()
    receiver.context.close()

    # "Nog in beeld?" is due (after 0 months here), then the case is closed.
    page.reload()
    expect(page.locator("#toetsen")).to_contain_text("bevestigd door ontvanger")
    page.locator("#toetsen").get_by_role("link", name="Nog in beeld? vastleggen").click()
    page.get_by_label("Ja, nog in beeld").check()
    page.get_by_label("Toelichting").fill("In behandeling bij de verslavingszorg.")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("button", name="Casus afsluiten").click()
    expect(page.get_by_text("De casus is afgesloten.")).to_be_visible()

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    outflow = case.outflows.get()
    assert outflow.status == OutflowStatus.CONFIRMED
    assert outflow.decided_by == voorzitter
    assert case.handovers.get().status == HandoverStatus.CONFIRMED
    assert outflow.follow_up.in_view
