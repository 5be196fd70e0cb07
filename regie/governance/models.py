"""Criteria governance and the committees' documents (DESIGN.md §7).

- ``CriteriaTransition``: one step of a criteria set through concept → voorgelegd → advies
  ontvangen → vastgesteld → vervallen, with who took it, when and why. The set's own
  ``status`` (``regie.criteria``) is the current state; these rows are its history, and the
  proposer of a set is the actor of its ``voorgelegd`` step (four eyes on adoption).
- ``CommitteeDocument``: an advice or report of the rechtmatigheidsadviescommissie, the
  Commissie van Toezicht or the klankbordgroep, linked to the criteria set or the period it
  concerns. Never personal data about regiepersonen.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from regie.criteria.models import CriteriaStatus


class CriteriaTransition(models.Model):
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        verbose_name=_("criteriaset"),
        on_delete=models.PROTECT,
        related_name="transitions",
        help_text=_("De set die van status veranderde."),
    )
    from_status = models.CharField(
        _("van"), max_length=16, choices=CriteriaStatus.choices, help_text=_("Status ervoor.")
    )
    to_status = models.CharField(
        _("naar"), max_length=16, choices=CriteriaStatus.choices, help_text=_("Status erna.")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie de stap zette (toezicht of functioneel beheer)."),
    )
    at = models.DateTimeField(_("op"), help_text=_("Moment van de stap."))
    note = models.TextField(
        _("toelichting"), blank=True, help_text=_("Waarom; bij vaststellen het besluit.")
    )
    effective_from = models.DateField(
        _("geldig vanaf"),
        null=True,
        blank=True,
        help_text=_("Bij vaststellen: de eerste dag waarop de set geldt."),
    )

    class Meta:
        verbose_name = _("statuswijziging criteriaset")
        verbose_name_plural = _("statuswijzigingen criteriasets")
        ordering = ["criteria_set", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.criteria_set_id}: {self.from_status} → {self.to_status}"


class Body(models.TextChoices):
    LEGALITY = "rechtmatigheidsadviescommissie", _("Rechtmatigheidsadviescommissie")
    SUPERVISION = "commissie_van_toezicht", _("Commissie van Toezicht")
    SOUNDING_BOARD = "klankbordgroep", _("Klankbordgroep")
    PRIVACY_OFFICER = "fg", _("Coördinerend functionaris gegevensbescherming")


class DocumentKind(models.TextChoices):
    ADVICE = "advies", _("Advies")
    REPORT = "rapport", _("Rapport")


class CommitteeDocument(models.Model):
    body = models.CharField(
        _("commissie"),
        max_length=40,
        choices=Body.choices,
        help_text=_("Wie het advies of rapport uitbracht."),
    )
    kind = models.CharField(
        _("soort"), max_length=16, choices=DocumentKind.choices, help_text=_("Advies of rapport.")
    )
    date = models.DateField(_("datum"), help_text=_("De datum van het document."))
    title = models.CharField(_("titel"), max_length=200, help_text=_("Titel van het document."))
    text = models.TextField(
        _("tekst"),
        help_text=_("De tekst (of samenvatting) van het advies of rapport; geen persoonsgegevens."),
    )
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        verbose_name=_("criteriaset"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_documents",
        help_text=_("De criteriaset waarover het gaat (of vul een periode in)."),
    )
    period_start = models.DateField(
        _("periode vanaf"),
        null=True,
        blank=True,
        help_text=_("Begin van de periode waarover het gaat."),
    )
    period_end = models.DateField(
        _("periode tot en met"), null=True, blank=True, help_text=_("Einde van die periode.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("document van een commissie")
        verbose_name_plural = _("documenten van commissies")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(criteria_set__isnull=False)
                | Q(period_start__isnull=False, period_end__isnull=False),
                name="committee_document_linked",
                violation_error_message=_(
                    "Koppel het document aan een criteriaset of een periode."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="committee_document_period_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
