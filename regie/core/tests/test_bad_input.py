"""Bad input at the front door (login forms, URLs, headers) never gives a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from regie.conftest import PASSWORD, totp_now

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/login/"
MFA_URL = "/account/2fa/authenticate/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


JUNK_LOGINS: list[dict[str, Any]] = [
    {},
    {"login": ""},
    {"password": PASSWORD},
    {"login": "regisseur"},
    {"login": "x" * 100_000, "password": "y" * 100_000},
    {"login": "régisseur-日本-😀", "password": "wachtwoord-ü"},
    {"login": "regisseur\x00", "password": PASSWORD},
    {"login": ["regisseur", "fg"], "password": [PASSWORD, PASSWORD]},
    {"login": "' OR 1=1 --", "password": "' OR ''='"},
    {"login": "<script>alert(1)</script>", "password": "x"},
    {"login": "regisseur", "password": PASSWORD, "remember": "ja", "next": "\x00"},
]


@pytest.mark.parametrize("data", JUNK_LOGINS, ids=range(len(JUNK_LOGINS)))
def test_junk_at_the_login_form_gets_a_dutch_form_back(client: Client, regisseur, data) -> None:
    response = client.post(LOGIN_URL, data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
        assert "<script>alert(1)</script>" not in response.content.decode()


JUNK_CODES: list[dict[str, Any]] = [
    {},
    {"code": ""},
    {"code": "x" * 100_000},
    {"code": "１２３４５６"},
    {"code": "12345\x00"},
    {"code": "-1"},
    {"code": ["123456", "654321"]},
    {"code": " 1 2 3 4 5 6 "},
    {"credential": "{not json"},
]


@pytest.mark.parametrize("data", JUNK_CODES, ids=range(len(JUNK_CODES)))
def test_junk_at_the_second_step_gets_a_dutch_form_back(client: Client, regisseur, data) -> None:
    client.post(LOGIN_URL, {"login": "regisseur", "password": PASSWORD})

    response = client.post(MFA_URL, data)

    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_a_second_step_post_without_a_code_asks_for_the_code(client: Client, regisseur) -> None:
    client.post(LOGIN_URL, {"login": "regisseur", "password": PASSWORD})

    response = client.post(MFA_URL, {})

    assert response.status_code == 200
    assert "Vul de code uit uw app in." in response.content.decode()


def test_the_second_step_without_the_first_goes_back_to_the_login_page(client: Client) -> None:
    response = client.post(MFA_URL, {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.org/",
        "//evil.example.org/",
        "/\\evil.example.org/",
        "javascript:alert(1)",
        "http://testserver@evil.example.org/",
    ],
)
def test_login_never_redirects_to_another_site(client: Client, regisseur, next_url) -> None:
    client.post(LOGIN_URL, {"login": "regisseur", "password": PASSWORD, "next": next_url})

    response = client.post(MFA_URL, {"code": totp_now(regisseur.totp_secret)})

    assert response.status_code == 302
    assert response["Location"] == "/start/"


def test_a_huge_unknown_host_header_gets_the_dutch_400_page(client: Client) -> None:
    response = client.get(LOGIN_URL, HTTP_HOST="a" * 10_000 + ".example.org")

    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_a_form_without_a_valid_csrf_token_gets_the_dutch_403_page(regisseur) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(LOGIN_URL, {"login": "regisseur", "password": PASSWORD})

    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/beheer/gebruikers/99999999999999999999999999/actief/",
        "/account/password/reset/key/zzz-" + "a" * 5000 + "/",
        "/account/confirm-email/" + "a" * 5000 + "/",
        "/account/oidc/" + "%00" + "/login/",
        "/account/login/" + "x" * 10_000,
        "/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd",
        "/account/login/?next=%00&%ff=%fe",
    ],
)
def test_odd_urls_answer_with_a_4xx_or_a_page(login, beheerder, path: str) -> None:
    client = login(beheerder)

    assert client.get(path).status_code < 500
    assert client.post(path).status_code < 500


@pytest.mark.parametrize(
    "path", ["/account/oidc/%00/login/", "/beheer/gebruikers/?q=a%00b", "/%00"]
)
def test_a_nul_byte_in_the_url_gets_the_dutch_400_page(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "regie_session=" + "x" * 4000},
        {"HTTP_COOKIE": "regie_session=../../etc/passwd; regie_csrftoken=\x7f"},
        {"HTTP_ACCEPT_LANGUAGE": "xx-" + "y" * 1000},
        {"HTTP_X_FORWARDED_FOR": "niet-een-adres, ::::1"},
        {"HTTP_USER_AGENT": "z" * 100_000},
        {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "<b>"},
    ],
)
def test_odd_headers_do_not_break_the_login_page(headers: dict[str, Any]) -> None:
    client = Client(**headers)

    assert client.get(LOGIN_URL).status_code == 200
    assert client.post(LOGIN_URL, {"login": "x", "password": "y"}).status_code == 200


def test_a_forged_forwarded_address_behind_a_proxy_is_refused_not_crashed(
    client: Client, settings
) -> None:
    settings.REGIE_TRUSTED_PROXIES = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    response = client.post(
        LOGIN_URL, {"login": "x", "password": "y"}, HTTP_X_FORWARDED_FOR="niet-een-adres"
    )

    assert response.status_code in (200, 403)


def test_too_many_login_posts_from_one_address_get_the_dutch_429_page(client: Client) -> None:
    for n in range(30):
        client.post(LOGIN_URL, {"login": f"onbekend{n}", "password": "fout"})
    response = client.post(LOGIN_URL, {"login": "onbekend", "password": "fout"})

    assert response.status_code == 429
    body = response.content.decode()
    assert "Te veel pogingen" in body
    assert "Too Many" not in body
    assert response["Retry-After"] == "60"
