"""The columns of ``data.csv``: what each means, and each row built from an ``Episode``.

One definition serves both the rows and the codebook, so the two cannot drift apart. Every value
is text: a code from a fixed list, a whole number, a period (month, quarter or year) or empty for
"not applicable". No name, BSN, date of birth, exact date or free text is ever a value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from regie.accounts.models import Municipality, OrganisationType
from regie.core.domain import LifeDomain, OffenceCategory, TargetGroup
from regie.persons.models import Gender
from regie.research.episodes import (
    ADMITTED_GROUP,
    COMPARISON_GROUP,
    WITHDRAWN,
    Episode,
    ReviewRecord,
)
from regie.research.generalise import AGE_BANDS, OMITTED, REST_OF_REGION, SECTORS, Levels
from regie.reviews.models import Decision, OutflowReason, ReviewKind

#: The columns k-anonymity is enforced on: what a third party could know or find out about a
#: person and link on. The group is one of them: admission is known to the person, their family
#: and every partner in the case.
QUASI_IDENTIFIERS = (
    "groep",
    "leeftijdsklasse",
    "geslacht",
    "gemeente",
    "doelgroep",
    "voordragende_organisatie",
    "voordracht_periode",
)

#: Offence windows around the decision: (column part, months, before?). "24 months" includes
#: the 12; the decision day itself counts as before.
WINDOWS = (
    ("voor_24m", 24, True),
    ("voor_12m", 12, True),
    ("na_12m", 12, False),
    ("na_24m", 24, False),
)

PERIOD_TYPE = "periode (JJJJ-MM, JJJJ-Kn of JJJJ; zie metadata.json 'generalisatie.periode')"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


Value = Callable[[Episode, Levels], str]


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    type: str
    allowed: str
    source: str
    generalisation: str
    value: Value
    quasi_identifier: bool = False


def _codes(choices: Any, extra: tuple[tuple[str, str], ...] = ()) -> str:
    pairs = [(str(value), str(label)) for value, label in choices.choices] + list(extra)
    return "; ".join(f"{value} = {label}" for value, label in pairs)


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def window_counts(episode: Episode) -> dict[str, Counter[str | None]]:
    """Offences per window and category (``None`` = all), computed once per episode."""
    if episode.window_counts is None:
        counts: dict[str, Counter[str | None]] = {}
        for part, months, before in WINDOWS:
            if before:
                start, end = add_months(episode.reference, -months), episode.reference
            else:
                start, end = episode.reference, add_months(episode.reference, months)
            inside = [c for d, c in episode.offences if start < d <= end]
            counter: Counter[str | None] = Counter(inside)
            counter[None] = len(inside)
            counts[part] = counter
        episode.window_counts = counts
    return episode.window_counts


def _offence_count(part: str, category: str | None) -> Value:
    return lambda e, lv: str(window_counts(e)[part][category])


def _intake(domain: str) -> Value:
    return lambda e, lv: _score(e.intake_scores.get(domain))


def _review(episode: Episode, slot: int) -> ReviewRecord | None:
    return episode.reviews[slot] if slot < len(episode.reviews) else None


def _review_period(slot: int) -> Value:
    def value(episode: Episode, levels: Levels) -> str:
        review = _review(episode, slot)
        return levels.when(review.held_on) if review else ""

    return value


def _review_code(slot: int, attribute: str) -> Value:
    def value(episode: Episode, levels: Levels) -> str:
        review = _review(episode, slot)
        return str(getattr(review, attribute)) if review else ""

    return value


def _review_score(slot: int, domain: str) -> Value:
    def value(episode: Episode, levels: Levels) -> str:
        review = _review(episode, slot)
        return _score(review.scores.get(domain)) if review else ""

    return value


def _complete(months: int, today: date) -> Value:
    return lambda e, lv: "1" if add_months(e.reference, months) <= today else "0"


def quasi_key(episode: Episode, levels: Levels) -> tuple[str, ...]:
    """The quasi-identifiers of one episode at the given levels, in ``QUASI_IDENTIFIERS`` order."""
    return (
        episode.group,
        levels.age_band(episode.age),
        episode.gender,
        levels.place(episode.municipality),
        episode.target_group,
        levels.organisation_kind(episode.organisation_type),
        levels.when(episode.submitted),
    )


def quasi_values(episode: Episode, levels: Levels) -> dict[str, str]:
    """The quasi-identifiers of one episode at the given levels, by column name."""
    return dict(zip(QUASI_IDENTIFIERS, quasi_key(episode, levels), strict=True))


def _quasi(name: str) -> Callable[[Episode, Levels], str]:
    return lambda episode, levels: quasi_values(episode, levels)[name]


def columns(review_slots: int, today: date) -> list[Column]:
    """Every column of ``data.csv`` in order; ``review_slots`` review blocks (the most any row
    has), ``today`` the export day (for whether an offence window after the decision is over)."""
    bands = ", ".join(f"'{name}': " + "/".join(map(str, b)) for name, b in AGE_BANDS.items())
    cols = [
        Column(
            "pseudoniem",
            "Sleutel-gepseudonimiseerde persoon: gelijk voor dezelfde persoon binnen dit "
            "onderzoeksproject, anders in elk ander project.",
            "tekst (16 hex-tekens)",
            "0-9a-f",
            "HMAC-SHA256 over project en persoonsnummer met de geheime projectsleutel",
            "geen naam of nummer uit Regie; niet terug te rekenen zonder de sleutel",
            lambda e, lv: "",  # filled in by the export, which holds the key
        ),
        Column(
            "groep",
            "Toegelaten tot de aanpak, of vergelijkingsgroep: voorgedragen maar niet toegelaten "
            "(afgewezen of ingetrokken).",
            "code",
            f"{ADMITTED_GROUP}; {COMPARISON_GROUP}",
            "voordracht: uitkomst en status",
            "afgeleid uit uitkomst_voordracht",
            _quasi("groep"),
            True,
        ),
        Column(
            "uitkomst_voordracht",
            "Hoe de voordracht afliep.",
            "code",
            "toegelaten; afgewezen; ingetrokken",
            "voordracht: uitkomst (na besluit triage) of status ingetrokken",
            "geen",
            lambda e, lv: e.outcome,
        ),
        Column(
            "voordracht_volgnummer",
            "De hoeveelste ingediende voordracht van deze persoon dit is (1 = eerste ooit, ook "
            "vóór de exportperiode).",
            "code",
            "1; 2; 3+",
            "voordrachten van de persoon, op volgorde van indienen",
            "afgetopt op 3+: een vierde of vijfde voordracht is zeldzaam genoeg om iemand aan te "
            "herkennen",
            lambda e, lv: str(e.sequence) if e.sequence < 3 else "3+",
        ),
        Column(
            "leeftijdsklasse",
            "Leeftijd bij indienen van de voordracht, als klasse.",
            "code",
            "<12, 12–17, 18–22, 23–29, 30–39, 40+ (standaard); <12, 12–17, 18–22, 23+ (grof); "
            "* (weggelaten)",
            "persoon: geboortedatum; voordracht: ingediend op",
            f"geboortedatum → leeftijd in jaren → klasse (ondergrenzen {bands}); "
            "nooit de geboortedatum",
            _quasi("leeftijdsklasse"),
            True,
        ),
        Column(
            "geslacht",
            "Geslacht zoals geregistreerd.",
            "code",
            _codes(Gender),
            "persoon: geslacht",
            "geen",
            _quasi("geslacht"),
            True,
        ),
        Column(
            "gemeente",
            "Woongemeente (huidige inschrijving in Regie, niet die op het moment van voordracht).",
            "code",
            _codes(
                Municipality, ((REST_OF_REGION, "Overige regiogemeenten (bij niveau 'regio')"),)
            ),
            "persoon: woongemeente",
            "niveau 'gemeente', 'regio' (amsterdam / overige_regio / buiten_regio) of "
            "'weggelaten' (*); nooit stadsdeel of adres",
            _quasi("gemeente"),
            True,
        ),
        Column(
            "doelgroep",
            "Bij toelating de doelgroep van de casus, anders de voorgestelde doelgroep.",
            "code",
            _codes(TargetGroup),
            "casus: doelgroep; voordracht: voorgestelde doelgroep",
            "geen",
            _quasi("doelgroep"),
            True,
        ),
        Column(
            "voordragende_organisatie",
            "Soort organisatie die de persoon voordroeg (nooit de organisatie zelf).",
            "code",
            _codes(
                OrganisationType,
                (
                    *(
                        (sector, "sector (niveau 'sector')")
                        for sector in sorted(set(SECTORS.values()))
                    ),
                    (OMITTED, "weggelaten (niveau 'weggelaten')"),
                ),
            ),
            "voordracht: voordragende organisatie → soort",
            "organisatie → soort ('soort'), sector ('sector') of * ('weggelaten'); nooit de "
            "organisatie zelf",
            _quasi("voordragende_organisatie"),
            True,
        ),
        Column(
            "voordracht_periode",
            "Wanneer de voordracht is ingediend.",
            PERIOD_TYPE,
            "binnen de exportperiode",
            "voordracht: ingediend op",
            "datum → maand, kwartaal of jaar (hetzelfde niveau voor alle periodekolommen)",
            _quasi("voordracht_periode"),
            True,
        ),
        Column(
            "besluit_periode",
            "Wanneer triage besloot, of bij intrekking wanneer de voordracht is ingetrokken; "
            "het peilmoment voor de delicten ervoor en erna.",
            PERIOD_TYPE,
            "",
            "voordracht: besloten op / ingetrokken op",
            "datum → periode",
            lambda e, lv: lv.when(e.reference),
        ),
        Column(
            "instroom_periode",
            "Start van de casus (alleen groep toegelaten).",
            PERIOD_TYPE,
            "leeg bij de vergelijkingsgroep",
            "casus: startdatum",
            "datum → periode",
            lambda e, lv: lv.when(e.admitted),
        ),
    ]
    for domain in LifeDomain:
        cols.append(
            Column(
                f"triage_zrm_{domain.value}",
                f"ZRM-score bij triage op het leefgebied {domain.label}.",
                "geheel getal",
                "1 (acute problematiek) – 5 (volledig zelfredzaam); leeg als niet gescoord",
                "triage: beoordeling, ZRM-score per leefgebied",
                "geen",
                _intake(domain.value),
            )
        )
    cols.append(
        Column(
            "aantal_toetsen",
            "Aantal gehouden toetsen (herbeoordelingen) in de casus; een gecorrigeerde toets "
            "telt als de correctie.",
            "geheel getal ≥ 0",
            "0, 1, …",
            "toetsen van de casus",
            "geen",
            lambda e, lv: str(len(e.reviews)) if e.admitted else "",
        )
    )
    for slot in range(review_slots):
        n = slot + 1
        cols += [
            Column(
                f"toets_{n}_periode",
                f"Wanneer toets {n} is gehouden.",
                PERIOD_TYPE,
                f"leeg als er geen toets nr. {n} is",
                "toets: gehouden op",
                "datum → periode",
                _review_period(slot),
            ),
            Column(
                f"toets_{n}_soort",
                f"Soort toets {n}.",
                "code",
                _codes(ReviewKind),
                "toets: soort",
                "geen",
                _review_code(slot, "kind"),
            ),
            Column(
                f"toets_{n}_besluit",
                f"Besluit van toets {n}.",
                "code",
                _codes(Decision),
                "toets: besluit",
                "geen",
                _review_code(slot, "decision"),
            ),
        ]
        for domain in LifeDomain:
            cols.append(
                Column(
                    f"toets_{n}_zrm_{domain.value}",
                    f"ZRM-score bij toets {n} op het leefgebied {domain.label}.",
                    "geheel getal",
                    "1–5; leeg als niet gescoord of geen toets",
                    "toets: ZRM-score per leefgebied",
                    "geen",
                    _review_score(slot, domain.value),
                )
            )
    cols += [
        Column(
            "uitstroom_periode",
            "Wanneer de persoon uitstroomde (bevestigde uitstroom).",
            PERIOD_TYPE,
            "leeg als (nog) niet uitgestroomd",
            "uitstroom: uitstroomdatum",
            "datum → periode",
            lambda e, lv: lv.when(e.outflow),
        ),
        Column(
            "uitstroom_reden",
            "Reden van uitstroom (de code; nooit de toelichting).",
            "code",
            _codes(OutflowReason),
            "uitstroom: reden",
            "vrije toelichting weggelaten",
            lambda e, lv: e.outflow_reason,
        ),
    ]
    for part, months, before in WINDOWS:
        side = "vóór" if before else "na"
        span = (
            f"de {months} maanden tot en met de besluitdag"
            if before
            else f"de {months} maanden na de besluitdag"
        )
        for category in [*OffenceCategory, None]:
            label = f"delicten ({category.label})" if category else "delicten in totaal"
            cols.append(
                Column(
                    f"delicten_{part}_{category.value if category else 'totaal'}",
                    f"Aantal geregistreerde {label} in {span} ({side} het besluit).",
                    "geheel getal ≥ 0",
                    "0, 1, …",
                    "geregistreerde feiten: soort delict, categorie, datum",
                    "tellingen; geen datum of omschrijving van een delict",
                    _offence_count(part, category.value if category else None),
                )
            )
    for months in (12, 24):
        cols.append(
            Column(
                f"na_{months}m_volledig",
                f"1 als de {months} maanden na het besluit op de exportdag voorbij zijn (de "
                f"telling na_{months}m is compleet), 0 als de periode nog loopt.",
                "0/1",
                "0; 1",
                "besluitdatum en exportdatum",
                "geen",
                _complete(months, today),
            )
        )
    return cols


__all__ = ["ADMITTED_GROUP", "COMPARISON_GROUP", "QUASI_IDENTIFIERS", "WITHDRAWN", "columns"]
