"""Subject requests (verzoeken betrokkene) through the one contact point, and the access
exports (inzage) they produce (DESIGN.md §7; GDPR art. 12, 15–18, 21).

A request is received on a date; its deadline is one month later and can be extended once by
two further months, with a notice to the requester (date and text) given within the first
month. It is closed (afgehandeld) or refused (afgewezen) with an outcome and a legal ground.
Erasure of the person keeps the request (for accountability) without the person and without
the requester's name and free text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Inzage")
    RECTIFICATION = "rectification", _("Rectificatie")
    OBJECTION = "objection", _("Bezwaar")
    RESTRICTION = "restriction", _("Beperking van de verwerking")
    ERASURE = "erasure", _("Wissing")


class RequesterKind(models.TextChoices):
    PERSON = "betrokkene", _("De persoon zelf")
    PARENT = "ouder", _("Ouder of voogd van de minderjarige persoon")


class RequestStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    EXTENDED = "verlengd", _("Verlengd")
    DONE = "afgehandeld", _("Afgehandeld")
    REFUSED = "afgewezen", _("Afgewezen")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.EXTENDED)
CLOSED_STATUSES = (RequestStatus.DONE, RequestStatus.REFUSED)


class SubjectRequest(models.Model):
    kind = models.CharField(
        _("soort verzoek"),
        max_length=16,
        choices=RequestKind.choices,
        help_text=_("Inzage, rectificatie, bezwaar, beperking of wissing."),
    )
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subject_requests",
        help_text=_("Over wiens gegevens het verzoek gaat; leeg na wissing."),
    )
    person_ref = models.BigIntegerField(
        _("intern persoonsnummer"),
        help_text=_("Het interne nummer van de persoon; blijft na wissing bewaard."),
    )
    requester_kind = models.CharField(
        _("verzoeker"),
        max_length=16,
        choices=RequesterKind.choices,
        default=RequesterKind.PERSON,
        help_text=_("De persoon zelf, of een ouder of voogd van een minderjarige."),
    )
    requester_name = models.CharField(
        _("naam ouder of voogd"),
        max_length=200,
        blank=True,
        help_text=_("Verplicht als een ouder of voogd het verzoek doet."),
    )
    description = models.TextField(
        _("wat wordt gevraagd"),
        blank=True,
        help_text=_("Het verzoek in eigen woorden, bijvoorbeeld welk gegeven onjuist is."),
    )
    received_on = models.DateField(
        _("ontvangen op"), help_text=_("De datum waarop het contactpunt het verzoek ontving.")
    )
    deadline = models.DateField(
        _("uiterste datum"),
        help_text=_("Eén maand na ontvangst; na verlenging drie maanden na ontvangst."),
    )
    extension_notice_on = models.DateField(
        _("verlenging gemeld op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de verzoeker over de verlenging is geïnformeerd."),
    )
    extension_notice_text = models.TextField(
        _("bericht over de verlenging"),
        blank=True,
        help_text=_("Wat de verzoeker is gemeld, met de redenen voor de vertraging."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
        db_index=True,
        help_text=_("Ontvangen, in behandeling, verlengd, afgehandeld of afgewezen."),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De medewerker van de FG die het verzoek behandelt."),
    )
    outcome = models.TextField(
        _("uitkomst"),
        blank=True,
        help_text=_("Wat met het verzoek is gedaan; verplicht bij afhandelen of afwijzen."),
    )
    legal_ground = models.CharField(
        _("juridische grondslag"),
        max_length=300,
        blank=True,
        help_text=_(
            "Bijvoorbeeld 'AVG art. 15' of 'AVG art. 17 lid 3 sub b'; verplicht bij sluiten."
        ),
    )
    closed_on = models.DateField(
        _("gesloten op"), null=True, blank=True, help_text=_("Datum van afhandelen of afwijzen.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie het verzoek bij het contactpunt registreerde."),
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek betrokkene")
        verbose_name_plural = _("verzoeken betrokkenen")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="request_status_deadline")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES)
                | (~Q(outcome="") & ~Q(legal_ground="") & Q(closed_on__isnull=False)),
                name="request_closed_has_outcome_and_ground",
                violation_error_message=_("Een gesloten verzoek heeft een uitkomst en grondslag."),
            ),
            models.CheckConstraint(
                condition=Q(extension_notice_on__isnull=True) | ~Q(extension_notice_text=""),
                name="request_extension_has_notice",
                violation_error_message=_("Een verlenging heeft een bericht aan de verzoeker."),
            ),
        ]

    def __str__(self) -> str:
        return f"verzoek {self.pk} ({self.kind})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_extended(self) -> bool:
        return self.extension_notice_on is not None

    @property
    def closed_in_time(self) -> bool | None:
        """Whether it was closed on or before its deadline (None while open)."""
        return None if self.closed_on is None else self.closed_on <= self.deadline


class AccessExport(models.Model):
    """One generated access export (inzage): the PDF and JSON exactly as handed over, and what
    was withheld on which ground."""

    request = models.ForeignKey(
        SubjectRequest,
        verbose_name=_("verzoek"),
        on_delete=models.CASCADE,
        related_name="exports",
        help_text=_("Het inzageverzoek waarvoor de export is gemaakt."),
    )
    generated_at = models.DateTimeField(_("gemaakt op"), help_text=_("Moment van maken."))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De FG-medewerker die besliste wat werd ingehouden."),
    )
    withheld = models.JSONField(
        _("ingehouden"),
        default=list,
        blank=True,
        help_text=_("Per ingehouden onderdeel: welk onderdeel en op welke grond."),
    )
    pdf = models.BinaryField(_("pdf"), editable=False, help_text=_("De PDF voor de persoon."))
    data = models.JSONField(_("gegevens (JSON)"), help_text=_("Dezelfde inhoud, machineleesbaar."))

    class Meta:
        verbose_name = _("inzage-export")
        verbose_name_plural = _("inzage-exports")
        ordering = ["-generated_at"]

    def __str__(self) -> str:
        return f"inzage {self.pk} (verzoek {self.request_id})"
