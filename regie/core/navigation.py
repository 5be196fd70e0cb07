"""The main navigation: which sections each role sees. Apps add their entries here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]


NAVIGATION: list[NavItem] = [
    NavItem(_("Start"), "home", frozenset()),
    NavItem(_("Auditlog"), "audit:log", frozenset({"privacy_officer"})),
    NavItem(_("Doorbraken"), "access:break_glass_queue", frozenset({"privacy_officer"})),
    NavItem(_("Gebruikers"), "accounts:user_list", frozenset({"admin"})),
    NavItem(_("Nieuwe voordracht"), "nominations:start", frozenset({"partner"})),
    NavItem(_("Mijn voordrachten"), "nominations:mine", frozenset({"partner"})),
    NavItem(_("Personen"), "persons:search", frozenset({"triage", "triage_chair"})),
    NavItem(_("Triage"), "triage:queue", frozenset({"triage", "triage_chair"})),
    NavItem(_("API-clients"), "api_clients:list", frozenset({"admin"})),
    NavItem(_("Mijn casussen"), "cases:mine", frozenset({"regisseur", "partner"})),
    NavItem(_("Casussen"), "cases:overview", frozenset({"teamlead"})),
    NavItem(_("Criteria"), "criteria:list", frozenset()),
    NavItem(_("Mijn account"), "mfa_index", frozenset()),
]


def items_for(role_codes: frozenset[str]) -> list[tuple[str | Promise, str]]:
    """Navigation entries for a user with these roles (entries without roles are for everyone)."""
    items = []
    for item in NAVIGATION:
        if item.roles and not item.roles & role_codes:
            continue
        try:
            items.append((item.label, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return items
