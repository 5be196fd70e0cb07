"""Criteria sets: the admission criteria per target group as versioned data (DESIGN.md §4, §7).

A ``CriteriaSet`` is one version of the rules for one target group. Its ``document`` is the
whole checked YAML/JSON file (``schema.json``; docs/criteria.md). Only an adopted
(``vastgesteld``) set in its effective period applies; until one exists, the latest
non-adopted set may be evaluated, and every output then says "concept".
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.domain import TargetGroup
from regie.criteria.document import check_document


class CriteriaStatus(models.TextChoices):
    """Governance of a set (DESIGN.md §3): concept → voorgelegd → advies ontvangen →
    vastgesteld (effective from) → vervallen."""

    CONCEPT = "concept", _("Concept")
    PROPOSED = "voorgelegd", _("Voorgelegd")
    ADVICE_RECEIVED = "advies_ontvangen", _("Advies ontvangen")
    ADOPTED = "vastgesteld", _("Vastgesteld")
    EXPIRED = "vervallen", _("Vervallen")


class CriteriaSet(models.Model):
    target_group = models.CharField(
        _("doelgroep"),
        max_length=16,
        choices=TargetGroup.choices,
        help_text=_("De doelgroep waarvoor deze criteria gelden."),
    )
    version = models.PositiveIntegerField(
        _("versie"),
        help_text=_("Versienummer, uniek per doelgroep; een wijziging is een nieuwe versie."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CriteriaStatus.choices,
        default=CriteriaStatus.CONCEPT,
        help_text=_("Alleen een vastgestelde set in haar geldigheidsperiode is van toepassing."),
    )
    effective_from = models.DateField(
        _("geldig vanaf"),
        null=True,
        blank=True,
        help_text=_("Eerste dag waarop de vastgestelde set geldt."),
    )
    effective_until = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Laatste dag waarop de set geldt; leeg: tot een nieuwe versie haar vervangt."),
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Naam van de set."))
    note = models.CharField(
        _("toelichting op de status"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'concept — na advies rechtmatigheidsadviescommissie'."),
    )
    document = models.JSONField(
        _("regels"),
        help_text=_("Het gecontroleerde criteriadocument (harde, exclusie- en noodzaakregels)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("criteriaset")
        verbose_name_plural = _("criteriasets")
        ordering = ["target_group", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_group", "version"], name="criteriaset_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="criteriaset_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status=CriteriaStatus.ADOPTED) | Q(effective_from__isnull=False),
                name="criteriaset_adopted_has_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_group_display()} v{self.version} ({self.get_status_display()})"

    @property
    def adopted(self) -> bool:
        return self.status == CriteriaStatus.ADOPTED

    @property
    def document_sha256(self) -> str:
        """Fingerprint of the rules, frozen into every evaluation snapshot."""
        canonical = json.dumps(self.document, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def clean(self) -> None:
        problems = check_document(self.document)
        if problems:
            raise ValidationError(
                {"document": [f"{p.where}: {p.message}" for p in problems]}, code="invalid"
            )
        if (self.document["target_group"], self.document["version"]) != (
            self.target_group,
            self.version,
        ):
            raise ValidationError(
                _("Doelgroep en versie in het document wijken af van die van de set."),
                code="mismatch",
            )
