"""What was deleted and why: deletion batches (an erasure or a retention run), the tombstones
they leave, and extensions of a retention term (DESIGN.md §7).

A tombstone holds no personal data: the kind and internal id of the deleted record, its dates,
the ground and the batch. Audit events are never deleted here: they hold only ids and form the
hash chain (docs/rights.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchKind(models.TextChoices):
    ERASURE = "wissing", _("Wissing op verzoek")
    RETENTION = "bewaartermijn", _("Bewaartermijn verstreken")


class DeletionBatch(models.Model):
    kind = models.CharField(_("soort"), max_length=16, choices=BatchKind.choices)
    started_at = models.DateTimeField(_("gestart op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg voor de geplande taak (cron)."),
    )
    dry_run = models.BooleanField(
        _("proefdraai"), default=False, help_text=_("Alleen getoond wat zou vervallen.")
    )
    request = models.ForeignKey(
        "rights.SubjectRequest",
        verbose_name=_("verzoek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bij wissing: het toegewezen verzoek."),
    )
    counts = models.JSONField(
        _("aantallen"), default=dict, blank=True, help_text=_("Aantal per soort gegeven.")
    )

    class Meta:
        verbose_name = _("verwijderronde")
        verbose_name_plural = _("verwijderrondes")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"ronde {self.pk} ({self.kind})"

    @property
    def total(self) -> int:
        return sum(int(n) for n in self.counts.values())


class Tombstone(models.Model):
    batch = models.ForeignKey(
        DeletionBatch,
        verbose_name=_("ronde"),
        on_delete=models.PROTECT,
        related_name="tombstones",
    )
    kind = models.CharField(
        _("soort gegeven"), max_length=40, help_text=_("Bijvoorbeeld 'persoon' of 'voordracht'.")
    )
    record_id = models.BigIntegerField(_("intern nummer"))
    record_date = models.DateField(
        _("ontstaan op"), null=True, blank=True, help_text=_("Wanneer het gegeven ontstond.")
    )
    trigger_date = models.DateField(
        _("begin termijn"),
        null=True,
        blank=True,
        help_text=_("De datum vanaf waar de bewaartermijn liep (bijv. het besluit)."),
    )
    deleted_at = models.DateTimeField(_("verwijderd op"))
    ground = models.CharField(
        _("grond"), max_length=300, help_text=_("Waarom het gegeven is verwijderd.")
    )
    detail = models.JSONField(
        _("mee verwijderd"),
        default=dict,
        blank=True,
        help_text=_("Aantallen onderliggende gegevens die mee zijn verwijderd."),
    )

    class Meta:
        verbose_name = _("grafsteen")
        verbose_name_plural = _("grafstenen")
        ordering = ["-deleted_at", "pk"]
        indexes = [models.Index(fields=["kind", "record_id"], name="tombstone_record")]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}"


class RetentionExtension(models.Model):
    """Keeping one record past its term, with a justification and an end date."""

    kind = models.CharField(_("soort gegeven"), max_length=40)
    record_id = models.BigIntegerField(_("intern nummer"))
    justification = models.TextField(
        _("rechtvaardiging"), help_text=_("Waarom het gegeven langer nodig is.")
    )
    until = models.DateField(
        _("verlengd tot en met"), help_text=_("Tot deze datum blijft het gegeven bewaard.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("verlenging bewaartermijn")
        verbose_name_plural = _("verlengingen bewaartermijn")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "record_id", "until"], name="extension_record")]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} tot {self.until}"
