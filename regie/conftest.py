"""Shared test fixtures: organisations and named personas (one per role), logged-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from regie.accounts.models import Municipality, Organisation, OrganisationType, User
from regie.accounts.services import user_create

PASSWORD = "Paarse-Olifant-Fietst-Snel-42"


@pytest.fixture
def acvz(db: None) -> Organisation:
    return Organisation.objects.create(
        name="AcVZ (test)", type=OrganisationType.ACVZ, municipality=Municipality.AMSTERDAM
    )


@pytest.fixture
def politie(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Politie (test)", type=OrganisationType.POLITIE, municipality=Municipality.AMSTERDAM
    )


@pytest.fixture
def reclassering(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Reclassering (test)",
        type=OrganisationType.RECLASSERING,
        municipality=Municipality.AMSTERDAM,
    )


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    """Build a user with roles and a TOTP authenticator (its secret is on ``user.totp_secret``)."""
    counter = iter(range(1, 10_000))

    def make(
        organisation: Organisation, *roles: str, username: str | None = None, mfa: bool = True
    ) -> User:
        user = user_create(
            actor=None,
            username=username or f"{'-'.join(roles) or 'geen'}-{next(counter)}",
            organisation=organisation,
            roles=roles,
            password=PASSWORD,
        )
        if mfa:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            user.totp_secret = secret  # type: ignore[attr-defined]
        return user

    return make


@pytest.fixture
def politie_medewerker(make_user: MakeUser, politie: Organisation) -> User:
    return make_user(politie, "partner", username="politie_medewerker")


@pytest.fixture
def regisseur(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "regisseur", username="regisseur")


@pytest.fixture
def teamleider(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "teamlead", username="teamleider")


@pytest.fixture
def fg(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "privacy_officer", username="fg")


@pytest.fixture
def beheerder(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "admin", username="beheerder")


@pytest.fixture
def login() -> Callable[[User], Client]:
    """A client logged in as ``user`` (the MFA step is covered by the login tests)."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# --- Browser tests (Playwright driving Debian's Chromium) ----------------------------------


@pytest.fixture(scope="session")
def chromium():
    import os
    import shutil

    path = os.environ.get("REGIE_BROWSER") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.skip("Chromium niet gevonden (installeer Debian's pakket chromium)")
    # Playwright's sync API runs an event loop in this thread; the test database calls made
    # from the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def totp_now(secret: str) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def browser_login(page):
    """Log ``user`` in through the real login and MFA pages."""
    from playwright.sync_api import expect

    def do(user: User) -> None:
        page.goto("/account/login/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_label("Code").fill(totp_now(user.totp_secret))  # type: ignore[attr-defined]
        page.get_by_role("button", name="Bevestigen").click()
        # Each role lands on its own work list (``regie.core.views.start``).
        expect(page).not_to_have_url(re.compile(r"/account/"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    return do
