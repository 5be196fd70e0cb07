"""Support offered to a family member of the regiepersoon (DESIGN.md §5).

A family member is *never* a subject of the approach: a ``FamilyContact`` is not a ``Person``,
has no identity fields beyond a relation, holds no justice data, is never nominated, never listed
or searched, and never counted as "in the approach". Only the case's regisseur sees it
(``regie.cases.selectors.family_contacts``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    MOTHER = "moeder", _("Moeder")
    FATHER = "vader", _("Vader")
    CARER = "verzorger", _("Ouder of verzorger")
    SIBLING = "broer_zus", _("Broer of zus")
    PARTNER = "partner", _("Partner")
    CHILD = "kind", _("Kind")
    GRANDPARENT = "grootouder", _("Grootouder")
    OTHER = "ander_familielid", _("Ander familielid")


class ConsentGivenBy(models.TextChoices):
    FAMILY_MEMBER = "gezinslid", _("Het gezinslid zelf")
    PARENT = "ouder", _("Ouder of voogd van het gezinslid")


class FamilyContact(models.Model):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="family_contacts",
    )
    relation = models.CharField(
        _("relatie tot de regiepersoon"), max_length=20, choices=Relation.choices
    )
    offered = models.TextField(
        _("aangeboden steun"), help_text=_("Welke steun is aangeboden, en door wie.")
    )
    offered_on = models.DateField(_("aangeboden op"))
    consent_given_by = models.CharField(
        _("toestemming gegeven door"),
        max_length=12,
        choices=ConsentGivenBy.choices,
        help_text=_("Wie toestemming gaf om de steun vast te leggen en te bieden."),
    )
    consent_given_on = models.DateField(_("toestemming gegeven op"))
    parents_consulted = models.BooleanField(
        _("in overleg met de ouders"),
        default=False,
        help_text=_("Verplicht als de regiepersoon minderjarig is."),
    )
    parents_consulted_on = models.DateField(_("ouders geraadpleegd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("steun aan gezinslid")
        verbose_name_plural = _("steun aan gezinsleden")
        ordering = ["-offered_on", "-pk"]

    def __str__(self) -> str:
        return f"gezinscontact {self.pk}"
