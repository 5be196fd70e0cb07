"""Persons (regiepersonen and nominated persons) and the facts registered about them.

Identity is kept minimal (DESIGN.md §4). A family member offered support is *never* a ``Person``:
see ``cases.FamilyContact``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
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
    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100)
    date_of_birth = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
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
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [
            models.Index(fields=["last_name", "date_of_birth"], name="person_name_dob"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

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


class JusticeFact(models.Model):
    """One registered fact about a person, from a source organisation.

    - ``offence``: ``category``, ``role`` and ``date`` (of the offence registration);
    - ``detention``: ``date`` (start) and ``end_date`` (expected end);
    - ``residence``: ``residence_status`` as of ``date``;
    - ``deceased`` / ``moved``: ``date`` (and ``municipality`` moved to).
    """

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="facts"
    )
    kind = models.CharField(_("soort feit"), max_length=16, choices=FactKind.choices)
    category = models.CharField(
        _("delictcategorie"), max_length=32, choices=OffenceCategory.choices, blank=True
    )
    role = models.CharField(_("rol"), max_length=16, choices=OffenceRole.choices, blank=True)
    date = models.DateField(_("datum"), help_text=_("Datum van het feit of begin van de detentie."))
    end_date = models.DateField(
        _("verwachte einddatum"), null=True, blank=True, help_text=_("Bij detentie.")
    )
    residence_status = models.CharField(
        _("verblijfsstatus"), max_length=32, choices=ResidenceStatus.choices, blank=True
    )
    municipality = models.CharField(
        _("nieuwe gemeente"), max_length=32, choices=Municipality.choices, blank=True
    )
    source_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("bronorganisatie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_key = models.CharField(
        _("sleutel bij de bron"),
        max_length=100,
        help_text=_("Uniek per bronorganisatie; maakt herhaald importeren idempotent."),
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

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
