"""Sessions end after 15 idle minutes (never later; at most a minute sooner, as the expiry is
moved on once a minute), and 12 hours after login however active the user is."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from regie.accounts.tests.conftest import LOGIN_URL, audit_actions
from regie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_request_after_sixteen_idle_minutes_lands_on_the_login_page(full_login, fg) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/"


def test_a_request_after_fourteen_idle_minutes_is_still_served(full_login, fg) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
    for minutes in (14, 28, 42):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200


def test_an_active_user_is_logged_out_twelve_hours_after_login(full_login, fg) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
    minutes = 10
    while minutes < 12 * 60:
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, f"after {minutes} minutes"
        minutes += 10

    with time_machine.travel(start + dt.timedelta(hours=12, minutes=1), tick=False):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?verlopen=1"
        assert "Uw sessie is verlopen" in client.get(response["Location"]).content.decode()
        assert client.get("/").status_code == 302

    assert audit_actions()[-2:] == ["session_expired", "logout"]
    expired = AuditEvent.objects.get(action="session_expired")
    assert (expired.actor_id, expired.detail) == (fg.pk, {"kind": "absolute"})


def test_idle_sessions_are_refused_by_the_server_not_only_by_the_browser(full_login, fg) -> None:
    """The cookie lives until the browser closes; the session row on the server expires."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        client.get("/")

    row = Session.objects.get(session_key=client.session.session_key)
    assert row.expire_date == start + dt.timedelta(minutes=5 + 15)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""


def test_the_expiry_moves_on_once_a_minute_not_on_every_request(full_login, fg) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
        assert client.get("/").status_code == 200  # saved: the first page after login
    key = client.session.session_key

    def expiry() -> dt.datetime:
        return Session.objects.get(session_key=key).expire_date

    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert client.get("/").status_code == 200
    assert expiry() == start + dt.timedelta(minutes=15)  # not written again
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert client.get("/").status_code == 200
    assert expiry() == start + dt.timedelta(seconds=61, minutes=15)


def test_a_user_active_every_fifty_seconds_stays_logged_in(full_login, fg) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
    for step in range(1, 30):  # 24 minutes, never more than 50 seconds apart
        with time_machine.travel(start + dt.timedelta(seconds=50 * step), tick=False):
            assert client.get("/").status_code == 200, f"after {50 * step} seconds"


def test_the_session_never_outlives_fifteen_idle_minutes_after_the_last_save(
    full_login, fg
) -> None:
    """A request 30 seconds after the last save does not move the expiry; the session ends 15
    minutes after that save, 14.5 idle minutes after the last request."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = full_login(fg)
        assert client.get("/").status_code == 200  # saved: the first page after login
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=15, seconds=1), tick=False):
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/"
