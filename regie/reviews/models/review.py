"""Reviews (toetsen), the flags that ask for an early one, and the transition review of persons
moved over from the former approaches (DESIGN.md §6).

A ``Review`` is immutable once held: no service updates it, ``save()`` refuses, and database
triggers (``regie.reviews.triggers``) refuse any UPDATE of a review, its scores or its goal
progress. A mistake is corrected by a *new* review that names the one it corrects (``corrects``);
the corrected one stays as it was, so the history shows what was recorded and when.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.cases.models import CaseOrigin
from regie.core.domain import LifeDomain


class Immutable(models.Model):
    """A row that is written once. Updating it is a programming error (and the database refuses
    it too)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} is onveranderlijk; leg een correctie vast.")
        super().save(*args, **kwargs)


class Answer(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Voortzetten")
    OUTFLOW = "outflow", _("Uitstroom voorbereiden")


class ReviewKind(models.TextChoices):
    REGULAR = "regulier", _("Reguliere toets")
    EARLY = "vervroegd", _("Vervroegde toets na een signaal")
    TRANSITION = "overgang", _("Overgangstoets (uit een eerdere aanpak)")


class Review(Immutable):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text=_("De casus die getoetst is."),
    )
    kind = models.CharField(
        _("soort toets"),
        max_length=12,
        choices=ReviewKind.choices,
        help_text=_("Regulier, vervroegd na een signaal, of de overgangstoets."),
    )
    due_date = models.DateField(
        _("uiterste datum"),
        help_text=_("De datum waarop de toets uiterlijk gehouden moest worden."),
    )
    held_on = models.DateField(_("gehouden op"), help_text=_("De datum van de toets."))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De regisseur die de toets vastlegde."),
    )
    recorded_at = models.DateTimeField(
        _("vastgelegd op"), default=timezone.now, help_text=_("Moment van vastleggen.")
    )
    added_value = models.CharField(
        _("toegevoegde waarde"),
        max_length=3,
        choices=Answer.choices,
        help_text=_("Heeft persoonsgerichte regie nog toegevoegde waarde?"),
    )
    added_value_motivation = models.TextField(
        _("motivatie toegevoegde waarde"), help_text=_("Waarom wel of niet.")
    )
    proportional = models.CharField(
        _("proportioneel"),
        max_length=3,
        choices=Answer.choices,
        help_text=_("Is de inzet nog in verhouding tot de problematiek?"),
    )
    proportionality_motivation = models.TextField(
        _("motivatie proportionaliteit"), help_text=_("Waarom wel of niet.")
    )
    decision = models.CharField(
        _("besluit"),
        max_length=8,
        choices=Decision.choices,
        help_text=_("Voortzetten met een volgende toetsdatum, of de uitstroom voorbereiden."),
    )
    next_review_date = models.DateField(
        _("volgende toets"),
        null=True,
        blank=True,
        help_text=_("Bij voortzetten: de datum van de volgende toets."),
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrigeert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        help_text=_("De eerder vastgelegde toets die deze vastlegging corrigeert."),
    )
    correction_reason = models.TextField(
        _("reden van correctie"),
        blank=True,
        help_text=_("Wat er in de eerdere vastlegging niet klopte."),
    )
    evaluation = models.JSONField(
        _("toetsing aan de criteria"),
        null=True,
        blank=True,
        help_text=_("De evaluatie van de criteria op de toetsdatum, zoals toen getoond."),
    )

    class Meta:
        verbose_name = _("toets")
        verbose_name_plural = _("toetsen")
        indexes = [models.Index(fields=["case", "held_on"], name="review_case_held")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="continue", next_review_date__isnull=False)
                | Q(decision="outflow", next_review_date__isnull=True),
                name="review_next_date_iff_continue",
                violation_error_message=_("Bij voortzetten hoort een volgende toetsdatum."),
            ),
            models.CheckConstraint(
                condition=Q(next_review_date__isnull=True) | Q(next_review_date__gt=F("held_on")),
                name="review_next_after_held",
                violation_error_message=_("De volgende toets ligt na de datum van deze toets."),
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="review_correction_has_reason",
                violation_error_message=_("Een correctie noemt wat er niet klopte."),
            ),
        ]

    def __str__(self) -> str:
        return f"toets {self.pk} (casus {self.case_id}, {self.held_on})"

    @property
    def on_time(self) -> bool:
        return self.held_on <= self.due_date


