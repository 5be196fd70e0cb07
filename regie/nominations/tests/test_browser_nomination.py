from __future__ import annotations

import pytest
from playwright.sync_api import expect

from regie.nominations.models import Nomination, NominationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_police_officer_nominates_a_new_person_and_follows_it(
    page, browser_login, politie_medewerker
) -> None:
    browser_login(politie_medewerker)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nieuwe voordracht"
    ).click()
    search = page.locator("form", has=page.get_by_role("button", name="Zoeken"))
    search.get_by_label("Voornaam").fill("Daan")
    search.get_by_label("Achternaam").fill("Jansen")
    search.get_by_label("Geboortedatum").fill("2004-05-17")
    search.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Geen bestaande persoon gevonden")).to_be_visible()

    new_person = page.locator("form", has=page.get_by_role("button", name="Persoon vastleggen"))
    expect(new_person.get_by_label("Achternaam")).to_have_value("Jansen")
    new_person.get_by_label("Geslacht").select_option(label="Man")
    new_person.get_by_label("Woongemeente").select_option(label="Amsterdam")
    new_person.get_by_label("Stadsdeel").select_option(label="Nieuw-West")
    new_person.get_by_role("button", name="Persoon vastleggen en verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Voordracht van Daan Jansen")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Kies de doelgroep die u voorstelt.")).to_be_visible()

    page.get_by_label("Voorgestelde doelgroep").select_option(value="jeugd")
    page.get_by_label("Redenen").fill("Drie straatroven in een half jaar.")
    page.get_by_label("Dagbesteding (werk, opleiding)").fill("Geen school sinds maart.")
    page.get_by_role("button", name="Indienen").click()

    expect(page.get_by_text("Voordracht ingediend.")).to_be_visible()
    page.get_by_role("link", name="Terug naar mijn voordrachten").click()
    row = page.get_by_role("row", name="Daan Jansen")
    expect(row).to_contain_text("Ingediend")
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED
