"""Nominations (voordrachten): a partner's proposal to include a person (DESIGN.md §3–4).

Life: concept → ingediend → in triage → besloten (toegelaten | afgewezen); ingetrokken from
concept, ingediend or in triage. The nominating partner sees status and outcome, never the
assessment (that lives in ``regie.triage``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.domain import LifeDomain, TargetGroup


class NominationStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ingediend")
    IN_TRIAGE = "in_triage", _("In triage")
    DECIDED = "besloten", _("Besloten")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class NominationOutcome(models.TextChoices):
    ADMITTED = "toegelaten", _("Toegelaten")
    DECLINED = "afgewezen", _("Afgewezen")


class Urgency(models.TextChoices):
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Hoog")
    ACUTE = "acuut", _("Acuut")


class Nomination(models.Model):
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        related_name="nominations",
        help_text=_("De voorgedragen persoon."),
    )
    nominating_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("voordragende organisatie"),
        on_delete=models.PROTECT,
        related_name="nominations",
        help_text=_("Alleen deze organisatie ziet de status en de uitkomst van de voordracht."),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgedragen door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De medewerker die de voordracht heeft aangemaakt."),
    )
    proposed_target_group = models.CharField(
        _("voorgestelde doelgroep"),
        max_length=16,
        choices=TargetGroup.choices,
        blank=True,
        help_text=_("Verplicht bij indienen; een concept mag nog zonder."),
    )
    reasons = models.TextField(
        _("redenen"), blank=True, help_text=_("Waarom persoonsgerichte regie nodig is.")
    )
    urgency = models.CharField(
        _("urgentie"),
        max_length=8,
        choices=Urgency.choices,
        default=Urgency.NORMAL,
        help_text=_("Hoe snel triage nodig is volgens de voordragende partner."),
    )
    tried_already = models.TextField(
        _("al geprobeerd"), blank=True, help_text=_("Welke hulp of aanpak al is ingezet.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.CONCEPT,
        db_index=True,
        help_text=_("Concept, ingediend, in triage, besloten of ingetrokken."),
    )
    outcome = models.CharField(
        _("uitkomst"),
        max_length=12,
        choices=NominationOutcome.choices,
        blank=True,
        help_text=_("Na het besluit: toegelaten of afgewezen. De partner ziet alleen dit."),
    )
    previous_case_id = models.BigIntegerField(
        _("eerdere casus"),
        null=True,
        blank=True,
        help_text=_("Bij herinstroom: de casus waaruit de persoon eerder is uitgestroomd."),
    )
    created_at = models.DateTimeField(
        _("aangemaakt op"), auto_now_add=True, help_text=_("Moment waarop het concept ontstond.")
    )
    submitted_at = models.DateTimeField(
        _("ingediend op"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Vanaf dit moment telt de wachttijd voor triage."),
    )
    decided_at = models.DateTimeField(
        _("besloten op"), null=True, blank=True, help_text=_("Moment van het bevestigde besluit.")
    )
    withdrawn_at = models.DateTimeField(
        _("ingetrokken op"),
        null=True,
        blank=True,
        help_text=_("Moment waarop de voordragende partner de voordracht introk."),
    )

    class Meta:
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="nomination_queue"),
            models.Index(fields=["nominating_organisation", "status"], name="nomination_org"),
            # "My nominations" and the partner API list an organisation's nominations newest
            # first: without this index every page sorted all of them (benchmark, national).
            models.Index(
                fields=["nominating_organisation", "-created_at", "-id"],
                name="nomination_org_newest",
            ),
        ]

    def __str__(self) -> str:
        return f"voordracht {self.pk}"


class NominationConcern(models.Model):
    """A concern on one life domain, as the nominating partner sees it."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="concerns",
        verbose_name=_("voordracht"),
        help_text=_("De voordracht waarbij deze zorg hoort."),
    )
    domain = models.CharField(
        _("leefgebied"),
        max_length=32,
        choices=LifeDomain.choices,
        help_text=_("Een van de 11 leefgebieden van de Zelfredzaamheid-Matrix."),
    )
    description = models.TextField(_("zorg"), help_text=_("Wat de partner ziet op dit leefgebied."))

    class Meta:
        verbose_name = _("zorg per leefgebied")
        verbose_name_plural = _("zorgen per leefgebied")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "domain"], name="concern_once_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}:{self.domain}"
