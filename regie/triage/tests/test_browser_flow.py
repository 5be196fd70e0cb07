"""The whole triage flow in a real browser: a police nomination is taken into triage and
assessed by a triagist, admitted on a proposal confirmed by a different user (the chair), and
the police user can see the outcome but never the triage file.

The partner's own nomination form and "mijn voordrachten" belong to the intake pages; here the
submitted nomination is created directly and the police user's view is checked on the outcome.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regie.core.domain import LifeDomain
from regie.nominations.models import NominationOutcome, NominationStatus
from regie.triage.models import QUESTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()


def test_police_nomination_is_assessed_proposed_and_confirmed_by_another_user(
    page, browser_login, politie_medewerker, triagist, voorzitter, regisseur, make_nomination
) -> None:
    nomination = make_nomination()
    person = nomination.person.full_name

    # The triagist takes the nomination into triage and assesses it.
    browser_login(triagist)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Triage").click()
    page.get_by_role("link", name=person).click()
    expect(page.get_by_text("Geen criteriaset beschikbaar")).to_be_visible()
    page.get_by_role("button", name="Triage starten").click()
    expect(page.get_by_text("De voordracht is in triage genomen.")).to_be_visible()
    page.get_by_role("link", name="Beoordeling invullen").click()
    for domain in LifeDomain:
        group = page.get_by_role("group", name=str(domain.label), exact=True)
        group.get_by_label("Score").select_option("2")
        group.get_by_label("Onderbouwing").fill(f"Besproken met partners: {domain.label}.")
    for label, _question in QUESTIONS.values():
        group = page.get_by_role("group", name=str(label), exact=True)
        group.get_by_label("Ja").check()
        group.get_by_label("Motivatie").fill("Onderbouwd in het triageoverleg.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Beoordeling opgeslagen.")).to_be_visible()

    # ... and proposes admission.
    page.get_by_role("link", name="Besluit voorstellen").click()
    page.get_by_label("Toegelaten").check()
    page.get_by_label("Doelgroep").select_option(nomination.proposed_target_group)
    page.get_by_label("Regisseur").select_option(str(regisseur.pk))
    review = timezone.localdate() + timedelta(days=180)
    page.get_by_label("Eerste toets").fill(review.isoformat())
    page.get_by_label("Motivatie van het besluit").fill("Zorgen op vijf leefgebieden.")
    page.get_by_role("button", name="Besluit voorstellen").click()
    expect(page.get_by_text("Besluit voorgesteld; de voorzitter beoordeelt het.")).to_be_visible()
    log_out(page)

    # A different user, the chair, confirms.
    browser_login(voorzitter)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Triage").click()
    awaiting = page.get_by_role("region", name="Besluiten die wachten op uw bevestiging")
    awaiting.get_by_role("link", name=person).click()
    page.get_by_role("button", name="Besluit bevestigen").click()
    expect(page.get_by_text("Besluit bevestigd.")).to_be_visible()
    expect(page.get_by_role("link", name="Brief downloaden (PDF)")).to_be_visible()
    log_out(page)

    # The police user: the outcome is "toegelaten", the triage file is not found.
    browser_login(politie_medewerker)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.outcome) == (
        NominationStatus.DECIDED,
        NominationOutcome.ADMITTED,
    )
    response = page.goto(f"/triage/voordracht/{nomination.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_text("Onderbouwing")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).not_to_contain_text("Triage")
