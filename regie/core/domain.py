"""Domain vocabulary shared by every app (DESIGN.md §2, §4): target groups, the 11 life domains
of the Zelfredzaamheid-Matrix, offence categories."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    YOUTH = "jeugd", _("Jongeren die afglijden in criminaliteit (12–23)")
    DOORGROEIERS = "doorgroeiers", _("Doorgroeiers (georganiseerde criminaliteit)")
    ADULT_VIOLENCE = "volwassenen", _("Volwassenen met herhaald geweld")


class LifeDomain(models.TextChoices):
    """The 11 domains of the Zelfredzaamheid-Matrix (ZRM), each scored 1 (acute) – 5 (zelfredzaam)."""

    FINANCES = "financien", _("Financiën")
    DAYTIME = "dagbesteding", _("Dagbesteding (werk, opleiding)")
    HOUSING = "huisvesting", _("Huisvesting")
    DOMESTIC = "huiselijke_relaties", _("Huiselijke relaties")
    MENTAL_HEALTH = "geestelijke_gezondheid", _("Geestelijke gezondheid")
    PHYSICAL_HEALTH = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    ADDICTION = "verslaving", _("Verslaving")
    ADL = "adl", _("ADL-vaardigheden")
    SOCIAL_NETWORK = "sociaal_netwerk", _("Sociaal netwerk")
    PARTICIPATION = "maatschappelijke_participatie", _("Maatschappelijke participatie")
    JUSTICE = "justitie", _("Justitie")


ZRM_SCORES = [
    (1, _("1 – acute problematiek")),
    (2, _("2 – niet zelfredzaam")),
    (3, _("3 – beperkt zelfredzaam")),
    (4, _("4 – voldoende zelfredzaam")),
    (5, _("5 – volledig zelfredzaam")),
]


class OffenceCategory(models.TextChoices):
    OVERVAL = "overval", _("Overval")
    STRAATROOF = "straatroof", _("Straatroof")
    WONINGINBRAAK = "woninginbraak", _("Woninginbraak")
    ZWARE_MISHANDELING = "zware_mishandeling", _("Zware mishandeling")
    OPENLIJKE_GEWELDPLEGING = "openlijke_geweldpleging", _("Openlijke geweldpleging")
    MOORD_DOODSLAG = "moord_doodslag", _("Moord / doodslag")
    DRUGS = "drugscriminaliteit", _("Drugscriminaliteit")
    WAPENBEZIT = "wapenbezit", _("Wapenbezit")
    DIGITAAL = "digitale_criminaliteit", _("Digitale criminaliteit")
    UITBUITING = "criminele_uitbuiting", _("Criminele uitbuiting")
    EXPLOSIEVEN = "explosieven", _("Explosieven")
    OVERIG = "overig", _("Overig")


class PartnerDomain(StrEnum):
    """The domains whose partners may be needed (Landelijk Kader: domeinoverstijgend)."""

    ZORG = "zorg"
    VEILIGHEID = "veiligheid"
    SOCIAAL = "sociaal"

    @property
    def label(self) -> str:
        return {"zorg": "zorg", "veiligheid": "veiligheid", "sociaal": "sociaal domein"}[self.value]
