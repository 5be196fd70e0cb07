"""What a request changes: rectifications (with the old value kept), restrictions of
processing, and the notifications to participating organisations (GDPR art. 16, 18, 19)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The identity fields a person may have corrected here. Registered facts are corrected at
# their source and re-imported (the source is leading; docs/intake.md).
RECTIFIABLE_FIELDS = {
    "first_name": _("voornaam"),
    "name_prefix": _("tussenvoegsel"),
    "last_name": _("achternaam"),
    "date_of_birth": _("geboortedatum"),
    "gender": _("geslacht"),
    "municipality": _("woongemeente"),
    "district": _("stadsdeel"),
    "bsn": _("BSN"),
}


class Rectification(models.Model):
    """One corrected field of a person: the old and the new value and why."""

    request = models.ForeignKey(
        "rights.SubjectRequest",
        verbose_name=_("verzoek"),
        on_delete=models.PROTECT,
        related_name="rectifications",
        help_text=_("Het rectificatieverzoek waarop de correctie berust."),
    )
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="rectifications",
        help_text=_("De persoon van wie een gegeven is gecorrigeerd."),
    )
    field = models.CharField(
        _("gegeven"),
        max_length=32,
        choices=list(RECTIFIABLE_FIELDS.items()),
        help_text=_("Welk gegeven is gecorrigeerd."),
    )
    old_value = models.CharField(
        _("oude waarde"), max_length=200, blank=True, help_text=_("De waarde vóór de correctie.")
    )
    new_value = models.CharField(
        _("nieuwe waarde"), max_length=200, blank=True, help_text=_("De gecorrigeerde waarde.")
    )
    ground = models.TextField(
        _("onderbouwing"), help_text=_("Waarom de oude waarde onjuist was (bron, bewijs).")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecorrigeerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("gecorrigeerd op"))

    class Meta:
        verbose_name = _("rectificatie")
        verbose_name_plural = _("rectificaties")
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"rectificatie {self.pk} ({self.field})"

    @property
    def field_label(self) -> str:
        return str(RECTIFIABLE_FIELDS.get(self.field, self.field))


class ProcessingRestriction(models.Model):
    """While active (not lifted), the person's data may only be stored: the access policy
    refuses every page, export and change (``regie.access.policy.ProcessingRestricted``)."""

    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="restrictions",
        help_text=_("De persoon wiens gegevens alleen nog worden bewaard."),
    )
    request = models.ForeignKey(
        "rights.SubjectRequest",
        verbose_name=_("verzoek"),
        on_delete=models.PROTECT,
        related_name="restrictions",
        help_text=_("Het verzoek waarop de beperking berust."),
    )
    ground = models.TextField(
        _("grond"), help_text=_("Waarom de verwerking is beperkt (AVG art. 18 lid 1 sub a–d).")
    )
    started_at = models.DateTimeField(_("beperkt sinds"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeheven door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lift_ground = models.TextField(
        _("grond voor opheffen"),
        blank=True,
        help_text=_("Waarom de beperking eindigt; de betrokkene wordt vooraf geïnformeerd."),
    )

    class Meta:
        verbose_name = _("beperking van de verwerking")
        verbose_name_plural = _("beperkingen van de verwerking")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(lifted_at__isnull=True),
                name="restriction_one_active_per_person",
                violation_error_message=_("De verwerking van deze persoon is al beperkt."),
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | ~Q(lift_ground=""),
                name="restriction_lift_has_ground",
                violation_error_message=_("Geef de grond voor het opheffen van de beperking."),
            ),
        ]

    def __str__(self) -> str:
        return f"beperking {self.pk} (persoon {self.person_id})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class NotificationKind(models.TextChoices):
    RECTIFICATION = "rectificatie", _("Gegevens gerectificeerd")
    RESTRICTION = "beperking", _("Verwerking beperkt")
    RESTRICTION_LIFTED = "beperking_opgeheven", _("Beperking opgeheven")
    ERASURE = "wissing", _("Gegevens gewist")


class Notification(models.Model):
    """A message to one participating organisation that it must follow a change in its own
    records (GDPR art. 19). It never names the person: the person is shown only to users who
    may see them."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="rights_notifications",
        help_text=_("De deelnemende organisatie die de melding krijgt."),
    )
    kind = models.CharField(_("soort melding"), max_length=24, choices=NotificationKind.choices)
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg na wissing."),
    )
    rectification = models.ForeignKey(
        Rectification,
        verbose_name=_("rectificatie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    reference = models.CharField(
        _("kenmerk"),
        max_length=200,
        blank=True,
        help_text=_("Nummers van voordracht of casus, zodat de organisatie het dossier vindt."),
    )
    created_at = models.DateTimeField(_("gemeld op"))
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelezen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("melding aan deelnemer")
        verbose_name_plural = _("meldingen aan deelnemers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "read_at"], name="notification_org")]

    def __str__(self) -> str:
        return f"melding {self.pk} ({self.kind})"