class ReviewScore(Immutable):
    review = models.ForeignKey(
        Review, verbose_name=_("toets"), on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.CharField(
        _("leefgebied"),
        max_length=32,
        choices=LifeDomain.choices,
        help_text=_("Leefgebied van de Zelfredzaamheid-Matrix."),
    )
    score = models.PositiveSmallIntegerField(
        _("ZRM-score"), help_text=_("1 (acute problematiek) tot 5 (volledig zelfredzaam).")
    )

    class Meta:
        verbose_name = _("ZRM-score bij toets")
        verbose_name_plural = _("ZRM-scores bij toets")
        constraints = [
            models.UniqueConstraint(fields=["review", "domain"], name="review_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="review_score_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}={self.score}"


class Progress(models.TextChoices):
    REACHED = "bereikt", _("Doel bereikt")
    ON_TRACK = "op_koers", _("Op koers")
    LIMITED = "beperkt", _("Beperkte voortgang")
    NONE = "geen", _("Geen voortgang")
    WORSE = "achteruit", _("Achteruitgang")


class GoalProgress(Immutable):
    review = models.ForeignKey(
        Review, verbose_name=_("toets"), on_delete=models.CASCADE, related_name="progress"
    )
    goal = models.ForeignKey(
        "cases.Goal",
        verbose_name=_("doel"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Het doel uit het plan van aanpak."),
    )
    progress = models.CharField(
        _("voortgang"),
        max_length=12,
        choices=Progress.choices,
        help_text=_("Hoe het doel er bij deze toets voor staat."),
    )
    note = models.TextField(_("toelichting"), blank=True, help_text=_("Kort, zonder details."))

    class Meta:
        verbose_name = _("voortgang op doel")
        verbose_name_plural = _("voortgang op doelen")
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="review_goal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.progress}"


class FlagKind(models.TextChoices):
    CRITERIA = "criteria", _("Voldoet niet meer aan de vastgestelde criteria")
    DETENTION = "detentie", _("Detentie met meer dan 24 maanden resterend")
    RESIDENCE = "verblijf", _("Geen rechtmatig verblijf meer")
    DECEASED = "overleden", _("Overleden")
    MOVED = "buiten_regio", _("Verhuisd buiten de regio")


class FlagResolution(models.TextChoices):
    REVIEW = "toets", _("Toets gehouden")
    OUTFLOW = "uitstroom", _("Uitgestroomd")


class ReviewFlag(models.Model):
    """A signal that a case needs an early review, found by drift detection. ``basis`` names
    what it rests on (``feit:<id>``, ``set:<id>``, ``woongemeente``): one flag per case, kind
    and basis, so a scan never repeats a flag — and a resolved one is not raised again for the
    same fact, only for a new one."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="review_flags",
        help_text=_("De casus die vervroegd getoetst moet worden."),
    )
    kind = models.CharField(
        _("soort signaal"),
        max_length=16,
        choices=FlagKind.choices,
        help_text=_("Criteria niet meer voldaan, of een exclusiegrond."),
    )
    basis = models.CharField(
        _("grond"),
        max_length=64,
        help_text=_("Waarop het signaal rust: een geregistreerd feit of de criteriaset."),
    )
    text = models.TextField(_("reden"), help_text=_("De reden, zoals de regisseur die ziet."))
    detected_at = models.DateTimeField(_("gevonden op"), default=timezone.now)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolution = models.CharField(
        _("afgehandeld door"),
        max_length=12,
        choices=FlagResolution.choices,
        blank=True,
        help_text=_("Een gehouden toets of de uitstroom."),
    )
    resolved_by_review = models.ForeignKey(
        Review,
        verbose_name=_("afgehandeld in toets"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolved_flags",
    )

    class Meta:
        verbose_name = _("signaal voor vervroegde toets")
        verbose_name_plural = _("signalen voor vervroegde toets")
        indexes = [models.Index(fields=["case", "resolved_at"], name="flag_case_open")]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "basis"], name="flag_once_per_basis")
        ]

    def __str__(self) -> str:
        return f"{self.kind} (casus {self.case_id})"


class TransitionReview(models.Model):
    """The transition review of a person moved over from Top600, Veilig Alternatief or
    Doorgroeiers: due by a set date, with the evaluation against the new criteria at import
    (frozen, with its explanation). ``review`` is the review that settled it."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.PROTECT,
        related_name="transition_review",
    )
    approach = models.CharField(
        _("eerdere aanpak"),
        max_length=24,
        choices=[c for c in CaseOrigin.choices if c[0] != CaseOrigin.NEW],
        help_text=_("De aanpak waaruit de persoon is overgekomen."),
    )
    due_date = models.DateField(_("uiterlijk op"), help_text=_("Uiterste datum van de toets."))
    criteria_set_id = models.PositiveIntegerField(_("criteriaset"), null=True, blank=True)
    criteria_set_version = models.PositiveIntegerField(_("versie"), null=True, blank=True)
    hard_criteria = models.CharField(
        _("harde criteria"),
        max_length=8,
        blank=True,
        help_text=_("Uitkomst van de harde criteria bij de overgang (leeg: geen criteriaset)."),
    )
    evaluation = models.JSONField(
        _("evaluatie"),
        null=True,
        blank=True,
        help_text=_("De evaluatie tegen de nieuwe criteria bij de overgang, met uitleg."),
    )
    imported_at = models.DateTimeField(_("overgezet op"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overgezet door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    review = models.OneToOneField(
        Review,
        verbose_name=_("gehouden in toets"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transition",
    )

    class Meta:
        verbose_name = _("overgangstoets")
        verbose_name_plural = _("overgangstoetsen")

    def __str__(self) -> str:
        return f"overgangstoets casus {self.case_id}"
