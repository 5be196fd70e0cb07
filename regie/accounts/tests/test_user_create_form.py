"""Functional administration creates accounts; the form answers every mistake in Dutch."""

from __future__ import annotations

from typing import Any

import pytest

from regie.accounts.models import User
from regie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_URL = "/beheer/gebruikers/nieuw/"
GOOD_PASSWORD = "Blauwe-Reiger-Vangt-Vis-31"


@pytest.fixture
def admin_client(login, beheerder):
    return login(beheerder)


@pytest.fixture
def valid(politie) -> dict[str, Any]:
    return {
        "username": "nieuwe-collega",
        "first_name": "Noor",
        "last_name": "Nieuw",
        "email": "noor@example.org",
        "organisation": politie.pk,
        "roles": ["partner"],
        "password": GOOD_PASSWORD,
    }


def errors_of(response) -> dict[str, list[str]]:
    assert response.status_code == 200
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def test_administrator_creates_an_account_with_roles(admin_client, beheerder, valid) -> None:
    response = admin_client.post(NEW_URL, valid)

    assert response.status_code == 302
    user = User.objects.get(username="nieuwe-collega")
    assert user.role_codes == {"partner"}
    assert user.check_password(GOOD_PASSWORD)
    created = AuditEvent.objects.get(action="create", object_type="user", object_id=str(user.pk))
    assert created.actor_id == beheerder.pk


def test_form_page_is_dutch_and_labelled(admin_client) -> None:
    page = admin_client.get(NEW_URL).content.decode()

    for label in ("Gebruikersnaam", "Organisatie", "Tijdelijk wachtwoord"):
        assert f">{label}" in page
    assert "<legend" in page
    assert "Rollen" in page


def test_a_taken_username_is_refused_whatever_its_case(admin_client, valid, fg) -> None:
    response = admin_client.post(NEW_URL, {**valid, "username": "FG"})

    assert errors_of(response) == {"username": ["Deze gebruikersnaam is al in gebruik."]}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "Dit wachtwoord is te kort: gebruik ten minste 12 tekens."),
        ("123456789012345", "Dit wachtwoord bevat alleen cijfers."),
        ("Regie-Amsterdam-2026", "lijsten van gelekte of veelgebruikte wachtwoorden"),
        ("Qwerty-uiop-asdf", "lijsten van gelekte of veelgebruikte wachtwoorden"),
        ("nieuwe-collega-1", "lijkt te veel op"),
    ],
)
def test_weak_or_breached_passwords_are_refused(
    admin_client, valid, password: str, message: str
) -> None:
    response = admin_client.post(NEW_URL, {**valid, "password": password})

    errors = errors_of(response)
    assert list(errors) == ["password"]
    assert any(message in e for e in errors["password"]), errors
    assert not User.objects.filter(username="nieuwe-collega").exists()


def test_an_account_needs_at_least_one_role(admin_client, valid) -> None:
    response = admin_client.post(NEW_URL, {**valid, "roles": []})

    assert errors_of(response) == {"roles": ["Kies ten minste één rol."]}


ENGLISH = ("This ", "Enter ", "Select ", "Ensure ", "required", "valid", "Null characters")

JUNK: list[tuple[str, dict[str, Any], str]] = [
    ("empty form", {}, "username"),
    ("very long username", {"username": "a" * 5000}, "username"),
    ("unicode username", {"username": "gebruiker-ü-日本"}, "username"),
    ("username with spaces", {"username": "twee woorden"}, "username"),
    ("nul character", {"first_name": "a\x00b"}, "first_name"),
    ("very long name", {"last_name": "x" * 100_000}, "last_name"),
    ("bad e-mail", {"email": "geen-adres"}, "email"),
    ("unknown organisation", {"organisation": "999999999"}, "organisation"),
    ("organisation not a number", {"organisation": "politie'--"}, "organisation"),
    ("unknown role", {"roles": ["superuser"]}, "roles"),
    ("very long password", {"password": "Ab1-" * 10_000}, "password"),
    ("emoji everywhere", {"first_name": "😀" * 200, "username": "😀"}, "username"),
]


@pytest.mark.parametrize(("case", "overrides", "field"), JUNK, ids=[c for c, _, _ in JUNK])
def test_junk_input_gets_a_dutch_message_not_an_error_page(
    admin_client, valid, case: str, overrides: dict[str, Any], field: str
) -> None:
    data = {**valid, **overrides} if overrides else {}

    errors = errors_of(admin_client.post(NEW_URL, data))

    assert field in errors
    messages = " ".join(e for field_errors in errors.values() for e in field_errors)
    assert not any(word in messages for word in ENGLISH), messages
    assert not User.objects.filter(username__startswith="nieuwe").exists()


def test_the_browser_is_told_not_to_fill_in_the_administrators_own_password(admin_client) -> None:
    page = admin_client.get(NEW_URL).content.decode()

    assert 'type="password" name="password" autocomplete="new-password"' in page
