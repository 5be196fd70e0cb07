"""Research projects and the exports made for them (DESIGN.md §9, docs/research.md).

A ``ResearchProject`` is an approved external effect measurement (in the WODC style). It holds
the random HMAC key under which its exports pseudonymise persons: the key stays in this table,
is not shown by ``str``/``repr`` and is written into no export, page or log. Whoever holds the key
and a person id can recompute that person's pseudonym, so it never leaves the database.
``ResearchExport`` records every export made for a project (what period, which k, how many rows).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.monitor.kanon import MIN_KEY_BYTES


def validate_project_name(value: str) -> None:
    if not value.strip():
        raise ValidationError(_("Geef het project een naam."), code="blank")
    if any(ch < " " for ch in value):
        raise ValidationError(
            _("Een projectnaam bevat geen stuurtekens (zoals tab of regeleinde)."), code="control"
        )


class ResearchProject(models.Model):
    name = models.CharField(
        _("naam"),
        max_length=100,
        unique=True,
        validators=[validate_project_name],
        help_text=_("Korte, unieke naam van het onderzoek, bijvoorbeeld 'WODC-effectmeting-2027'."),
    )
    purpose = models.TextField(
        _("doel"), help_text=_("Welke onderzoeksvraag de export dient (doelbinding).")
    )
    legal_basis = models.CharField(
        _("grondslag"),
        max_length=200,
        help_text=_("De wettelijke grondslag voor de verstrekking, bijvoorbeeld art. 24 UAVG."),
    )
    approval_reference = models.CharField(
        _("kenmerk goedkeuring"),
        max_length=100,
        help_text=_("Kenmerk van het besluit of de DPIA waarmee het onderzoek is goedgekeurd."),
    )
    approved_by = models.CharField(
        _("goedgekeurd door"),
        max_length=200,
        help_text=_("Wie het onderzoek heeft goedgekeurd (orgaan of functie, geen persoonsnaam)."),
    )
    ends_on = models.DateField(
        _("goedgekeurd tot"),
        null=True,
        blank=True,
        help_text=_("Na deze datum weigert Regie nieuwe exports voor dit project."),
    )
    key = models.BinaryField(
        _("pseudonimiseringssleutel"),
        editable=False,
        help_text=_("Geheime HMAC-sleutel van dit project; verlaat de database nooit."),
    )
    created_at = models.DateTimeField(
        _("geregistreerd op"), auto_now_add=True, help_text=_("Moment van registratie in Regie.")
    )

    class Meta:
        verbose_name = _("onderzoeksproject")
        verbose_name_plural = _("onderzoeksprojecten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        # Django's default repr uses str(); spelled out so that no future change lets the key in.
        return f"<ResearchProject {self.pk}: {self.name}>"

    def clean(self) -> None:
        if self.key is not None and len(bytes(self.key)) < MIN_KEY_BYTES:
            raise ValidationError(_("De projectsleutel is te kort."))


class ResearchExport(models.Model):
    """One export made for a research project: the period, k and the counts, never the rows."""

    project = models.ForeignKey(
        ResearchProject,
        verbose_name=_("onderzoeksproject"),
        on_delete=models.PROTECT,
        related_name="exports",
        help_text=_("Het project waarvoor de export is gemaakt."),
    )
    made_at = models.DateTimeField(
        _("gemaakt op"), auto_now_add=True, help_text=_("Moment waarop de export is gemaakt.")
    )
    period_from = models.DateField(_("periode van"), help_text=_("Eerste dag van voordracht."))
    period_to = models.DateField(
        _("periode tot en met"), help_text=_("Laatste dag van voordracht.")
    )
    k = models.PositiveSmallIntegerField(
        _("k"), help_text=_("Elke combinatie van quasi-identificatoren komt minstens k keer voor.")
    )
    rows_exported = models.PositiveIntegerField(
        _("rijen geëxporteerd"), help_text=_("Aantal rijen in data.csv.")
    )
    rows_suppressed = models.PositiveIntegerField(
        _("rijen onderdrukt"),
        help_text=_("Rijen weggelaten omdat ze niet k-anoniem te maken waren."),
    )
    generalisation = models.JSONField(
        _("generalisatie"),
        default=dict,
        help_text=_("Gekozen niveau per quasi-identificator (periode, gemeente, leeftijd)."),
    )

    class Meta:
        verbose_name = _("onderzoeksexport")
        verbose_name_plural = _("onderzoeksexports")
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.project_id})"
