from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_login_page_has_strict_security_headers(client: Client) -> None:
    response = client.get("/account/login/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_pages_of_logged_in_users_are_never_cached(login, fg) -> None:
    response = login(fg).get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_unknown_page_answers_in_dutch_with_404(login, fg) -> None:
    response = login(fg).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_session_cookie_is_http_only_and_same_site(client: Client, settings) -> None:
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.REGIE_SESSION_REFRESH_SECONDS == 60  # idle expiry moved on once a minute


def test_after_login_each_role_lands_on_its_own_work_list(
    login, regisseur, fg, make_user, acvz
) -> None:
    assert login(regisseur).get("/start/")["Location"] == "/casussen/"
    assert login(fg).get("/start/")["Location"] == "/audit/"
    analyst = make_user(acvz, "analyst")
    assert login(analyst).get("/start/")["Location"] == "/monitor/"
    overseer = make_user(acvz, "oversight")
    assert login(overseer).get("/start/")["Location"] == "/governance/toezicht/"
    administrator = make_user(acvz, "admin")
    assert login(administrator).get("/start/")["Location"] == "/"
