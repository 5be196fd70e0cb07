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
    NavItem(
        _("Toetsen en uitstroom"),
        "reviews:overview",
        frozenset({"regisseur", "teamlead", "triage_chair"}),
    ),
    NavItem(
        _("Overdrachten aan mijn organisatie"),
        "reviews:handovers_received",
        frozenset({"partner", "regisseur", "teamlead"}),
    ),
    NavItem(_("Criteria"), "criteria:list", frozenset()),
    NavItem(_("Mijn account"), "mfa_index", frozenset()),
    NavItem(_("Verzoeken betrokkenen"), "rights:list", frozenset({"privacy_officer"})),
    NavItem(_("Bewaartermijnen"), "rights:retention", frozenset({"privacy_officer"})),
    NavItem(_("Toegangsafwijkingen"), "governance:anomalies", frozenset({"privacy_officer"})),
    NavItem(_("Privacy-auditrapport"), "governance:privacy_report", frozenset({"privacy_officer"})),
    NavItem(
        _("Meldingen"),
        "rights:notifications",
        frozenset({"partner", "regisseur", "teamlead", "triage", "triage_chair"}),
    ),
    NavItem(_("Toezicht"), "governance:oversight", frozenset({"oversight"})),
    NavItem(_("Criteriabeheer"), "governance:criteria", frozenset({"oversight", "admin"})),
    NavItem(_("Eerlijkheidsmonitor"), "fairness:overview", frozenset({"analyst", "oversight"})),
    NavItem(_("Commissiedocumenten"), "governance:documents", frozenset({"oversight", "admin"})),
    NavItem(
        _("Monitor"),
        "monitor:yearly",
        frozenset({"analyst", "oversight", "teamlead", "municipality"}),
    ),
    NavItem(_("Ervaringen"), "monitor:experiences", frozenset({"analyst"})),
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
