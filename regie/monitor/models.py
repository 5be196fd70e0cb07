"""Experiences: the qualitative part of the yearly monitor (DESIGN.md §9, docs/monitor.md).

A short quote from a professional, a regiepersoon or a parent, recorded by the monitor analyst
with the speaker's consent. The quote is pseudonymised: there is deliberately no link to a person
(no foreign key to ``Person``), the form warns not to enter names, and the monitor shows only the
kind of speaker, the year and the themes beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExperienceKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    REGIEPERSOON = "regiepersoon", _("Regiepersoon")
    PARENT = "ouder", _("Ouder")


class Theme(models.TextChoices):
    """The fixed themes an experience can be tagged with (several per experience)."""

    COOPERATION = "samenwerking", _("Samenwerking tussen partners")
    REGISSEUR = "regisseur", _("Rol van de regisseur")
    PLAN = "plan", _("Plan en doelen")
    SCARCITY = "schaarste", _("Schaarste en wachttijden")
    HOUSING = "wonen", _("Wonen")
    WORK_SCHOOL = "werk_school", _("Werk en school")
    FAMILY = "gezin", _("Gezin en netwerk")
    TRUST = "vertrouwen", _("Vertrouwen en bejegening")
    OUTFLOW = "uitstroom", _("Uitstroom en nazorg")
    PRIVACY = "privacy", _("Privacy en informatiedeling")


class Experience(models.Model):
    kind = models.CharField(
        _("wie vertelt"),
        max_length=16,
        choices=ExperienceKind.choices,
        help_text=_("Professional, regiepersoon of ouder; nooit wie het precies is."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), help_text=_("Het monitorjaar waarin de ervaring is opgehaald.")
    )
    themes = models.JSONField(
        _("thema's"),
        default=list,
        help_text=_("Eén of meer thema's uit de vaste lijst."),
    )
    text = models.TextField(
        _("citaat"),
        max_length=600,
        help_text=_(
            "Een kort citaat, gepseudonimiseerd: geen namen, adressen, geboortedata of andere "
            "gegevens waaraan iemand te herkennen is."
        ),
    )
    consent_given = models.BooleanField(
        _("toestemming gegeven"),
        default=False,
        help_text=_("De verteller gaf toestemming om het citaat in de monitor te gebruiken."),
    )
    consent_date = models.DateField(
        _("datum toestemming"),
        null=True,
        blank=True,
        help_text=_("Wanneer de toestemming is gegeven."),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toestemming vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De analist die de ervaring en de toestemming vastlegde."),
    )
    included = models.BooleanField(
        _("opnemen in de monitor"),
        default=False,
        help_text=_("Alleen ervaringen met toestemming kunnen in de monitor worden opgenomen."),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(included=False) | models.Q(consent_given=True),
                name="experience_included_needs_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        themes = self.themes if isinstance(self.themes, list) else []
        if not themes or any(theme not in Theme.values for theme in themes):
            errors["themes"] = str(_("Kies één of meer thema's uit de lijst."))
        if self.included and not self.consent_given:
            errors["included"] = str(_("Zonder toestemming kan een ervaring niet in de monitor."))
        if self.consent_given and self.consent_date is None:
            errors["consent_date"] = str(_("Vul de datum van de toestemming in."))
        if errors:
            raise ValidationError(errors)

    @property
    def theme_labels(self) -> list[str]:
        return [str(Theme(theme).label) for theme in self.themes if theme in Theme.values]
