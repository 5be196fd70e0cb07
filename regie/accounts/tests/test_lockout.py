"""Throttling: five failures lock an account name for 15 minutes, at either login step."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from regie.accounts.adapters import LOCKED_MESSAGE, LOGIN_FAILED_MESSAGE
from regie.accounts.tests.conftest import (
    MFA_URL,
    audit_actions,
    code_step,
    form_errors,
    password_step,
)
from regie.audit.models import AuditEvent
from regie.conftest import totp_now

pytestmark = pytest.mark.django_db

WRONG = "Verkeerd-Wachtwoord-123"


def fail_password(username: str, times: int = 5) -> None:
    for _ in range(times):
        response = password_step(Client(), username, WRONG)
        assert form_errors(response) == [str(LOGIN_FAILED_MESSAGE)]


def test_after_five_wrong_passwords_even_the_right_one_is_refused(regisseur) -> None:
    fail_password("regisseur")
    client = Client()

    response = password_step(client, "regisseur")

    assert response.status_code == 200
    assert form_errors(response) == [str(LOCKED_MESSAGE)]
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert client.get(MFA_URL).status_code == 302
    assert client.get("/").status_code == 302


def test_four_wrong_passwords_do_not_lock(regisseur) -> None:
    fail_password("regisseur", times=4)

    assert password_step(Client(), "regisseur")["Location"] == MFA_URL


def test_lockout_is_per_account(regisseur, fg) -> None:
    fail_password("regisseur")

    assert password_step(Client(), "fg")["Location"] == MFA_URL


def test_lockout_ends_after_fifteen_minutes(regisseur) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_password("regisseur")
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert form_errors(password_step(Client(), "regisseur")) == [str(LOCKED_MESSAGE)]
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert password_step(Client(), "regisseur")["Location"] == MFA_URL


def test_unknown_account_names_are_locked_the_same_way(regisseur) -> None:
    """Otherwise the lockout message itself would tell which names exist."""
    fail_password("bestaat-niet")

    response = password_step(Client(), "bestaat-niet")

    assert form_errors(response) == [str(LOCKED_MESSAGE)]


def test_every_failed_login_is_audited_without_the_account_name(regisseur) -> None:
    fail_password("regisseur")
    password_step(Client(), "regisseur")

    failed = list(AuditEvent.objects.filter(action="login_failed").order_by("seq"))
    assert [(e.outcome, e.detail) for e in failed] == [("failed", {})] * 5 + [
        ("denied", {"reason": "locked"})
    ]
    for event in failed:
        assert event.actor_id is None
        assert "regisseur" not in f"{event.object_id}{event.detail}{event.purpose}"


def test_five_wrong_codes_block_the_second_step(client: Client, regisseur) -> None:
    password_step(client, "regisseur")
    for _ in range(5):
        code_step(client, "000000")

    response = code_step(client, totp_now(regisseur.totp_secret))

    assert form_errors(response) == [str(LOCKED_MESSAGE)]
    assert client.get("/").status_code == 302
    events = AuditEvent.objects.filter(action="mfa_failed").order_by("seq")
    assert [(e.outcome, e.detail.get("reason")) for e in events] == [("failed", None)] * 5 + [
        ("denied", "locked")
    ]
    assert {e.object_id for e in events} == {str(regisseur.pk)}


def test_a_successful_login_in_between_does_not_reset_the_failure_count(regisseur) -> None:
    """A successful login in between does not wipe the count: an attacker cannot reset it by
    interleaving logins of their own."""
    fail_password("regisseur", times=4)
    password_step(Client(), "regisseur")
    fail_password("regisseur", times=1)

    assert form_errors(password_step(Client(), "regisseur")) == [str(LOCKED_MESSAGE)]
    assert audit_actions().count("login_failed") == 6


def test_many_failures_from_one_address_block_that_address(regisseur) -> None:
    for n in range(20):
        password_step(Client(), f"gok-{n}", WRONG)

    assert form_errors(password_step(Client(), "regisseur")) == [str(LOCKED_MESSAGE)]
    other_address = Client(REMOTE_ADDR="10.0.0.2")
    assert password_step(other_address, "regisseur")["Location"] == MFA_URL
