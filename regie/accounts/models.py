"""Organisations, users and their roles (DESIGN.md §1).

A user belongs to exactly one organisation and may hold several roles. A role never widens what
an organisation may see: the access policy (``regie.access.policy``) combines both.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    POLITIE = "politie", _("Politie")
    GEMEENTE = "gemeente", _("Gemeente")
    STADSDEEL = "stadsdeel", _("Stadsdeel")
    PI = "pi", _("Penitentiaire inrichting (PI)")
    FORENSISCHE_ZORG = "forensische_zorg", _("Forensische (verslavings)zorg")
    RECLASSERING = "reclassering", _("Reclassering")
    OM = "om", _("Openbaar Ministerie")
    JEUGDBESCHERMING = "jeugdbescherming", _("Jeugdbescherming")
    ACVZ = "acvz", _("Actiecentrum Veiligheid en Zorg (AcVZ)")
    OVERIG = "overig", _("Overig")


class Municipality(models.TextChoices):
    """The municipalities of the Amsterdam-Amstelland region, plus 'outside the region'."""

    AMSTERDAM = "amsterdam", "Amsterdam"
    AMSTELVEEN = "amstelveen", "Amstelveen"
    AALSMEER = "aalsmeer", "Aalsmeer"
    DIEMEN = "diemen", "Diemen"
    OUDER_AMSTEL = "ouder_amstel", "Ouder-Amstel"
    UITHOORN = "uithoorn", "Uithoorn"
    BUITEN_REGIO = "buiten_regio", _("Buiten de regio")


class Role(models.TextChoices):
    PARTNER = "partner", _("Partnermedewerker")
    TRIAGE = "triage", _("Triagist")
    TRIAGE_CHAIR = "triage_chair", _("Voorzitter triage")
    REGISSEUR = "regisseur", _("Regisseur")
    TEAMLEAD = "teamlead", _("Teamleider")
    PRIVACY_OFFICER = "privacy_officer", _("Functionaris gegevensbescherming")
    OVERSIGHT = "oversight", _("Toezicht")
    ANALYST = "analyst", _("Monitor-analist")
    MUNICIPALITY = "municipality", _("Gemeentelijk contact")
    ADMIN = "admin", _("Functioneel beheer")


class Organisation(models.Model):
    name = models.CharField(
        _("naam"), max_length=200, unique=True, help_text=_("Officiële naam van de organisatie.")
    )
    type = models.CharField(
        _("soort organisatie"),
        max_length=32,
        choices=OrganisationType.choices,
        help_text=_("Bepaalt onder meer de teller 'voordragende organisatie' in de monitor."),
    )
    municipality = models.CharField(
        _("gemeente"),
        max_length=32,
        choices=Municipality.choices,
        help_text=_("Gemeente waar de organisatie (of het kantoor) gevestigd is."),
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Een inactieve organisatie kan niet inloggen.")
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """One role held by one user. A table, not a list field, so roles can be queried on SQLite."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("rol van gebruiker")
        verbose_name_plural = _("rollen van gebruikers")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_role_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class User(AbstractUser):
    """A professional with an account. Names are the user's own, never a regiepersoon's."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        help_text=_("Elke gebruiker hoort bij precies één organisatie."),
    )
    deactivated_at = models.DateTimeField(
        _("gedeactiveerd op"),
        null=True,
        blank=True,
        help_text=_("Moment waarop functioneel beheer het account heeft gedeactiveerd."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["username"]

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The roles this user holds, loaded once per request."""
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    @property
    def display_roles(self) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels[r]) for r in sorted(self.role_codes))


class UserSession(models.Model):
    """Links a server-side session to its user, so deactivation can end all of them at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"session of {self.user_id}"
