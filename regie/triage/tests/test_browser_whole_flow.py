"""Issue 3's whole flow in one browser session per person, every step through the real pages:
a police user nominates, a triagist assesses against the shipped criteria and proposes, a
different user (the chair) confirms, and the police user sees "Toegelaten" in "Mijn
voordrachten" — but nothing of the assessment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regie.core.domain import LifeDomain
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.services import criteria_sets_load
from regie.triage.models import QUESTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBSTANTIATION = "Vertrouwelijk besproken in het triageoverleg"


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()


def test_police_nominates_triage_admits_and_police_sees_only_the_outcome(
    page, browser_login, politie_medewerker, triagist, voorzitter, regisseur
) -> None:
    # The database is emptied between browser tests: load the shipped concept criteria.
    criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)

    # 1. The police user nominates a new person.
    browser_login(politie_medewerker)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Nieuwe voordracht").click()
    search = page.locator("form", has=page.get_by_role("button", name="Zoeken"))
    search.get_by_label("Voornaam").fill("Milan")
    search.get_by_label("Achternaam").fill("Proefpersoon")
    search.get_by_label("Geboortedatum").fill("2006-02-11")
    search.get_by_role("button", name="Zoeken").click()
    new_person = page.locator("form", has=page.get_by_role("button", name="Persoon vastleggen"))
    new_person.get_by_label("Geslacht").select_option(label="Man")
    new_person.get_by_label("Woongemeente").select_option(label="Amstelveen")
    new_person.get_by_role("button", name="Persoon vastleggen en verder").click()
    page.get_by_label("Voorgestelde doelgroep").select_option(value="jeugd")
    page.get_by_label("Redenen").fill("Betrokken bij straatroven; school verlaten.")
    page.get_by_label("Huiselijke relaties").fill("Veel spanning thuis.")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Voordracht ingediend.")).to_be_visible()
    log_out(page)

    # 2. The triagist evaluates, assesses and proposes admission.
    browser_login(triagist)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Triage").click()
    page.get_by_role("link", name="Milan Proefpersoon").click()
    expect(
        page.get_by_text("concept — na advies rechtmatigheidsadviescommissie").first
    ).to_be_visible()
    page.get_by_role("button", name="Triage starten").click()
    page.get_by_role("link", name="Beoordeling invullen").click()
    for domain in LifeDomain:
        group = page.get_by_role("group", name=str(domain.label), exact=True)
        group.get_by_label("Score").select_option("2")
        group.get_by_label("Onderbouwing").fill(f"{SUBSTANTIATION}: {domain.label}.")
    for label, _question in QUESTIONS.values():
        group = page.get_by_role("group", name=str(label), exact=True)
        group.get_by_label("Ja").check()
        group.get_by_label("Motivatie").fill(SUBSTANTIATION)
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Beoordeling opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Besluit voorstellen").click()
    page.get_by_label("Toegelaten").check()
    page.get_by_label("Doelgroep").select_option("jeugd")
    page.get_by_label("Regisseur").select_option(str(regisseur.pk))
    page.get_by_label("Eerste toets").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_label("Motivatie van het besluit").fill("Zorgen op vijf leefgebieden.")
    # No registrations: the hard criteria are not met, so admitting is an override that needs
    # its own motivation.
    page.get_by_role("button", name="Besluit voorstellen").click()
    override = page.get_by_role("textbox", name="Motivatie afwijking van de criteria")
    expect(override).to_have_attribute("aria-invalid", "true")
    override.fill("Ernst en samenhang van de zorgen wegen zwaarder dan de telling.")
    page.get_by_role("button", name="Besluit voorstellen").click()
    expect(page.get_by_text("Besluit voorgesteld; de voorzitter beoordeelt het.")).to_be_visible()
    log_out(page)

    # 3. A different user, the chair, confirms.
    browser_login(voorzitter)
    awaiting = page.get_by_role("region", name="Besluiten die wachten op uw bevestiging")
    awaiting.get_by_role("link", name="Milan Proefpersoon").click()
    page.get_by_role("button", name="Besluit bevestigen").click()
    expect(page.get_by_text("Besluit bevestigd.")).to_be_visible()
    log_out(page)

    # 4. The police user sees "Toegelaten", and nothing of the assessment anywhere.
    browser_login(politie_medewerker)
    row = page.get_by_role("row", name="Milan Proefpersoon")
    expect(row).to_contain_text("Toegelaten")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("main")).to_contain_text("Toegelaten")
    expect(page.get_by_role("main")).not_to_contain_text(SUBSTANTIATION)
    expect(page.get_by_role("main")).not_to_contain_text("Zorgen op vijf leefgebieden")
    nomination_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    response = page.goto(f"/triage/voordracht/{nomination_id}/")
    assert response is not None
    assert response.status == 404
