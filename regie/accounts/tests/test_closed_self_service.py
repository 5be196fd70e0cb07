"""No self-service: no sign-up (also not through SSO), no password reset or e-mail by mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from regie.accounts.forms import MANAGED_BY_ADMINISTRATION
from regie.accounts.models import User

pytestmark = pytest.mark.django_db

OIDC_APP = {
    "provider_id": "regio",
    "name": "organisatie-account (SSO)",
    "client_id": "regie-test",
    "secret": "niet-geheim",
    "settings": {"server_url": "https://idp.example.org", "oauth_pkce_enabled": True},
}


def test_sign_up_page_offers_no_way_to_create_an_account(client: Client) -> None:
    page = client.get("/account/signup/")

    assert "Geen eigen registratie" in page.content.decode()
    assert "<form" not in page.content.decode().split('id="inhoud"')[1]
    before = User.objects.count()
    response = client.post(
        "/account/signup/", {"username": "indringer", "password1": "Zeer-Sterk-Wachtwoord-77"}
    )
    assert response.status_code == 200
    assert User.objects.count() == before


def test_without_oidc_configured_the_login_page_lists_no_provider(client: Client) -> None:
    page = client.get("/account/login/").content.decode()

    assert "/account/oidc/" not in page
    assert "organisatie-account" not in page
    assert client.get("/account/oidc/regio/login/").status_code == 404


def test_with_oidc_configured_the_login_page_offers_it_in_dutch(client: Client, settings) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [OIDC_APP]}}

    page = client.get("/account/login/").content.decode()

    assert "Of log in met uw organisatie-account" in page
    assert (
        '<a class="ams-link" href="/account/oidc/regio/login/?process=login">'
        "Inloggen via organisatie-account (SSO)</a>"
    ) in page
    confirm = client.get("/account/oidc/regio/login/?process=login").content.decode()
    assert "Inloggen via organisatie-account (SSO)" in confirm
    assert '<button type="submit"' in confirm


def test_sso_never_creates_an_account(rf, settings) -> None:
    from allauth.socialaccount.adapter import get_adapter
    from allauth.socialaccount.models import SocialAccount, SocialLogin

    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [OIDC_APP]}}
    sociallogin = SocialLogin(
        user=User(username="onbekend"), account=SocialAccount(provider="regio", uid="abc")
    )

    assert get_adapter().is_open_for_signup(rf.get("/"), sociallogin) is False


def test_password_reset_by_mail_is_closed(client: Client, regisseur) -> None:
    regisseur.email = "regisseur@example.org"
    regisseur.save()

    response = client.post("/account/password/reset/", {"email": "regisseur@example.org"})

    assert response.status_code == 200
    assert str(MANAGED_BY_ADMINISTRATION) in response.content.decode()
    assert mail.outbox == []


def test_password_reset_with_junk_gives_the_same_dutch_answer(client: Client) -> None:
    for junk in ("", "geen-adres", "x" * 10_000, "a@b.c\x00"):
        response = client.post("/account/password/reset/", {"email": junk})
        assert response.status_code == 200
        assert "functioneel beheer" in response.content.decode()
    assert mail.outbox == []


def test_users_cannot_add_e_mail_addresses_themselves(full_login, regisseur) -> None:
    from allauth.account.models import EmailAddress

    client = full_login(regisseur)

    response = client.post("/account/email/", {"action_add": "", "email": "nieuw@example.org"})

    assert response.status_code == 200
    assert not EmailAddress.objects.filter(user=regisseur).exists()
    assert mail.outbox == []
