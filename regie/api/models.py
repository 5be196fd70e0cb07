"""Machine clients of the partner API (DESIGN.md §10) and their bearer tokens.

An ``ApiClient`` is one partner system of one organisation. It acts through its own service
account (``user``: a ``User`` without a usable password, with the client's organisation and the
role ``partner``), so every call is limited by the same access policy as the web. Its ``scopes``
say which parts of the API it may use at all.

An ``ApiToken`` is a bearer secret of a client. Only a SHA-256 of the token is stored, with a short
visible ``prefix`` to find it; the token itself is shown once, when it is issued.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    NOMINATIONS_READ = "nominations:read", _("Voordrachten van de eigen organisatie lezen")
    NOMINATIONS_WRITE = "nominations:write", _("Voordrachten indienen en intrekken")
    ACTIONS_WRITE = "actions:write", _("Acties in casussen bijwerken")
    FACTS_WRITE = "facts:write", _("Geregistreerde feiten aanleveren")
    CRITERIA_READ = "criteria:read", _("Vastgestelde criteria lezen")


class ApiClient(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="api_clients",
        help_text=_("Namens deze organisatie handelt de client; haar toegang geldt."),
    )
    name = models.CharField(
        _("naam"), max_length=100, help_text=_("Naam van het systeem, bijv. 'BVH-koppeling'.")
    )
    scopes = models.JSONField(
        _("scopes"), default=list, help_text=_("Welke delen van de API de client mag gebruiken.")
    )
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("serviceaccount"),
        on_delete=models.PROTECT,
        related_name="api_client",
        help_text=_("Het account zonder wachtwoord waarmee de client handelt (api-<id>)."),
    )
    active = models.BooleanField(
        _("actief"), default=True, help_text=_("Een inactieve client wordt altijd geweigerd.")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(
        _("laatst gebruikt"),
        null=True,
        blank=True,
        help_text=_("Bijgewerkt bij gebruik, hoogstens eens per minuut."),
    )

    class Meta:
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="api_client_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_id})"

    def clean(self) -> None:
        scopes = self.scopes
        if (
            not isinstance(scopes, list)
            or not scopes
            or len(set(scopes)) != len(scopes)
            or not set(scopes) <= set(ApiScope.values)
        ):
            raise ValidationError(
                {"scopes": _("Kies een of meer bekende scopes, elk één keer.")}, code="scopes"
            )

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def live_tokens(self) -> list[ApiToken]:
        """The tokens that authenticate now (uses prefetched ``tokens`` when there)."""
        return [token for token in self.tokens.all() if token.is_live]


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        """Tokens that authenticate now: not revoked and not expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    client = models.ForeignKey(
        ApiClient, verbose_name=_("client"), on_delete=models.CASCADE, related_name="tokens"
    )
    prefix = models.CharField(
        _("kenmerk"),
        max_length=16,
        unique=True,
        help_text=_("Zichtbaar begin van het token, om het terug te vinden; geen geheim."),
    )
    token_hash = models.CharField(
        _("hash van het token"), max_length=64, help_text=_("SHA-256 van het volledige token.")
    )
    created_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: geldig tot het wordt ingetrokken."),
    )
    revoked_at = models.DateTimeField(
        _("ingetrokken op"), null=True, blank=True, help_text=_("Vanaf dit moment geweigerd.")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.prefix

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
