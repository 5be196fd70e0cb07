"""The work around the plan: case conferences with their agreements, and the journal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseConference(models.Model):
    """A casusoverleg: partners meeting on one case. Agreements made there can become actions."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), on_delete=models.CASCADE, related_name="conferences"
    )
    held_on = models.DateField(_("datum"), help_text=_("Wanneer het overleg plaatsvond."))
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("deelnemende organisaties"),
        related_name="+",
        blank=True,
        help_text=_("Welke organisaties aan tafel zaten."),
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanwezige medewerkers"),
        related_name="+",
        blank=True,
        help_text=_("Welke medewerkers met een account aanwezig waren."),
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("De onderwerpen van het overleg.")
    )
    minutes = models.TextField(
        _("verslag"), blank=True, help_text=_("Wat er besproken is: feitelijk en beknopt.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"overleg {self.pk}"


class Agreement(models.Model):
    """An afspraak made in a case conference; ``action`` is set once it has become one."""

    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("casusoverleg"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    description = models.TextField(_("afspraak"), help_text=_("Wat er is afgesproken."))
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("verantwoordelijke organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie de afspraak uitvoert."),
    )
    due_date = models.DateField(
        _("uiterlijk op"), help_text=_("Wanneer de afspraak is uitgevoerd.")
    )
    action = models.OneToOneField(
        "cases.Action",
        verbose_name=_("actie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement",
        help_text=_("De actie in het plan die uit deze afspraak is gemaakt."),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"afspraak {self.pk}"


class Visibility(models.TextChoices):
    ALL_PARTICIPANTS = "alle_deelnemers", _("Alle deelnemers")
    REGISSEUR_ONLY = "alleen_regisseur", _("Alleen de regisseur")
    OWN_ORGANISATION = "eigen_organisatie", _("Alleen mijn eigen organisatie")


class JournalEntry(models.Model):
    """One journal entry. Who may read it is decided in one place:
    ``regie.cases.selectors.journal_entries``."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), on_delete=models.CASCADE, related_name="journal"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie van de auteur"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Vastgelegd bij het schrijven; bepaalt 'alleen mijn eigen organisatie'."),
    )
    text = models.TextField(_("tekst"), help_text=_("Feitelijk, beknopt en nodig voor de regie."))
    visibility = models.CharField(
        _("zichtbaar voor"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.ALL_PARTICIPANTS,
        help_text=_("Alle deelnemers; alleen de regisseur (en u); of alleen uw eigen organisatie."),
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("journaalregel")
        verbose_name_plural = _("journaal")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["case", "created_at"], name="journal_case_time")]

    def __str__(self) -> str:
        return f"journaal {self.pk}"
