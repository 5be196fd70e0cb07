"""Scale generator, experiences (``regie.monitor.Experience``): per calendar year of the period
about one quote per 250 persons (at least three), told by professionals most, regiepersonen and
parents less, tagged with one to three themes. Consent was given for about 85 %, on a day in that
year, recorded by an analyst; most quotes with consent are included in the monitor, none without.
The audit row of each is the one ``regie.monitor.services.experience_create`` writes (``create``
on ``experience``, no person, detail year, kind, included and consent given).

The quotes are assembled from synthetic fragments per kind of speaker and theme: no names, no
dates, nothing that points at a person — as the register form asks, and since an experience has
no link to a person at all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from regie.demo.bulk import Bulk
from regie.demo.scale_base import DAY, SECOND, Scale, Staff, Trail, at, day_of, us_of
from regie.monitor.models import Experience, ExperienceKind, Theme

PERSONS_PER_EXPERIENCE = 250  # per year
MIN_PER_YEAR = 3
PRO, SELF, PARENT = (ExperienceKind.PROFESSIONAL.value, ExperienceKind.REGIEPERSOON.value,
                     ExperienceKind.PARENT.value)  # fmt: skip
KINDS: tuple[tuple[str, int], ...] = ((PRO, 55), (SELF, 30), (PARENT, 15))
THEME_COUNTS = ((1, 45), (2, 40), (3, 15))
CONSENT = 0.85
INCLUDED = 0.9  # of those with consent
COLUMNS = ("id", "kind", "year", "themes", "text", "consent_given", "consent_date",
           "consent_recorded_by_id", "included", "recorded_at")  # fmt: skip

OPENINGS: dict[str, tuple[str, ...]] = {
    PRO: ("Vanuit mijn werk zie ik het verschil.", "In ons team merken we het elke week.",
        "Eerlijk gezegd was ik eerst sceptisch.", "Ik werk al jaren met deze groep.", "", ""),
    SELF: ("Eerst had ik er weinig vertrouwen in.", "In het begin wilde ik er niets mee te maken hebben.",
        "Het was een zwaar jaar.", "Ik had al veel hulpverleners gezien.", "", ""),
    PARENT: ("Als ouder sta je vaak machteloos.", "Voor ons gezin was het een onrustige periode.",
        "Ik maakte me grote zorgen om mijn kind.", "Lange tijd wist ik niet waar ik moest aankloppen.",
        ""),
}  # fmt: skip

SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {
    Theme.COOPERATION: {
        PRO: ("Met één plan en één aanspreekpunt werken we niet meer langs elkaar heen.",
            "Het casusoverleg is korter, want iedereen weet wie wat doet.",
            "Soms duurt het nog te lang voordat een partner aansluit bij het overleg."),
        SELF: ("Ik hoef mijn verhaal niet meer bij elke instantie opnieuw te vertellen.",
            "Eindelijk praten de instanties met elkaar in plaats van over mij.",
            "Het was soms onduidelijk wie er nu waarover ging."),
        PARENT: ("De instanties praten nu met elkaar in plaats van over ons kind.",
            "Ik hoef niet meer bij iedereen apart aan te kloppen."),
    },
    Theme.REGISSEUR: {
        PRO: ("De regisseur houdt het overzicht en spreekt partners aan op afspraken.",
            "Met doorzettingsmacht komt er beweging in situaties die vastzaten.",
            "De regisseur heeft te veel casussen om overal genoeg tijd voor te maken."),
        SELF: ("Mijn regisseur belde gewoon terug, dat had ik nog nooit meegemaakt.",
            "De regisseur was er ook toen het even niet goed ging.",
            "Door een wisseling van regisseur moest ik weer opnieuw beginnen."),
        PARENT: ("De regisseur was voor ons het vaste aanspreekpunt.",
            "De regisseur nam onze zorgen serieus en kwam in actie."),
    },
    Theme.PLAN: {
        PRO: ("De doelen in het plan zijn concreet en haalbaar.",
            "Bij elke evaluatie kijken we samen of het plan nog klopt.",
            "Het plan is soms te vol; met minder doelen gaat het beter."),
        SELF: ("Ik wist voor het eerst wat er van mij verwacht werd.",
            "De doelen waren van mij en niet alleen van de hulpverleners.",
            "Het plan veranderde vaker dan ik kon bijhouden."),
        PARENT: ("In het plan staat ook wat wij als ouders kunnen doen.",
            "De doelen waren helder, voor ons kind en voor ons."),
    },
    Theme.SCARCITY: {
        PRO: ("Het plan staat, maar zonder passende plek blijft alles hangen.",
            "De wachtlijst voor behandeling is het grootste knelpunt.",
            "Het alternatieve scenario hielp om de wachttijd te overbruggen."),
        SELF: ("Het wachten op een plek duurde maanden en dat was zwaar.",
            "Er was geen plek, maar er werd wel een tussenoplossing gezocht.",
            "Ik snapte niet waarom alles zo lang moest duren."),
        PARENT: ("Het wachten op een behandelplek duurde voor ons kind veel te lang.",
            "Er was geen plek, maar er kwam wel een tussenoplossing."),
    },
    Theme.HOUSING: {
        PRO: ("Zonder stabiele woonplek komt de rest van het plan niet van de grond.",
            "Een kamer met begeleiding maakte het verschil.",
            "Huisvesting blijft het lastigst om te regelen."),
        SELF: ("Sinds ik een eigen kamer heb, heb ik weer rust.",
            "Ik sliep lange tijd bij vrienden en dat maakte alles moeilijk.",
            "Een vaste plek om te wonen gaf me weer grip."),
        PARENT: ("Dat ons kind weer een vaste plek heeft, geeft het hele gezin rust.",
            "Zolang er geen woonplek was, bleef het thuis onrustig."),
    },
    Theme.WORK_SCHOOL: {
        PRO: ("De stap naar school of werk geeft vaak de doorslag.",
            "Met een leerwerkplek ontstaat een dagritme en dat helpt.",
            "Werkgevers zijn nog terughoudend, daar valt winst te halen."),
        SELF: ("Via de regisseur kon ik weer naar school.",
            "Ik heb nu werk en dat geeft me een reden om op te staan.",
            "Mijn opleiding weer oppakken was moeilijker dan gedacht."),
        PARENT: ("Ons kind gaat weer naar school en heeft daar plezier in.",
            "Met een stageplek kwam er eindelijk structuur in de week."),
    },
    Theme.FAMILY: {
        PRO: ("Door het gezin vroeg te betrekken, werken de afspraken beter.",
            "Het netwerk is een belangrijke bron van steun, ook als het schuurt.",
            "Broers en zussen verdienen meer aandacht in het plan."),
        SELF: ("Voor het eerst werd mijn familie ook gehoord in het overleg.",
            "Thuis is het rustiger sinds we samen afspraken hebben gemaakt.",
            "Mijn vrienden van vroeger moest ik loslaten, dat was moeilijk."),
        PARENT: ("Voor het eerst werd ik ook gehoord in het overleg over mijn kind.",
            "Thuis is het rustiger sinds we samen afspraken hebben gemaakt."),
    },
    Theme.TRUST: {
        PRO: ("Vertrouwen opbouwen kost tijd, maar daarna gaat het sneller.",
            "Eerlijk zijn over grenzen werkt beter dan beloftes doen.",
            "Een vast gezicht maakt het verschil in het contact."),
        SELF: ("Ik werd behandeld als mens en niet als dossier.",
            "Ze zeiden wat ze deden en deden wat ze zeiden.",
            "Het duurde lang voordat ik iemand durfde te vertrouwen."),
        PARENT: ("Ze behandelden ons kind als mens en niet als dossier.",
            "Ik kreeg eerlijk antwoord, ook als het nieuws niet goed was."),
    },
    Theme.OUTFLOW: {
        PRO: ("Een warme overdracht voorkomt dat iemand na afloop tussen wal en schip valt.",
            "Het contact een half jaar later laat zien of het blijvend is.",
            "Afschalen gaat soms te snel, nazorg verdient meer tijd."),
        SELF: ("Ook na de afsluiting kon ik nog iemand bellen.",
            "Ik was bang dat alles zou stoppen toen de regie afliep.",
            "Het afscheid was goed voorbereid."),
        PARENT: ("Ook na de afsluiting wisten we bij wie we terecht konden.",
            "Ik was bang dat alles zou stoppen toen de begeleiding afliep."),
    },
    Theme.PRIVACY: {
        PRO: ("Het is duidelijker welke informatie we wel en niet mogen delen.",
            "Door heldere afspraken over gegevens durven partners meer te delen.",
            "Het blijft zoeken hoeveel je deelt zonder het vertrouwen te schaden."),
        SELF: ("Ik wist welke informatie er over mij gedeeld werd en waarom.",
            "Het was fijn dat ik kon inzien wat er over mij is vastgelegd.",
            "Ik vond het eng dat zoveel instanties iets over mij wisten."),
        PARENT: ("Ik wist welke informatie over ons kind gedeeld werd en waarom.",
            "Het bleef lastig dat ik als ouder niet alles mocht weten."),
    },
}  # fmt: skip

CLOSINGS: dict[str, tuple[str, ...]] = {
    PRO: ("Dat gun je elke casus.", "Daar mogen we als netwerk trots op zijn.",
        "Daar moeten we samen nog aan werken.", "", "", ""),
    SELF: ("Daar ben ik dankbaar voor.", "Dat had eerder gemogen.",
        "Ik hoop dat anderen dat ook krijgen.", "", "", ""),
    PARENT: ("Dat heeft ons gezin veel gebracht.", "Dat had eerder gemogen.", "", ""),
}  # fmt: skip


@dataclass(frozen=True)
class ExperiencePlan:
    """One experience before it gets its key; ``moment`` is when the analyst recorded it."""

    kind: str
    year: int
    themes: list[str]
    text: str
    consent_given: bool
    consent_date: date | None
    recorded_by: int
    included: bool
    moment: int


def _years(scale: Scale) -> list[tuple[int, date, date]]:
    """Every calendar year of the period with its first and last day inside the period."""
    first, last = day_of(scale.start_us), scale.today
    return [
        (year, max(date(year, 1, 1), first), min(date(year, 12, 31), last))
        for year in range(first.year, last.year + 1)
    ]


def _text(rng: random.Random, kind: str, themes: list[str]) -> str:
    parts = [rng.choice(OPENINGS[kind])]
    parts += [rng.choice(SENTENCES[theme][kind]) for theme in themes]
    parts.append(rng.choice(CLOSINGS[kind]))
    return " ".join(part for part in parts if part)


def plan_experiences(scale: Scale, analysts: list[int]) -> list[ExperiencePlan]:
    """The experiences of the whole period, deterministic per seed (and clock)."""
    rng = random.Random(scale.seed * 7 + 7)
    kinds, weights = zip(*KINDS, strict=True)
    counts, count_weights = zip(*THEME_COUNTS, strict=True)
    plans = []
    for number, (year, low, high) in enumerate(_years(scale)):
        days = (high - low).days + 1
        count = max(MIN_PER_YEAR, round(scale.persons / PERSONS_PER_EXPERIENCE * days / 365))
        # The first three of a year: one of each kind, the first with consent and included (so
        # every year shows a quote), the second of the first year without consent (so that
        # occurs at any size).
        first = list(kinds)
        rng.shuffle(first)
        for i in range(count):
            kind = first[i] if i < len(first) else rng.choices(kinds, weights)[0]
            themes = rng.sample(Theme.values, rng.choices(counts, count_weights)[0])
            refused = number == 0 and i == 1
            consent = i == 0 or (not refused and rng.random() < CONSENT)
            included = consent and (i == 0 or rng.random() < INCLUDED)
            day = low + timedelta(days=rng.randrange(days))
            midnight = (day - date(1970, 1, 1)).days * DAY
            moment = max(midnight, min(us_of(day, rng), scale.now_us - SECOND))
            plans.append(
                ExperiencePlan(
                    kind=kind,
                    year=year,
                    themes=sorted(themes),
                    text=_text(rng, kind, themes),
                    consent_given=consent,
                    consent_date=day if consent else None,
                    recorded_by=rng.choice(analysts),
                    included=included,
                    moment=moment,
                )
            )
    return plans


def build_experiences(scale: Scale, bulk: Bulk, trail: Trail, staff: Staff) -> int:
    """Write the experiences and collect the audit row ``experience_create`` writes for each."""
    plans = plan_experiences(scale, staff.analysts)
    ids = bulk.ids(Experience, len(plans))
    for pk, plan in zip(ids, plans, strict=True):
        trail.audit(plan.moment, plan.recorded_by, "create", "experience", pk, None,
                    {"year": plan.year, "kind": plan.kind, "included": plan.included,
                     "consent_given": plan.consent_given})  # fmt: skip
    rows = (
        (pk, p.kind, p.year, p.themes, p.text, p.consent_given, p.consent_date, p.recorded_by,
         p.included, at(p.moment))
        for pk, p in zip(ids, plans, strict=True)
    )  # fmt: skip
    return bulk.insert(Experience, COLUMNS, rows)
