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
from typing import Any

from locust import HttpUser, between, task

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


class Regisseur(RegieUser):
    role = "regisseur"
    weight = 20

    @task(2)
    def my_cases(self) -> None:
        self.page("/casussen/", "/casussen/")

    @task(5)
    def case(self) -> None:
        self.page(f"/casussen/{random.choice(self.targets['cases'])}/", "/casussen/[id]/")


class Partner(RegieUser):
    role = "partner"
    weight = 12

    @task(3)
    def nominations(self) -> None:
        self.page("/voordrachten/", "/voordrachten/")

    @task(2)
    def case(self) -> None:
        if self.targets["cases"]:
            self.page(f"/casussen/{random.choice(self.targets['cases'])}/", "/casussen/[id]/")


class Triage(RegieUser):
    role = "triage"
    weight = 10

    @task(3)
    def queue(self) -> None:
        self.page("/triage/", "/triage/")

    @task(2)
    def search(self) -> None:
        self.page(random.choice(self.targets["searches"]), "/personen/?zoek")


class Teamlead(RegieUser):
    role = "teamlead"
    weight = 4

    @task
    def overview(self) -> None:
        self.page("/casussen/overzicht/", "/casussen/overzicht/")


class PrivacyOfficer(RegieUser):
    role = "privacy_officer"
    weight = 4

    @task
    def log(self) -> None:
        self.page(f"/audit/?person={random.choice(self.targets['persons'])}", "/audit/?person")
