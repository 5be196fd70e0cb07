"""Locust scenario for ``make loadtest``: simulated users of five roles reading their work pages.

Each simulated user takes a pre-authenticated session (made by ``python -m loadtest`` with the
real login machinery: session row, MFA passed) from ``LOADTEST_SESSIONS`` (a JSON file: role →
list of {cookie, targets}), and sends ``X-Forwarded-Proto: https`` as the TLS proxy in front of
the app servers would. Only ever point this at 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from locust import HttpUser, between

# locust puts only this file's folder on the path; the shared table is imported from the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loadtest.pages import ROLES, Page

SESSIONS: dict[str, list[dict[str, Any]]] = json.loads(
    open(os.environ["LOADTEST_SESSIONS"]).read()  # noqa: SIM115
)
COOKIE = os.environ.get("LOADTEST_COOKIE", "__Host-regie_session")
HEADERS = {"X-Forwarded-Proto": "https"}
# Think time between two pages of one user, in seconds ("3,10": a professional reading a page).
WAIT = [float(x) for x in os.environ.get("LOADTEST_WAIT", "3,10").split(",")]


class RegieUser(HttpUser):
    abstract = True
    role = ""
    wait_time = between(WAIT[0], WAIT[1])

    def on_start(self) -> None:
        session = random.choice(SESSIONS[self.role])
        self.targets = session["targets"]
        self.headers = {**HEADERS, "Cookie": f"{COOKIE}={session['cookie']}"}

    def page(self, url: str, name: str) -> None:
        with self.client.get(url, headers=self.headers, name=name, catch_response=True,
                             allow_redirects=False) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


def _task(page: Page) -> Callable[[RegieUser], None]:
    def open_page(user: RegieUser) -> None:
        url = page.url_for(user.targets, random.choice)
        if url is not None:
            user.page(url, page.name)

    return open_page


def _user_class(role: str) -> type[RegieUser]:
    """A locust user class for ``role`` from the shared table (``loadtest/pages.py``)."""
    spec = ROLES[role]
    name = "".join(part.title() for part in role.split("_"))
    tasks = {_task(page): page.weight for page in spec.pages}
    return type(name, (RegieUser,), {"role": role, "weight": spec.users, "tasks": tasks})


# Module globals, where locust looks for user classes.
Regisseur = _user_class("regisseur")
Partner = _user_class("partner")
Triage = _user_class("triage")
Teamlead = _user_class("teamlead")
PrivacyOfficer = _user_class("privacy_officer")
