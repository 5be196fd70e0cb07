"""Outflow (uitstroom) with four eyes, the warm handover to a receiving organisation, and the
follow-up check "nog in beeld?" (DESIGN.md §6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutflowReason(models.TextChoices):
    GOALS_REACHED = "doelen_bereikt", _("Doelen bereikt / positieve verandering")
    NO_ADDED_VALUE = "geen_toegevoegde_waarde", _("Geen toegevoegde waarde")
    NOT_PROPORTIONAL = "niet_proportioneel", _("Niet meer proportioneel")
    LONG_SENTENCE = "exclusie_langgestraft", _("Exclusie: langgestraft")
    NO_LAWFUL_RESIDENCE = (
        "exclusie_geen_rechtmatig_verblijf",
        _("Exclusie: geen rechtmatig verblijf"),
    )
    MOVED = "verhuisd", _("Verhuisd buiten de regio")
    DECEASED = "overleden", _("Overleden")
    OTHER = "anders", _("Anders")


class OutflowStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    CONFIRMED = "bevestigd", _("Bevestigd")
    RETURNED = "teruggestuurd", _("Teruggestuurd")


class Outflow(models.Model):
    """Proposed by the case's regisseur through a review that decided on outflow; confirmed (or
    returned) by a triage chair or teamlead who is not the proposer."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), on_delete=models.PROTECT, related_name="outflows"
    )
    review = models.OneToOneField(
        "reviews.Review",
        verbose_name=_("toets"),
        on_delete=models.PROTECT,
        related_name="outflow",
        help_text=_("De toets waarin tot uitstroom is besloten."),
    )
    reason = models.CharField(
        _("reden van uitstroom"),
        max_length=40,
        choices=OutflowReason.choices,
        help_text=_("Eén reden uit de vaste lijst; bij 'anders' een toelichting."),
    )
    reason_text = models.TextField(
        _("toelichting op de reden"), blank=True, help_text=_("Verplicht bij 'anders'.")
    )
    care_needed = models.TextField(
        _("zorg die nog nodig is"),
        help_text=_("Het gezamenlijke oordeel welke zorg of ondersteuning nog nodig is."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OutflowStatus.choices,
        default=OutflowStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De voorzitter triage of teamleider die bevestigde of terugstuurde."),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    return_note = models.TextField(
        _("reden van terugsturen"), blank=True, help_text=_("Waarom het voorstel terug moet.")
    )
    outflow_date = models.DateField(
        _("uitstroomdatum"), null=True, blank=True, help_text=_("De dag van de bevestiging.")
    )
    follow_up_due = models.DateField(
        _("nacontrole op"),
        null=True,
        blank=True,
        help_text=_("Vanaf deze datum is de controle 'nog in beeld?' aan de orde."),
    )
    # Set together with the ``FollowUp`` (``follow_up_record``), never edited: the follow-ups
    # still to do are read from the index by this flag, and the outflows followed up in the
    # years before are never read again.
    follow_up_recorded = models.BooleanField(
        _("nacontrole vastgelegd"), default=False, db_default=False, editable=False
    )

    class Meta:
        verbose_name = _("uitstroom")
        verbose_name_plural = _("uitstromen")
        indexes = [
            # By status (proposals to decide), and the follow-ups still to do by due date.
            models.Index(
                fields=["status", "follow_up_recorded", "follow_up_due"], name="outflow_follow_up"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="outflow_four_eyes",
                violation_error_message=_("Wie de uitstroom voorstelt, kan die niet bevestigen."),
            ),
            models.CheckConstraint(
                condition=~Q(reason="anders") | ~Q(reason_text=""),
                name="outflow_other_has_text",
                violation_error_message=_("Licht de reden 'anders' toe."),
            ),
            models.CheckConstraint(
                condition=~Q(status="bevestigd")
                | Q(
                    decided_by__isnull=False,
                    outflow_date__isnull=False,
                    follow_up_due__isnull=False,
                ),
                name="outflow_confirmed_complete",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["voorgesteld", "bevestigd"]),
                name="outflow_one_per_case",
                violation_error_message=_("Voor deze casus loopt al een uitstroom."),
            ),
        ]

    def __str__(self) -> str:
        return f"uitstroom casus {self.case_id} ({self.status})"


class FollowUp(models.Model):
    """The answer to "nog in beeld?": is the person still in view of care or support some time
    after the outflow."""

    outflow = models.OneToOneField(
        Outflow, verbose_name=_("uitstroom"), on_delete=models.PROTECT, related_name="follow_up"
    )
    in_view = models.BooleanField(
        _("nog in beeld"),
        help_text=_("Is de persoon nog in beeld bij zorg of ondersteuning?"),
    )
    note = models.TextField(
        _("toelichting"), blank=True, help_text=_("Bij wie in beeld, of wat er is gedaan.")
    )
    checked_on = models.DateField(_("gecontroleerd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("nacontrole")
        verbose_name_plural = _("nacontroles")

    def __str__(self) -> str:
        return f"nacontrole uitstroom {self.outflow_id}"


class HandoverStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    DONE = "overgedragen", _("Overgedragen")
    CONFIRMED = "bevestigd", _("Bevestigd door ontvanger")


class Handover(models.Model):
    """A warm handover: who receives, who is the contact there, what is handed over and when.
    Only a user of the receiving organisation confirms receipt."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), on_delete=models.PROTECT, related_name="handovers"
    )
    outflow = models.ForeignKey(
        Outflow,
        verbose_name=_("uitstroom"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    receiving_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ontvangende organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De organisatie die de zorg of begeleiding overneemt."),
    )
    contact_name = models.CharField(
        _("contactpersoon"), max_length=200, help_text=_("Naam van de contactpersoon daar.")
    )
    contact_details = models.CharField(
        _("bereikbaar via"), max_length=200, help_text=_("Telefoonnummer of e-mailadres.")
    )
    what = models.TextField(
        _("wat wordt overgedragen"),
        help_text=_("Welke zorg, afspraken en informatie de ontvanger overneemt."),
    )
    handover_date = models.DateField(
        _("datum van overdracht"), help_text=_("Wanneer de overdracht plaatsvindt.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.PLANNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    handed_over_on = models.DateField(
        _("overgedragen op"), null=True, blank=True, help_text=_("De dag van de overdracht.")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Medewerker van de ontvangende organisatie."),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        indexes = [
            models.Index(fields=["receiving_organisation", "status"], name="handover_receiver"),
            models.Index(fields=["status", "handover_date"], name="handover_status_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="bevestigd")
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="handover_confirmed_has_confirmer",
            ),
            models.CheckConstraint(
                condition=Q(status="gepland") | Q(handed_over_on__isnull=False),
                name="handover_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"overdracht {self.pk} (casus {self.case_id})"
