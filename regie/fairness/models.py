"""What the fairness monitor needs besides the recorded events (DESIGN.md §9, docs/fairness.md).

Monitoring attributes (for example a background the region chose to monitor on) live here, in
their own table, apart from the case data: no case, person or nomination view reads this table,
and only the fairness monitor aggregates it. The reference population holds resident counts per
year, dimension and value, so that nominations can be set against the population they come from.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitoringAttribute(models.Model):
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("De persoon op wie het kenmerk betrekking heeft."),
    )
    dimension = models.CharField(
        _("dimensie"),
        max_length=64,
        help_text=_("Code van de monitoringsdimensie uit REGIE_FAIRNESS_DIMENSIONS."),
    )
    value = models.CharField(
        _("waarde"),
        max_length=100,
        help_text=_("De waarde van het kenmerk, zoals de bron die levert."),
    )
    recorded_at = models.DateField(
        _("vastgelegd op"), help_text=_("Peildatum van de bron; de nieuwste waarde telt.")
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        help_text=_("Waar het kenmerk vandaan komt (bijvoorbeeld een koppeling met de BRP)."),
    )

    class Meta:
        verbose_name = _("monitoringskenmerk")
        verbose_name_plural = _("monitoringskenmerken")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "dimension", "recorded_at"],
                name="fairness_attribute_one_per_day",
            )
        ]
        indexes = [models.Index(fields=["dimension", "person"], name="fairness_attr_dim_person")]

    def __str__(self) -> str:
        return f"kenmerk {self.pk} ({self.dimension})"


class ReferencePopulation(models.Model):
    year = models.PositiveSmallIntegerField(
        _("jaar"), help_text=_("Het jaar waarvoor het aantal inwoners geldt.")
    )
    dimension = models.CharField(
        _("dimensie"),
        max_length=64,
        help_text=_("Code van de dimensie: age_band, gender, municipality, district of een eigen."),
    )
    value = models.CharField(
        _("waarde"), max_length=100, help_text=_("De groep binnen de dimensie, als code.")
    )
    residents = models.PositiveIntegerField(
        _("inwoners"), help_text=_("Aantal inwoners in deze groep in dit jaar.")
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        help_text=_("Herkomst van het aantal, bijvoorbeeld 'CBS StatLine 2025' of 'synthetisch'."),
    )

    class Meta:
        verbose_name = _("referentiebevolking")
        verbose_name_plural = _("referentiebevolking")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "dimension", "value"], name="fairness_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.dimension}={self.value}: {self.residents}"
