"""A user finds the published criteria through the menu."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from regie.accounts.models import User
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.services import criteria_sets_load

pytestmark = pytest.mark.browser


def test_a_partner_reads_the_concept_criteria_from_the_menu(
    page: Page, browser_login: Callable[[User], None], politie_medewerker: User
) -> None:
    # Live-server tests flush the database between tests: load the shipped sets here.
    criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)
    browser_login(politie_medewerker)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Criteria").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Criteria voor persoonsgerichte regie"
    )
    youth = page.get_by_role(
        "region", name="Jongeren die afglijden in criminaliteit (12–23) versie 1"
    )
    expect(youth).to_contain_text("Concept — na advies rechtmatigheidsadviescommissie")
    expect(youth).to_contain_text("Leeftijd op de peildatum: 12 tot en met 23 jaar.")
