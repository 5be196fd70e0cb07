"""What each simulated role does: its share of the users and the pages it opens, how often.

One table for the locust scenario (``locustfile.py``), the sessions made for it and the warm-up
before the measured minute (``__main__.py``), so a page added to the scenario is warmed up too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# Placeholder in a page's URL → the list of the simulated user's targets it is chosen from.
TARGETS = {"case": "cases", "person": "persons", "search": "searches"}


@dataclass(frozen=True)
class Page:
    name: str  # as locust reports it: ids left out, so all cases count as one page
    url: str  # with at most one placeholder of TARGETS: "/casussen/{case}/"
    weight: int  # how often, against the role's other pages

    def url_for(
        self, targets: dict[str, list[Any]], choose: Callable[[Sequence[Any]], Any]
    ) -> str | None:
        """The URL with its placeholder filled from ``targets``; None when the user has no
        target of that kind (a partner organisation without cases)."""
        for placeholder, key in TARGETS.items():
            if "{" + placeholder + "}" in self.url:
                if not targets[key]:
                    return None
                return self.url.format(**{placeholder: choose(targets[key])})
        return self.url


@dataclass(frozen=True)
class Role:
    users: int  # of the default 50 simulated users (locust's weight)
    pages: tuple[Page, ...]


CASE = Page("/casussen/[id]/", "/casussen/{case}/", 5)
ROLES: dict[str, Role] = {
    "regisseur": Role(20, (Page("/casussen/", "/casussen/", 2), CASE)),
    "partner": Role(
        12, (Page("/voordrachten/", "/voordrachten/", 3), Page(CASE.name, CASE.url, 2))
    ),
    "triage": Role(10, (Page("/triage/", "/triage/", 3), Page("/personen/?zoek", "{search}", 2))),
    "teamlead": Role(4, (Page("/casussen/overzicht/", "/casussen/overzicht/", 1),)),
    "privacy_officer": Role(4, (Page("/audit/?person", "/audit/?person={person}", 1),)),
}
