"""Criteria rules in plain Dutch, for the published criteria page (DESIGN.md §7)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from regie.criteria.engine import ROLE_PHRASES, category_label, domain_label


@dataclass(frozen=True)
class RuleLine:
    id: str
    label: str
    sentence: str
    children: tuple[RuleLine, ...] = ()


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " of " + items[-1]


def _age(rule: Mapping[str, Any]) -> str:
    low, high = rule.get("min_years"), rule.get("max_years")
    if low is not None and high is not None:
        return f"Leeftijd op de peildatum: {low} tot en met {high} jaar."
    if low is not None:
        return f"Leeftijd op de peildatum: {low} jaar of ouder."
    return f"Leeftijd op de peildatum: {high} jaar of jonger."


def _absence(rule: Mapping[str, Any], assumption: str) -> str:
    if rule.get("absent_means") == "unknown":
        return " Zonder registratie is de uitkomst onbekend."
    return f" Zonder registratie: {assumption}."


SENTENCES = {
    "offence_count": lambda r: (
        f"Ten minste {r['min']} registraties {ROLE_PHRASES[r['role']]} voor "
        f"{_listing([category_label(c) for c in r['categories']])} in de {r['window_years']} "
        "jaar tot en met de peildatum (geteld, niet gewogen)."
    ),
    "age": _age,
    "detention_remaining": lambda r: (
        f"Lopende detentie waarvan op de peildatum nog meer dan {r['more_than_months']} "
        "maanden resteren." + _absence(r, "geen detentie")
    ),
    "no_lawful_residence": lambda r: (
        "Geen rechtmatig verblijf volgens de laatst geregistreerde verblijfsstatus."
        + _absence(r, "uitgegaan van rechtmatig verblijf")
    ),
    "deceased": lambda r: "Overleden." + _absence(r, "niet overleden"),
    "outside_region": lambda r: (
        "Woont buiten de regio Amsterdam-Amstelland (woongemeente of laatste verhuizing)."
    ),
    "other_approach": lambda r: (
        "Neemt al deel aan een andere persoonsgerichte aanpak (vastgelegd bij de triage)."
    ),
    "zrm": lambda r: (
        f"Ten minste {r['min_domains']} leefgebieden met een ZRM-score van {r['max_score']} "
        "of lager"
        + (
            f" (van: {', '.join(domain_label(d) for d in r['domains'])})"
            if r.get("domains")
            else ""
        )
        + "."
    ),
    "partner_domains": lambda r: (
        f"Inzet nodig van partners uit ten minste {r['min_domains']} domeinen "
        "(zorg, veiligheid, sociaal domein)."
    ),
    "all": lambda r: "Alle volgende onderdelen moeten gelden:",
    "any": lambda r: "Ten minste één van de volgende onderdelen moet gelden:",
}


def describe(rule: Mapping[str, Any]) -> RuleLine:
    """A rule (and its nested rules) as plain Dutch sentences."""
    return RuleLine(
        id=rule["id"],
        label=rule["label"],
        sentence=SENTENCES[rule["kind"]](rule),
        children=tuple(describe(child) for child in rule.get("rules", ())),
    )
