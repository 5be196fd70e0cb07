"""The published criteria page: readable for every logged-in user, concept clearly marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client

from regie.accounts.models import User
from regie.criteria.models import CriteriaSet, CriteriaStatus

ROLES = (
    "partner",
    "triage",
    "triage_chair",
    "regisseur",
    "teamlead",
    "privacy_officer",
    "oversight",
    "analyst",
    "municipality",
    "admin",
)


def test_every_role_sees_the_criteria_page_and_its_menu_entry(
    make_user: Callable[..., User], acvz: Any, login: Callable[[User], Client], shipped_sets: Any
) -> None:
    for role in ROLES:
        client = login(make_user(acvz, role))
        page = client.get("/criteria/")
        assert page.status_code == 200, role
        assert (
            '<a class="ams-link regie-nav__link" href="/criteria/" aria-current="page">Criteria</a>'
            in page.content.decode()
        )


def test_anonymous_visitors_are_sent_to_the_login(client: Client, db: None) -> None:
    response = client.get("/criteria/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_concept_sets_are_marked_and_rules_read_as_sentences(
    politie_medewerker: User, login: Callable[[User], Client], shipped_sets: Any
) -> None:
    html = login(politie_medewerker).get("/criteria/").content.decode()
    assert html.count("<strong>Concept — na advies rechtmatigheidsadviescommissie.</strong>") == 3
    assert html.count("Deze criteria zijn niet vastgesteld en gelden (nog) niet.") == 3
    assert (
        "Ten minste 3 registraties als verdachte voor overval, straatroof, woninginbraak, "
        "zware mishandeling, openlijke geweldpleging, moord / doodslag of explosieven in de 5 "
        "jaar tot en met de peildatum (geteld, niet gewogen)."
    ) in html
    assert "Leeftijd op de peildatum: 12 tot en met 23 jaar." in html
    assert "Lopende detentie waarvan op de peildatum nog meer dan 24 maanden resteren." in html
    assert "Zonder registratie: uitgegaan van rechtmatig verblijf." in html
    assert "Ten minste 3 leefgebieden met een ZRM-score van 2 of lager." in html
    assert "Alle volgende onderdelen moeten gelden:" in html


def test_an_adopted_set_shows_its_period_and_that_it_applies_today(
    politie_medewerker: User, login: Callable[[User], Client], shipped_sets: Any
) -> None:
    base = shipped_sets["volwassenen"]
    CriteriaSet.objects.create(
        target_group="volwassenen",
        version=2,
        title="Volwassenen (vastgesteld)",
        status=CriteriaStatus.ADOPTED,
        effective_from=date(2020, 1, 1),
        document={**base.document, "version": 2},
    )
    html = login(politie_medewerker).get("/criteria/").content.decode()
    assert '<strong class="regie-badge-ok">Vastgesteld</strong>' in html
    assert "geldt vandaag" in html
    assert "geldig vanaf 01-01-2020" in html


def test_the_page_needs_a_bounded_number_of_queries(
    politie_medewerker: User,
    login: Callable[[User], Client],
    shipped_sets: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = login(politie_medewerker)
    for version in range(2, 12):
        CriteriaSet.objects.create(
            target_group="jeugd",
            version=version,
            title=f"Jeugd {version}",
            document={**shipped_sets["jeugd"].document, "version": version},
        )
    with django_assert_max_num_queries(12):
        assert client.get("/criteria/").status_code == 200
