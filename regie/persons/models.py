"""Persons (regiepersonen and nominated persons) and the facts registered about them.

Identity is kept minimal (DESIGN.md §4). A family member offered support is *never* a ``Person``:
see ``cases.FamilyContact``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Municipality
from regie.core.domain import OffenceCategory


def elfproef(bsn: str) -> bool:
    """The BSN eleven test: 9 digits, sum of digit × (9..2) minus the last digit divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not elfproef(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."),
            code="invalid_bsn",
        )


def normalise_bsn(value: str) -> str:
    """A BSN as typed (with spaces, dots or dashes) reduced to its digits."""
    return "".join(ch for ch in value if ch not in " .-")


# Amsterdam's stadsdelen; the other municipalities of the region are not divided.
AMSTERDAM_DISTRICTS: tuple[str, ...] = (
    "Centrum",
    "Nieuw-West",
    "Noord",
    "Oost",
    "West",
    "Zuid",
    "Zuidoost",
    "Weesp",
)


class Gender(models.TextChoices):
    MAN = "m", _("Man")
    VROUW = "v", _("Vrouw")
    X = "x", _("Anders / onbekend")


class Person(models.Model):
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        null=True,
        unique=True,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer; niet verplicht, wel gecontroleerd met de elfproef."),
    )
    first_name = models.CharField(
        _("voornaam"), max_length=100, help_text=_("Eerste voornaam, zoals bij de bron bekend.")
    )
    name_prefix = models.CharField(
        _("tussenvoegsel"),
        max_length=20,
        blank=True,
        help_text=_("Bijvoorbeeld 'de' of 'van der'."),
    )
    last_name = models.CharField(
        _("achternaam"), max_length=100, help_text=_("Achternaam zonder tussenvoegsel.")
    )
    date_of_birth = models.DateField(
        _("geboortedatum"), help_text=_("Samen met de naam de sleutel om dubbelen te vinden.")
    )
    gender = models.CharField(
        _("geslacht"),
        max_length=1,
        choices=Gender.choices,
        help_text=_("Voor de monitor op gelijke behandeling; nooit zichtbaar als selectiegrond."),
    )
    municipality = models.CharField(
        _("woongemeente"),
        max_length=32,
        choices=Municipality.choices,
        help_text=_("Gemeente van inschrijving; 'buiten de regio' is een exclusiegrond."),
    )
    district = models.CharField(
        _("stadsdeel of wijk"), max_length=64, blank=True, help_text=_("Alleen voor Amsterdam.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text=_("Gezet als deze registratie een dubbele was en is samengevoegd."),
    )
    created_at = models.DateTimeField(
        _("aangemaakt op"), auto_now_add=True, help_text=_("Moment van registratie in Regie.")
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [
            models.Index(fields=["last_name", "date_of_birth"], name="person_name_dob"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("De geboortedatum ligt in de toekomst.")
        elif self.date_of_birth and self.date_of_birth < datetime.date(1900, 1, 1):
            errors["date_of_birth"] = _("De geboortedatum ligt vóór 1900.")
        if self.district and self.municipality != Municipality.AMSTERDAM:
            errors["district"] = _("Een stadsdeel hoort alleen bij Amsterdam.")
        elif self.district and self.district not in AMSTERDAM_DISTRICTS:
            errors["district"] = _("Kies een stadsdeel van Amsterdam.")
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)


class FactKind(models.TextChoices):
    OFFENCE = "offence", _("Registratie delict")
    DETENTION = "detention", _("Detentie")
    RESIDENCE = "residence", _("Verblijfsstatus")
    DECEASED = "deceased", _("Overleden")
    MOVED = "moved", _("Verhuisd")


class OffenceRole(models.TextChoices):
    SUSPECT = "verdachte", _("Verdachte")
    CONVICTED = "veroordeelde", _("Veroordeelde")


class ResidenceStatus(models.TextChoices):
    LAWFUL = "rechtmatig", _("Rechtmatig verblijf")
    UNLAWFUL = "geen_rechtmatig_verblijf", _("Geen rechtmatig verblijf")


# Which of the optional fields each kind of fact needs, and which it may carry at all.
FACT_REQUIRED: dict[str, tuple[str, ...]] = {
    FactKind.OFFENCE: ("category", "role"),
    FactKind.DETENTION: (),
    FactKind.RESIDENCE: ("residence_status",),
    FactKind.DECEASED: (),
    FactKind.MOVED: ("municipality",),
}
FACT_ALLOWED: dict[str, tuple[str, ...]] = {
    FactKind.OFFENCE: ("category", "role"),
    FactKind.DETENTION: ("end_date",),
    FactKind.RESIDENCE: ("residence_status",),
    FactKind.DECEASED: (),
    FactKind.MOVED: ("municipality",),
}
_FACT_MISSING = {
    "category": _("Een delict heeft een delictcategorie nodig."),
    "role": _("Een delict heeft een rol nodig (verdachte of veroordeelde)."),
    "residence_status": _("Een verblijfsstatus-feit heeft een verblijfsstatus nodig."),
    "municipality": _("Een verhuizing heeft de nieuwe gemeente nodig."),
}


class JusticeFact(models.Model):
    """One registered fact about a person, from a source organisation.

    - ``offence``: ``category``, ``role`` and ``date`` (of the offence registration);
    - ``detention``: ``date`` (start) and ``end_date`` (expected end);
    - ``residence``: ``residence_status`` as of ``date``;
    - ``deceased`` / ``moved``: ``date`` (and ``municipality`` moved to).
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="facts",
        help_text=_("Over wie het feit gaat."),
    )
    kind = models.CharField(
        _("soort feit"),
        max_length=16,
        choices=FactKind.choices,
        help_text=_("Delict, detentie, verblijfsstatus, overlijden of verhuizing."),
    )
    category = models.CharField(
        _("delictcategorie"),
        max_length=32,
        choices=OffenceCategory.choices,
        blank=True,
        help_text=_("Alleen bij een delict."),
    )
    role = models.CharField(
        _("rol"),
        max_length=16,
        choices=OffenceRole.choices,
        blank=True,
        help_text=_("Alleen bij een delict: verdachte of veroordeelde."),
    )
    date = models.DateField(_("datum"), help_text=_("Datum van het feit of begin van de detentie."))
    end_date = models.DateField(
        _("verwachte einddatum"), null=True, blank=True, help_text=_("Bij detentie.")
    )
    residence_status = models.CharField(
        _("verblijfsstatus"),
        max_length=32,
        choices=ResidenceStatus.choices,
        blank=True,
        help_text=_("Alleen bij een verblijfsstatus-feit."),
    )
    municipality = models.CharField(
        _("nieuwe gemeente"),
        max_length=32,
        choices=Municipality.choices,
        blank=True,
        help_text=_("Alleen bij een verhuizing: de gemeente waarheen de persoon verhuisde."),
    )
    source_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("bronorganisatie"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De partner die het feit heeft geregistreerd."),
    )
    external_key = models.CharField(
        _("sleutel bij de bron"),
        max_length=100,
        help_text=_("Uniek per bronorganisatie; maakt herhaald importeren idempotent."),
    )
    created_at = models.DateTimeField(
        _("geregistreerd op"), auto_now_add=True, help_text=_("Moment van vastleggen in Regie.")
    )

    class Meta:
        verbose_name = _("geregistreerd feit")
        verbose_name_plural = _("geregistreerde feiten")
        constraints = [
            models.UniqueConstraint(
                fields=["source_organisation", "external_key"], name="fact_unique_source_key"
            )
        ]
        indexes = [models.Index(fields=["person", "kind", "date"], name="fact_person_kind_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"

    def clean(self) -> None:
        """Each kind carries exactly its own fields (see the class docstring)."""
        if self.kind not in FACT_REQUIRED:
            return
        errors: dict[str, str] = {}
        for field in ("category", "role", "end_date", "residence_status", "municipality"):
            value = getattr(self, field)
            if field in FACT_REQUIRED[self.kind] and not value:
                errors[field] = str(_FACT_MISSING[field])
            elif value and field not in FACT_ALLOWED[self.kind]:
                errors[field] = str(
                    _("Dit veld hoort niet bij een feit van de soort '%(kind)s'.")
                    % {"kind": FactKind(self.kind).label}
                )
        if self.date and self.date > timezone.localdate():
            errors["date"] = str(_("De datum ligt in de toekomst."))
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = str(_("De einddatum ligt vóór de begindatum."))
        if errors:
            raise ValidationError(errors)
