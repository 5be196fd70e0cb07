"""Logging in: password, then a code from the authenticator app (or a recovery code)."""

from __future__ import annotations

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from regie.accounts.adapters import LOGIN_FAILED_MESSAGE
from regie.accounts.models import UserSession
from regie.accounts.tests.conftest import (
    LOGIN_URL,
    MFA_URL,
    audit_actions,
    code_step,
    form_errors,
    password_step,
)
from regie.audit.models import AuditEvent
from regie.conftest import PASSWORD, totp_now

pytestmark = pytest.mark.django_db


def test_password_then_totp_code_logs_the_user_in(client: Client, regisseur) -> None:
    assert password_step(client, "regisseur")["Location"] == MFA_URL

    response = code_step(client, totp_now(regisseur.totp_secret))

    assert response.status_code == 302
    assert response["Location"] == "/start/"
    assert client.get("/").status_code == 200
    login = AuditEvent.objects.get(action="login")
    assert (login.actor_id, login.object_type, login.object_id) == (
        regisseur.pk,
        "user",
        str(regisseur.pk),
    )


def test_the_right_password_alone_does_not_log_in(client: Client, regisseur) -> None:
    password_step(client, "regisseur")

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert "login" not in audit_actions()


def test_second_step_asks_for_the_code_in_dutch(client: Client, regisseur) -> None:
    password_step(client, "regisseur")

    page = client.get(MFA_URL).content.decode()

    assert "Tweede stap: code uit uw app" in page
    assert '<label class="ams-label" for="id_code">Code</label>' in page


def test_wrong_code_is_refused_in_dutch_and_audited(client: Client, regisseur) -> None:
    password_step(client, "regisseur")

    response = code_step(client, "000000")

    assert response.status_code == 200
    assert form_errors(response) == ["Deze code is onjuist of al gebruikt."]
    assert client.get("/").status_code == 302
    failed = AuditEvent.objects.get(action="mfa_failed")
    assert failed.actor_id is None
    assert (failed.object_type, failed.object_id, failed.outcome) == (
        "user",
        str(regisseur.pk),
        "failed",
    )
    assert failed.detail == {"reauthentication": False}


def test_a_totp_code_works_only_once(regisseur) -> None:
    code = totp_now(regisseur.totp_secret)
    first, second = Client(), Client()
    password_step(first, "regisseur")
    assert code_step(first, code).status_code == 302

    password_step(second, "regisseur")
    response = code_step(second, code)

    assert form_errors(response) == ["Deze code is onjuist of al gebruikt."]


def test_a_recovery_code_logs_in_once_and_then_never_again(regisseur) -> None:
    code = RecoveryCodes.activate(regisseur).generate_codes()[0]
    first = Client()
    password_step(first, "regisseur")
    assert code_step(first, code)["Location"] == "/start/"
    assert first.get("/").status_code == 200

    second = Client()
    password_step(second, "regisseur")
    response = code_step(second, code)

    assert response.status_code == 200
    assert form_errors(response) == ["Deze code is onjuist of al gebruikt."]
    assert second.get("/").status_code == 302


def test_unknown_user_and_wrong_password_get_the_same_dutch_answer(regisseur) -> None:
    unknown = password_step(Client(), "bestaat-niet")
    wrong_password = password_step(Client(), "regisseur", "Verkeerd-Wachtwoord-123")

    assert unknown.status_code == wrong_password.status_code == 200
    assert form_errors(unknown) == form_errors(wrong_password) == [str(LOGIN_FAILED_MESSAGE)]
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist." in (
        unknown.content.decode()
    )


def test_deactivated_account_answers_like_a_wrong_password(regisseur) -> None:
    regisseur.is_active = False
    regisseur.save()
    wrong_password = password_step(Client(), "regisseur", "Verkeerd-Wachtwoord-123")
    client = Client()

    right_password = password_step(client, "regisseur")

    assert right_password.status_code == wrong_password.status_code == 200
    assert form_errors(right_password) == form_errors(wrong_password)
    assert client.get("/").status_code == 302
    assert audit_actions()[-2:] == ["login_failed", "login_failed"]
    assert "login" not in audit_actions()


def test_login_gives_the_session_a_new_key(client: Client, regisseur) -> None:
    client.get(LOGIN_URL)
    password_step(client, "regisseur")
    key_between_steps = client.session.session_key

    code_step(client, totp_now(regisseur.totp_secret))

    key_after_login = client.session.session_key
    assert key_between_steps
    assert key_after_login
    assert key_after_login != key_between_steps
    assert not Session.objects.filter(session_key=key_between_steps).exists()
    assert UserSession.objects.get(session_key=key_after_login).user == regisseur


def test_logout_by_post_ends_the_session_on_the_server(full_login, regisseur) -> None:
    client = full_login(regisseur)
    key = client.session.session_key

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302
    assert audit_actions()[-1] == "logout"


def test_a_stolen_session_cookie_is_useless_after_logout(full_login, regisseur) -> None:
    client = full_login(regisseur)
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = client.session.session_key

    client.post("/account/logout/")

    assert stolen.get("/").status_code == 302


def test_logout_by_get_only_asks_to_confirm(full_login, regisseur) -> None:
    client = full_login(regisseur)

    page = client.get("/account/logout/")

    assert page.status_code == 200
    assert "Wilt u uitloggen?" in page.content.decode()
    assert client.get("/").status_code == 200
    assert "logout" not in audit_actions()


def test_login_page_is_dutch_with_labelled_fields(client: Client) -> None:
    page = client.get(LOGIN_URL).content.decode()

    assert '<label class="ams-label" for="id_login">Gebruikersnaam</label>' in page
    assert '<label class="ams-label" for="id_password">Wachtwoord</label>' in page
    assert "<script>" not in page
    assert "style=" not in page


def test_already_logged_in_user_visiting_login_page_stays_logged_in(full_login, fg) -> None:
    client = full_login(fg)

    response = client.post(LOGIN_URL, {"login": "fg", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/").status_code == 200
