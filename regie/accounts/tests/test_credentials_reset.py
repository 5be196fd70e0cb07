"""Forgot the password, lost the phone: functional administration helps, and it is audited."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.test import Client

from regie.accounts.services import user_reset_mfa, user_set_temporary_password
from regie.accounts.tests.conftest import MFA_URL, password_step
from regie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TEMPORARY = "Oranje-Zebra-Loopt-Langzaam-5"


def url(user) -> str:
    return f"/beheer/gebruikers/{user.pk}/inloggegevens/"


def test_administrator_sets_a_temporary_password_and_sessions_end(
    full_login, login, beheerder, fg
) -> None:
    fg_session = full_login(fg)

    response = login(beheerder).post(url(fg), {"action": "password", "password": TEMPORARY})

    assert response.status_code == 302
    assert fg_session.get("/").status_code == 302
    assert password_step(Client(), "fg", TEMPORARY)["Location"] == MFA_URL
    event = AuditEvent.objects.get(action="change", object_id=str(fg.pk))
    assert event.actor_id == beheerder.pk
    assert event.detail == {"password": "reset", "sessions_ended": 1}


def test_a_weak_temporary_password_is_refused_in_dutch(login, beheerder, fg) -> None:
    response = login(beheerder).post(url(fg), {"action": "password", "password": "welkom123"})

    assert response.status_code == 200
    errors = response.context["form"].errors["password"]
    assert "Dit wachtwoord is te kort: gebruik ten minste 12 tekens." in errors
    fg.refresh_from_db()
    assert not fg.check_password("welkom123")


def test_administrator_resets_the_second_factor_of_a_lost_phone(
    full_login, login, beheerder, fg
) -> None:
    fg_session = full_login(fg)

    response = login(beheerder).post(url(fg), {"action": "mfa"})

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=fg).exists()
    assert fg_session.get("/").status_code == 302
    client = Client()
    password_step(client, "fg")
    assert client.get("/")["Location"] == "/account/2fa/totp/activate/"
    event = AuditEvent.objects.get(action="change", object_id=str(fg.pk))
    assert event.detail == {"mfa": "reset", "authenticators_removed": 1, "sessions_ended": 1}


def test_the_page_is_dutch_and_changes_nothing_by_itself(login, beheerder, fg) -> None:
    page = login(beheerder).get(url(fg)).content.decode()

    assert "Inloggegevens van fg" in page
    assert "Tijdelijk wachtwoord instellen" in page
    assert "Tweede factor terugzetten" in page
    assert Authenticator.objects.filter(user=fg).exists()


def test_an_administrator_does_not_reset_their_own_credentials_here(login, beheerder) -> None:
    response = login(beheerder).post(url(beheerder), {"action": "mfa"}, follow=True)

    assert "via uw eigen account" in response.content.decode()
    assert Authenticator.objects.filter(user=beheerder).exists()
    with pytest.raises(PermissionDenied):
        user_reset_mfa(actor=beheerder, user=beheerder)


def test_others_cannot_reset_credentials(login, regisseur, fg) -> None:
    assert login(regisseur).post(url(fg), {"action": "mfa"}).status_code == 404
    with pytest.raises(PermissionDenied):
        user_set_temporary_password(actor=regisseur, user=fg, password=TEMPORARY)
    assert Authenticator.objects.filter(user=fg).exists()


def test_an_unknown_action_changes_nothing(login, beheerder, fg) -> None:
    response = login(beheerder).post(url(fg), {"action": "alles-wissen"})

    assert response.status_code == 200
    assert Authenticator.objects.filter(user=fg).exists()
