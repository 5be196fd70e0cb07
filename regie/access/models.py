"""Break-glass grants: time-limited access outside one's scope, with a written reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Akkoord")
    QUESTIONED = "questioned", _("Vraag gesteld")


class BreakGlassGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="break_glass_grants",
    )
    resource = models.CharField(_("soort gegeven"), max_length=32)
    object_id = models.CharField(_("object"), max_length=64)
    reason = models.TextField(
        _("reden"), help_text=_("Waarom toegang buiten de eigen casussen nodig is.")
    )
    granted_at = models.DateTimeField(_("verleend op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_outcome = models.CharField(
        _("beoordeling"), max_length=16, choices=ReviewOutcome.choices, blank=True
    )
    review_note = models.TextField(_("toelichting beoordeling"), blank=True)

    class Meta:
        verbose_name = _("doorbraak (break-glass)")
        verbose_name_plural = _("doorbraken (break-glass)")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "resource", "expires_at"], name="bg_active")]

    def __str__(self) -> str:
        return f"{self.resource}:{self.object_id} ({self.user_id})"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()
