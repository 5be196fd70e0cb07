"""Every account must set up a TOTP authenticator before it can do anything else."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.utils import timezone

from regie.accounts.tests.conftest import code_step, password_step
from regie.audit.models import AuditEvent
from regie.conftest import totp_now

pytestmark = pytest.mark.django_db

ACTIVATE_URL = "/account/2fa/totp/activate/"
RECOVERY_URL = "/account/2fa/recovery-codes/"


@pytest.fixture
def nieuwe_collega(make_user, politie):
    return make_user(politie, "partner", username="nieuwe_collega", mfa=False)


@pytest.fixture
def without_mfa(nieuwe_collega) -> Client:
    client = Client()
    password_step(client, "nieuwe_collega")
    return client


def test_first_login_without_authenticator_needs_only_the_password(nieuwe_collega) -> None:
    client = Client()

    response = password_step(client, "nieuwe_collega")

    assert response["Location"] == "/start/"
    assert client.get("/")["Location"] == ACTIVATE_URL


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/beheer/gebruikers/",
        "/audit/",
        "/toegang/doorbraken/",
        "/account/password/change/",
        "/account/email/",
        "/account/2fa/",
        RECOVERY_URL,
        "/account/2fa/recovery-codes/generate/",
        "/account/2fa/recovery-codes/download/",
        "/account/2fa/totp/deactivate/",
        "/account/2fa/reauthenticate/",
        "/account/3rdparty/",
        "/account/login/",
        "/account/signup/",
        "/bestaat-niet/",
    ],
)
def test_every_other_page_sends_the_user_to_set_up_the_authenticator(
    without_mfa: Client, path: str
) -> None:
    assert without_mfa.get(path)["Location"] == ACTIVATE_URL
    assert without_mfa.post(path, {"iets": "x"})["Location"] == ACTIVATE_URL


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (ACTIVATE_URL, 200),
        ("/account/logout/", 200),
        ("/account/reauthenticate/", 200),
        ("/static/regie/regie.css", 404),  # not served by the test server, but not redirected
    ],
)
def test_setup_logout_and_static_files_stay_open(without_mfa: Client, path: str, status) -> None:
    assert without_mfa.get(path).status_code == status


def test_user_sets_up_the_authenticator_and_gets_recovery_codes(
    without_mfa: Client, nieuwe_collega, django_capture_on_commit_callbacks
) -> None:
    page = without_mfa.get(ACTIVATE_URL)
    assert "Tweede factor instellen" in page.content.decode()
    secret = page.context["form"].secret

    with django_capture_on_commit_callbacks(execute=True):
        response = without_mfa.post(ACTIVATE_URL, {"code": totp_now(secret)})

    assert response["Location"] == RECOVERY_URL
    codes_page = without_mfa.get(RECOVERY_URL)
    assert codes_page.status_code == 200
    assert len(codes_page.context["unused_codes"]) == 10
    assert without_mfa.get("/").status_code == 200
    assert Authenticator.objects.filter(user=nieuwe_collega).count() == 2
    added = AuditEvent.objects.filter(action="change", actor_id=nieuwe_collega.pk)
    assert sorted(e.detail["type"] for e in added) == ["recovery_codes", "totp"]


def test_a_wrong_code_does_not_activate_the_authenticator(
    without_mfa: Client, nieuwe_collega
) -> None:
    without_mfa.get(ACTIVATE_URL)

    response = without_mfa.post(ACTIVATE_URL, {"code": "123456"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=nieuwe_collega).exists()


def test_the_next_login_asks_for_the_code(without_mfa: Client, nieuwe_collega) -> None:
    secret = without_mfa.get(ACTIVATE_URL).context["form"].secret
    without_mfa.post(ACTIVATE_URL, {"code": totp_now(secret)})
    without_mfa.post("/account/logout/")

    client = Client()

    assert password_step(client, "nieuwe_collega")["Location"] == "/account/2fa/authenticate/"


def test_the_authenticator_cannot_be_switched_off(full_login, regisseur) -> None:
    client = full_login(regisseur)

    response = client.post("/account/2fa/totp/deactivate/")

    assert response.status_code == 200
    assert "kan niet worden uitgeschakeld" in response.content.decode()
    assert Authenticator.objects.filter(user=regisseur, type="totp").exists()


def test_recovery_codes_ask_to_confirm_identity_after_five_minutes(full_login, regisseur) -> None:
    RecoveryCodes.activate(regisseur)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(regisseur)
        assert client.get(RECOVERY_URL).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        response = client.get(RECOVERY_URL)
        assert response["Location"].startswith("/account/reauthenticate/")
        client.post(
            "/account/2fa/reauthenticate/",
            {"code": totp_now(regisseur.totp_secret)},
        )
        assert client.get(RECOVERY_URL).status_code == 200


def test_recovery_codes_can_be_downloaded_as_text(full_login, regisseur) -> None:
    codes = RecoveryCodes.activate(regisseur).generate_codes()
    client = full_login(regisseur)

    response = client.get("/account/2fa/recovery-codes/download/")

    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("Herstelcodes voor Regie.")
    assert all(code in body for code in codes)
    assert response["Cache-Control"] == "no-store"


def test_new_recovery_codes_replace_the_old_ones(
    full_login, regisseur, django_capture_on_commit_callbacks
) -> None:
    old = RecoveryCodes.activate(regisseur).generate_codes()
    client = full_login(regisseur)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/2fa/recovery-codes/generate/")

    assert response["Location"] == RECOVERY_URL
    new = client.get(RECOVERY_URL).context["unused_codes"]
    assert set(new).isdisjoint(old)
    second = Client()
    password_step(second, "regisseur")
    assert code_step(second, old[0]).status_code == 200
    reset = AuditEvent.objects.get(action="change", actor_id=regisseur.pk)
    assert reset.detail == {"mfa": "authenticator_reset", "type": "recovery_codes"}


def test_the_mfa_check_costs_no_query_once_logged_in(full_login, regisseur) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = full_login(regisseur)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(sum("mfa_authenticator" in q["sql"] for q in queries.captured_queries))

    assert counts == [0, 0]
