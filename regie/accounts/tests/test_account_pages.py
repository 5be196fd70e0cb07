"""allauth's pages render in Dutch, inside Regie's layout, accessible, and within the CSP."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client

from regie.audit.models import AuditEvent
from regie.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGGED_IN_PAGES = [
    "/account/password/change/",
    "/account/2fa/",
    "/account/2fa/recovery-codes/",
    "/account/2fa/recovery-codes/generate/",
    "/account/2fa/totp/deactivate/",
    "/account/2fa/reauthenticate/",
    "/account/reauthenticate/",
    "/account/logout/",
    "/account/email/",
    "/account/3rdparty/",
]
ANONYMOUS_PAGES = [
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/account/inactive/",
]
ENGLISH = re.compile(r"\b(the|you|your|please|sign|confirm|enter|password|email)\b", re.I)
NEW_PASSWORD = "Groene-Kikker-Springt-Hoog-7"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.inline_scripts = 0
        self.style_attributes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "style" in a:
            self.style_attributes += 1
        if tag == "script" and not a.get("src"):
            self.inline_scripts += 1
        if tag in ("input", "textarea", "select") and a.get("type") not in ("hidden", "submit"):
            self.inputs.append(a)
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")


def check_page(response) -> str:
    """Assert the page is in the layout, CSP-clean and labelled; return its visible main text."""
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="regie-header"' in body
    assert 'href="#inhoud"' in body
    page = _Page()
    page.feed(body)
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    unlabelled = [i for i in page.inputs if i.get("id") not in page.label_for]
    assert unlabelled == []
    main = body.split('id="inhoud"', 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize("path", LOGGED_IN_PAGES)
def test_account_pages_are_dutch_in_our_layout_and_csp_clean(full_login, regisseur, path) -> None:
    RecoveryCodes.activate(regisseur)
    client = full_login(regisseur)

    text = check_page(client.get(path))

    assert not ENGLISH.search(text), text


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_entrance_pages_are_dutch_in_our_layout_and_csp_clean(client: Client, path) -> None:
    text = check_page(client.get(path))

    assert not ENGLISH.search(text), text


def test_recovery_codes_page_lists_the_codes_in_dutch(full_login, regisseur) -> None:
    codes = RecoveryCodes.activate(regisseur).generate_codes()
    client = full_login(regisseur)

    text = check_page(client.get("/account/2fa/recovery-codes/"))

    assert "U heeft nog 10 van de 10 herstelcodes." in text
    assert "Elke code werkt één keer." in text
    assert all(code in text for code in codes)


def test_user_changes_their_password_and_other_sessions_end(full_login, login, regisseur) -> None:
    client = full_login(regisseur)
    other_device = login(regisseur)

    response = client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert "Uw wachtwoord is gewijzigd." in response.content.decode()
    regisseur.refresh_from_db()
    assert regisseur.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200
    assert other_device.get("/").status_code == 302
    changed = AuditEvent.objects.get(action="change", detail={"password": "changed"})
    assert changed.actor_id == regisseur.pk


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("kort", "Dit wachtwoord is te kort: gebruik ten minste 12 tekens."),
        ("Welkom-Regie-2026", "lijsten van gelekte of veelgebruikte wachtwoorden"),
    ],
)
def test_password_change_refuses_weak_passwords_in_dutch(
    full_login, regisseur, new_password, message
) -> None:
    client = full_login(regisseur)

    response = client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )

    assert message in check_page(response)
    regisseur.refresh_from_db()
    assert regisseur.check_password(PASSWORD)


def test_password_change_needs_the_current_password(full_login, regisseur) -> None:
    client = full_login(regisseur)

    response = client.post(
        "/account/password/change/",
        {"oldpassword": "niet-het-goede", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert "Dit is niet uw huidige wachtwoord." in check_page(response)


def test_every_user_reaches_their_account_page_from_the_navigation(login, politie_medewerker):
    home = login(politie_medewerker).get("/").content.decode()

    assert '<a class="ams-link regie-nav__link" href="/account/2fa/">Mijn account</a>' in home


def test_account_page_links_password_and_recovery_codes(full_login, regisseur) -> None:
    RecoveryCodes.activate(regisseur)

    text = check_page(full_login(regisseur).get("/account/2fa/"))

    assert "Mijn account" in text
    assert "Wachtwoord wijzigen" in text
    assert "Herstelcodes bekijken" in text
