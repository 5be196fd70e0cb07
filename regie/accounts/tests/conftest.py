"""Helpers for the login tests: the two steps of a real login through allauth."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from django.core.cache import cache
from django.test import Client

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.conftest import PASSWORD, totp_now

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

LOGIN_URL = "/account/login/"
MFA_URL = "/account/2fa/authenticate/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """Login throttling and used TOTP codes live in the cache: start every test clean."""
    cache.clear()
    yield
    cache.clear()


def password_step(client: Client, username: str, password: str = PASSWORD) -> Response:
    return client.post(LOGIN_URL, {"login": username, "password": password})


def code_step(client: Client, code: str) -> Response:
    return client.post(MFA_URL, {"code": code})


def form_errors(response: Response) -> list[str]:
    """Every error message the page's form shows, in order."""
    form = response.context["form"]
    return [str(message) for errors in form.errors.values() for message in errors]


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


@pytest.fixture
def full_login() -> Callable[[User], Client]:
    """A client logged in through the password page and the TOTP page, as a person would."""

    def do(user: User, client: Client | None = None) -> Client:
        client = client or Client()
        assert password_step(client, user.username)["Location"] == MFA_URL
        response = code_step(client, totp_now(user.totp_secret))  # type: ignore[attr-defined]
        assert response.status_code == 302, form_errors(response)
        return client

    return do
