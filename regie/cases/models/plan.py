"""The plan van aanpak: goals per life domain, actions by partners, and scenarios per goal.

Versioning: a ``Plan`` carries a ``version`` counter that every change to the plan (a goal,
action or scenario added, changed or closed) raises by one, in the same transaction. The change
itself is recorded as a ``CaseEvent`` with the new version in its payload, so the plan's history
(what changed, when, by whom, in which version) is the event stream; the rows hold the current
state plus their own status trail (reasons, dates). Full text snapshots are deliberately not
kept: data minimisation outweighs being able to replay old wording.

The version is also the optimistic-concurrency token: an edit says which version it saw, and a
stale version is refused (``regie.cases.services.plan``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.domain import LifeDomain


class Plan(models.Model):
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="plan",
    )
    version = models.PositiveIntegerField(
        _("versie"), default=1, help_text=_("Wordt bij elke wijziging van het plan één hoger.")
    )
    changed_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")

    def __str__(self) -> str:
        return f"plan {self.case_id} v{self.version}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REACHED = "bereikt", _("Bereikt")
    ADJUSTED = "bijgesteld", _("Bijgesteld")
    DROPPED = "vervallen", _("Vervallen")


class Goal(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    domain = models.CharField(
        _("leefgebied"),
        max_length=32,
        choices=LifeDomain.choices,
        help_text=_("Het leefgebied van de Zelfredzaamheid-Matrix waarop het doel ligt."),
    )
    description = models.TextField(_("doel"), help_text=_("Wat er bereikt moet worden."))
    indicator = models.CharField(
        _("meetbare indicator"),
        max_length=300,
        help_text=_(
            "Waaraan u ziet dat het doel bereikt is, bijv. 'heeft een eigen huurcontract'."
        ),
    )
    target_date = models.DateField(_("streefdatum"), help_text=_("Wanneer het doel bereikt is."))
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    status_reason = models.TextField(
        _("reden"),
        blank=True,
        help_text=_("Verplicht bij bereikt, bijgesteld of vervallen: waarom."),
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(status_reason=""),
                name="goal_reason_when_not_open",
                violation_error_message=_("Geef een reden bij het afsluiten of bijstellen."),
            )
        ]

    def __str__(self) -> str:
        return f"doel {self.pk}"

    @property
    def is_current(self) -> bool:
        """Still being worked on (open or adjusted), as opposed to reached or dropped."""
        return self.status in (GoalStatus.OPEN, GoalStatus.ADJUSTED)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "afgerond", _("Afgerond")
    DROPPED = "vervallen", _("Vervallen")


# Statuses in which an action is still to be done (and so can be overdue).
PENDING_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="actions"
    )
    # The case of the goal's plan, kept on the action itself: "pending actions past their due
    # date, per case" (the start page, the team overview) is then one index probe per case
    # instead of a walk over every goal and its actions — on PostgreSQL of the small partial
    # index below; SQLite cannot match a partial index's condition to bound parameters and
    # reads the index on ``case``. Filled in from the goal on save; an action never moves.
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        blank=True,
    )
    description = models.TextField(_("actie"), help_text=_("Wat er gedaan wordt."))
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("verantwoordelijke organisatie"),
        on_delete=models.PROTECT,
        related_name="case_actions",
        help_text=_("De deelnemende organisatie die de actie uitvoert en bijwerkt."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitvoerder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_actions",
        help_text=_("Niet verplicht: de medewerker die de actie oppakt."),
    )
    due_date = models.DateField(_("uiterlijk op"), help_text=_("Wanneer de actie klaar is."))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    note = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Korte stand van zaken, zonder gevoelige details."),
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "pk"]
        indexes = [
            # Not (goal, status, due_date), as before: SQLite 3.35–3.41 skip the due date of
            # "status IN (…) AND due_date < today" on such an index once ANALYZE has run
            # (regie.core.checks), and counted actions not yet due as overdue.
            models.Index(
                fields=["case", "due_date"],
                condition=Q(status__in=PENDING_ACTION_STATUSES),
                name="action_case_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"actie {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.case_id is None:
            self.case_id = self.goal.plan_id
        super().save(*args, **kwargs)

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_ACTION_STATUSES


class ScenarioKind(models.TextChoices):
    PRIMARY = "primair", _("Primair scenario")
    ALTERNATIVE = "alternatief", _("Alternatief scenario")


class ScenarioStatus(models.TextChoices):
    EXPLORED = "verkend", _("Verkend")
    ACTIVE = "actief", _("Actief")
    BLOCKED = "geblokkeerd", _("Geblokkeerd")
    DROPPED = "vervallen", _("Vervallen")


class ShortageType(models.TextChoices):
    HOUSING = "woningnood", _("Woningnood")
    CARE_WAITING_LIST = "wachtlijst_zorg", _("Wachtlijst zorg")
    NO_SUITABLE_OFFER = "geen_passend_aanbod", _("Geen passend aanbod")
    STAFF_SHORTAGE = "personeelstekort", _("Personeelstekort")
    OTHER = "anders", _("Anders")


class Scenario(models.Model):
    """One way to reach a goal. The primary scenario is the ideal route; alternatives are explored
    up front so the regisseur can switch when the primary is blocked by a shortage. The blocking
    fields (shortage, date, expected waiting time, which alternative took over) stay on the row
    and in the ``scenario_blocked`` event, for the monitor."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="scenarios"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ScenarioKind.choices)
    description = models.TextField(_("scenario"), help_text=_("De route naar het doel."))
    status = models.CharField(
        _("status"), max_length=12, choices=ScenarioStatus.choices, default=ScenarioStatus.EXPLORED
    )
    shortage_type = models.CharField(
        _("soort tekort"),
        max_length=24,
        choices=ShortageType.choices,
        blank=True,
        help_text=_("Waardoor het scenario geblokkeerd is."),
    )
    shortage_other = models.CharField(
        _("ander tekort"), max_length=200, blank=True, help_text=_("Verplicht bij 'anders'.")
    )
    blocked_on = models.DateField(_("geblokkeerd sinds"), null=True, blank=True)
    expected_wait_days = models.PositiveIntegerField(
        _("verwachte wachttijd (dagen)"),
        null=True,
        blank=True,
        help_text=_("Hoe lang het naar verwachting duurt voor het tekort is opgelost."),
    )
    activated_alternative = models.ForeignKey(
        "self",
        verbose_name=_("ingezet alternatief"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        help_text=_("Het alternatieve scenario dat is ingezet toen dit scenario vastliep."),
    )
    activated_on = models.DateField(_("ingezet op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        ordering = ["goal", "-kind", "created_at", "pk"]  # primary first
        indexes = [
            models.Index(fields=["goal", "status"], name="scenario_goal_status"),
            models.Index(fields=["status", "shortage_type"], name="scenario_shortage"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(kind="primair"),
                name="scenario_one_primary",
                violation_error_message=_("Een doel heeft één primair scenario."),
            ),
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(status="actief"),
                name="scenario_one_active",
                violation_error_message=_("Per doel is één scenario tegelijk actief."),
            ),
            models.CheckConstraint(
                condition=~Q(status="geblokkeerd")
                | (~Q(shortage_type="") & Q(blocked_on__isnull=False)),
                name="scenario_blocked_has_shortage",
                violation_error_message=_("Een geblokkeerd scenario heeft een tekort en datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"scenario {self.pk}"
