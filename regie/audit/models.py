"""The append-only, hash-chained audit log (DESIGN.md §8).

``AuditEvent`` rows describe one access or change each:

- *actor*: the user who acted (``actor_id``), with their organisation and the role(s) they acted
  in at that moment. Empty for events without a logged-in user (a failed login).
- *subject*: what was touched, as ``object_type`` + ``object_id`` and, where the object concerns
  a regiepersoon, ``person_id``. Only internal ids: never names, BSNs or free text, so erasure of
  a person never has to touch (and so never breaks) the chain.
- *detail*: a small JSON object with non-personal context (which view, which fields, a filter).

Every row carries ``seq`` (1, 2, 3 …), ``prev_hash`` (the ``hash`` of row ``seq - 1``) and
``hash`` = SHA-256 over the canonical serialisation of the row (``regie.audit.chain``). Database
triggers refuse UPDATE and DELETE; ``regie audit verify`` recomputes the chain.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Ingelogd")
    LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
    LOGOUT = "logout", _("Uitgelogd")
    MFA_FAILED = "mfa_failed", _("Tweede factor onjuist")
    SESSION_EXPIRED = "session_expired", _("Sessie verlopen")
    VIEW = "view", _("Bekeken")
    SEARCH = "search", _("Gezocht")
    EXPORT = "export", _("Geëxporteerd")
    CREATE = "create", _("Aangemaakt")
    CHANGE = "change", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    ACCESS_DENIED = "access_denied", _("Toegang geweigerd")
    BREAK_GLASS = "break_glass", _("Doorbraak (break-glass)")
    USER_DEACTIVATED = "user_deactivated", _("Gebruiker gedeactiveerd")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("Gelukt")
    DENIED = "denied", _("Geweigerd")
    FAILED = "failed", _("Mislukt")


class AuditEvent(models.Model):
    seq = models.BigIntegerField(
        _("volgnummer"), unique=True, help_text=_("Plaats in de keten: 1, 2, 3 … zonder gaten.")
    )
    prev_hash = models.CharField(
        _("vorige hash"), max_length=64, help_text=_("De hash van de gebeurtenis ervoor.")
    )
    hash = models.CharField(
        _("hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 over de vaste weergave van deze gebeurtenis, inclusief vorige hash."),
    )
    occurred_at = models.DateTimeField(
        _("tijdstip (UTC)"), db_index=True, help_text=_("Wanneer het gebeurde, in UTC.")
    )
    actor_id = models.BigIntegerField(
        _("gebruiker"),
        null=True,
        blank=True,
        help_text=_(
            "Intern nummer van de medewerker die handelde; leeg zonder ingelogde gebruiker."
        ),
    )
    organisation_id = models.BigIntegerField(
        _("organisatie"),
        null=True,
        blank=True,
        help_text=_("Intern nummer van de organisatie van de medewerker op dat moment."),
    )
    role = models.CharField(
        _("rol"),
        max_length=200,
        blank=True,
        help_text=_("De rol(len) waarin de medewerker handelde, kommagescheiden."),
    )
    action = models.CharField(
        _("handeling"),
        max_length=32,
        choices=AuditAction.choices,
        help_text=_("Wat er gebeurde: inzien, zoeken, exporteren, wijzigen, inloggen …"),
    )
    object_type = models.CharField(
        _("soort object"),
        max_length=64,
        blank=True,
        help_text=_("Soort gegevens of pagina, bijvoorbeeld 'person', 'case' of 'page'."),
    )
    object_id = models.CharField(
        _("object"),
        max_length=64,
        blank=True,
        help_text=_("Intern nummer of naam van het object of de pagina; nooit persoonsgegevens."),
    )
    person_id = models.BigIntegerField(
        _("persoon"),
        null=True,
        blank=True,
        help_text=_("Intern nummer van de regiepersoon om wie het gaat, als dat zo is."),
    )
    purpose = models.CharField(
        _("doel / grondslag"),
        max_length=200,
        blank=True,
        help_text=_("Waarvoor de gegevens werden gebruikt (doel of wettelijke grondslag)."),
    )
    outcome = models.CharField(
        _("uitkomst"),
        max_length=16,
        choices=AuditOutcome.choices,
        help_text=_("Gelukt, geweigerd of mislukt."),
    )
    client_ip = models.GenericIPAddressField(
        _("adres"), null=True, blank=True, help_text=_("IP-adres van waaraf werd gehandeld.")
    )
    detail = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_(
            "Kleine toelichting zonder persoonsgegevens: welke weergave, welke velden, welk filter."
        ),
    )

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["person_id", "occurred_at"], name="audit_person_time"),
            models.Index(fields=["actor_id", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditHead(models.Model):
    """The last link of the chain: one row, locked by every writer so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(
        _("volgnummer"), default=0, help_text=_("Volgnummer van de laatste gebeurtenis.")
    )
    hash = models.CharField(
        _("hash"),
        max_length=64,
        default="0" * 64,
        help_text=_("Hash van de laatste gebeurtenis (64 nullen voor een lege keten)."),
    )

    class Meta:
        verbose_name = _("kop van de auditketen")
        verbose_name_plural = _("kop van de auditketen")

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"
