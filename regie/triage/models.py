"""Triage: the assessment (beoordelingskader), the four-eyes decision and the admission letter
(DESIGN.md §4).

- ``Assessment``: one per nomination; ZRM scores on the 11 life domains (``AssessmentScore``
  rows, so they can be queried) and the four questions necessity, added value, proportionality
  and subsidiarity, each with a motivation. Editable by triage until a decision is proposed.
- ``TriageDecision``: proposed by a triagist, confirmed (or returned) by a *different* user with
  the triage_chair role. It freezes the criteria set and the evaluation it was taken on ("why on
  the list"). A returned decision stays as history; at most one decision per nomination is open
  or confirmed at a time.
- ``Letter``: the admission letter to the regiepersoon (and the parents of a minor). The PDF is
  generated on request and stored; once the letter is sent the stored copy is what was sent and
  is never regenerated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from regie.core.domain import ZRM_SCORES, LifeDomain, PartnerDomain, TargetGroup
from regie.nominations.models import NominationOutcome

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Answer(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")


class CriteriaOutcome(models.TextChoices):
    MET = "met", _("Voldaan")
    NOT_MET = "not_met", _("Niet voldaan")
    UNKNOWN = "unknown", _("Onbekend")


# The four questions of the beoordelingskader: field name → (label, question put to triage).
QUESTIONS: dict[str, tuple[StrOrPromise, StrOrPromise]] = {
    "necessity": (
        _("Noodzaak"),
        _(
            "Is persoonsgerichte regie nodig: problemen op meerdere leefgebieden, meerdere partners?"
        ),
    ),
    "added_value": (
        _("Toegevoegde waarde"),
        _("Voegt regie iets toe aan wat partners nu al doen?"),
    ),
    "proportionality": (
        _("Proportionaliteit"),
        _("Staat de inbreuk op de privacy in verhouding tot het doel?"),
    ),
    "subsidiarity": (
        _("Subsidiariteit"),
        _("Is er géén lichtere aanpak die volstaat?"),
    ),
}


def _answer_field(label: StrOrPromise, question: StrOrPromise) -> models.CharField:
    return models.CharField(
        label, max_length=3, choices=Answer.choices, blank=True, help_text=question
    )


def _motivation_field(label: StrOrPromise) -> models.TextField:
    return models.TextField(
        label, blank=True, help_text=_("Onderbouw het antwoord; dit is de basis van het besluit.")
    )


class Assessment(models.Model):
    nomination = models.OneToOneField(
        "nominations.Nomination",
        verbose_name=_("voordracht"),
        on_delete=models.CASCADE,
        related_name="assessment",
    )
    necessity = _answer_field(*QUESTIONS["necessity"])
    necessity_motivation = _motivation_field(_("motivatie noodzaak"))
    added_value = _answer_field(*QUESTIONS["added_value"])
    added_value_motivation = _motivation_field(_("motivatie toegevoegde waarde"))
    proportionality = _answer_field(*QUESTIONS["proportionality"])
    proportionality_motivation = _motivation_field(_("motivatie proportionaliteit"))
    subsidiarity = _answer_field(*QUESTIONS["subsidiarity"])
    subsidiarity_motivation = _motivation_field(_("motivatie subsidiariteit"))
    partner_domains = models.JSONField(
        _("partnerdomeinen nodig"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "De domeinen (zorg, veiligheid, sociaal) waarvan de inzet van partners nodig is, "
            "volgens de triagist; de noodzaakregel van de criteria telt ze. Leeg (null): nog "
            "niet beoordeeld, dan is die regel 'onbekend'."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De triagist die de beoordeling het laatst heeft opgeslagen."),
    )
    updated_at = models.DateTimeField(
        _("laatst gewijzigd op"), auto_now=True, help_text=_("Tijdstip van laatste opslag.")
    )

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self) -> str:
        return f"beoordeling {self.nomination_id}"

    def partner_domain_labels(self) -> list[str]:
        return [PartnerDomain(d).label for d in self.partner_domains or []]

    def clean(self) -> None:
        super().clean()
        allowed = {d.value for d in PartnerDomain}
        if self.partner_domains is not None and (
            not isinstance(self.partner_domains, list) or not set(self.partner_domains) <= allowed
        ):
            raise ValidationError(
                {"partner_domains": _("Kies alleen zorg, veiligheid of sociaal.")}
            )

    def missing(self, scored_domains: set[str]) -> list[str]:
        """What is still missing before a decision can be proposed (Dutch, for the form)."""
        missing = [
            str(LifeDomain(domain).label)
            for domain in LifeDomain.values
            if domain not in scored_domains
        ]
        for field, (label, _question) in QUESTIONS.items():
            if not getattr(self, field) or not getattr(self, f"{field}_motivation").strip():
                missing.append(str(label))
        return missing


class AssessmentScore(models.Model):
    """The ZRM score on one life domain: 1 (acute problemen) – 5 (volledig zelfredzaam)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("beoordeling"), on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.CharField(
        _("leefgebied"),
        max_length=32,
        choices=LifeDomain.choices,
        help_text=_("Een van de 11 leefgebieden van de Zelfredzaamheid-Matrix."),
    )
    score = models.PositiveSmallIntegerField(
        _("ZRM-score"),
        choices=ZRM_SCORES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = acute problematiek … 5 = volledig zelfredzaam."),
    )
    substantiation = models.TextField(
        _("onderbouwing"), help_text=_("Waarop de score berust: bron, waarneming, datum.")
    )

    class Meta:
        verbose_name = _("ZRM-score")
        verbose_name_plural = _("ZRM-scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="score_once_per_domain"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="score_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}={self.score}"


class DecisionStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    CONFIRMED = "bevestigd", _("Bevestigd")
    RETURNED = "teruggestuurd", _("Teruggestuurd")


class TriageDecision(models.Model):
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("voordracht"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    kind = models.CharField(
        _("besluit"),
        max_length=12,
        choices=NominationOutcome.choices,
        help_text=_("Toegelaten tot de aanpak of afgewezen."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PROPOSED,
        help_text=_("Voorgesteld door triage, bevestigd of teruggestuurd door de voorzitter."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De triagist die het besluit voorstelt."),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), help_text=_("Moment van voorstel."))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("De voorzitter triage; nooit dezelfde persoon als de voorsteller."),
    )
    confirmed_at = models.DateTimeField(
        _("bevestigd op"), null=True, blank=True, help_text=_("Moment van bevestiging.")
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggestuurd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("De voorzitter die het voorstel terugstuurde naar triage."),
    )
    returned_at = models.DateTimeField(
        _("teruggestuurd op"), null=True, blank=True, help_text=_("Moment van terugsturen.")
    )
    return_note = models.TextField(
        _("toelichting bij terugsturen"),
        blank=True,
        help_text=_("Wat triage nog moet uitzoeken of aanpassen."),
    )
    target_group = models.CharField(
        _("doelgroep"),
        max_length=16,
        choices=TargetGroup.choices,
        blank=True,
        help_text=_("Bij toelating: de doelgroep waarin de persoon instroomt."),
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regisseur"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Bij toelating: de regisseur van de casus."),
    )
    first_review_date = models.DateField(
        _("eerste toets"),
        null=True,
        blank=True,
        help_text=_("Bij toelating: de datum van de eerste herbeoordeling."),
    )
    reason = models.TextField(
        _("reden van afwijzing"), blank=True, help_text=_("Bij afwijzing: waarom niet.")
    )
    referral_advice = models.TextField(
        _("verwijsadvies"),
        blank=True,
        help_text=_("Bij afwijzing: welke andere aanpak of organisatie wel past."),
    )
    motivation = models.TextField(
        _("motivatie"), help_text=_("De schriftelijke motivering van het besluit.")
    )
    hard_criteria = models.CharField(
        _("uitkomst harde criteria"),
        max_length=8,
        choices=CriteriaOutcome.choices,
        help_text=_("Uitkomst van de harde criteria op het moment van het voorstel."),
    )
    is_override = models.BooleanField(
        _("afwijking van de criteria"),
        default=False,
        help_text=_("Het besluit wijkt af van de uitkomst van de harde criteria."),
    )
    override_motivation = models.TextField(
        _("motivatie afwijking"),
        blank=True,
        help_text=_("Verplicht als het besluit afwijkt van de harde criteria."),
    )
    criteria_set_id = models.BigIntegerField(
        _("criteriaset"),
        null=True,
        blank=True,
        help_text=_("De criteriaset waartegen is getoetst (leeg als er geen was)."),
    )
    criteria_set_version = models.CharField(
        _("versie criteriaset"),
        max_length=32,
        blank=True,
        help_text=_("Versie van de criteriaset op het moment van het voorstel."),
    )
    evaluation = models.JSONField(
        _("toetsing"),
        default=dict,
        help_text=_("Bevroren uitkomst van de toetsing per regel: waarom op de lijst."),
    )

    class Meta:
        verbose_name = _("triagebesluit")
        verbose_name_plural = _("triagebesluiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("proposed_by")),
                name="decision_four_eyes",
                violation_error_message=_(
                    "Vier-ogenprincipe: wie een besluit voorstelt, kan het niet zelf bevestigen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_override=False) | ~Q(override_motivation=""),
                name="decision_override_motivated",
                violation_error_message=_("Een afwijking van de criteria moet worden gemotiveerd."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=DecisionStatus.CONFIRMED, confirmed_by__isnull=False)
                    | (~Q(status=DecisionStatus.CONFIRMED) & Q(confirmed_by__isnull=True))
                ),
                name="decision_confirmed_has_chair",
            ),
            models.UniqueConstraint(
                fields=["nomination"],
                condition=~Q(status=DecisionStatus.RETURNED),
                name="decision_one_open_per_nomination",
                violation_error_message=_("Deze voordracht heeft al een besluit."),
            ),
        ]
        indexes = [models.Index(fields=["status", "proposed_at"], name="decision_status")]

    def __str__(self) -> str:
        return f"besluit {self.pk} ({self.kind})"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.kind == NominationOutcome.ADMITTED:
            if not self.target_group:
                errors["target_group"] = _("Kies de doelgroep waarin de persoon instroomt.")
            if self.regisseur_id is None:
                errors["regisseur"] = _("Kies de regisseur van de casus.")
            if self.first_review_date is None:
                errors["first_review_date"] = _("Geef de datum van de eerste toets.")
        elif self.kind == NominationOutcome.DECLINED and not self.reason.strip():
            errors["reason"] = _("Geef de reden van de afwijzing.")
        if errors:
            raise ValidationError(errors)


class LetterStatus(models.TextChoices):
    TO_SEND = "te_versturen", _("Te versturen")
    SENT = "verstuurd", _("Verstuurd")
    POSTPONED = "uitgesteld", _("Uitgesteld")


class LetterKind(models.TextChoices):
    ADMISSION = "toelating", _("Brief bij toelating")


class Letter(models.Model):
    person = models.ForeignKey(
        "persons.Person", verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="+"
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("voordracht"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    decision = models.OneToOneField(
        TriageDecision,
        verbose_name=_("besluit"),
        on_delete=models.CASCADE,
        related_name="letter",
        help_text=_("Het toelatingsbesluit waarover de brief informeert."),
    )
    case_id = models.BigIntegerField(
        _("casus"), null=True, blank=True, help_text=_("De casus die bij de toelating is geopend.")
    )
    kind = models.CharField(
        _("soort brief"), max_length=16, choices=LetterKind.choices, default=LetterKind.ADMISSION
    )
    to_parents = models.BooleanField(
        _("ook aan de ouders"),
        default=False,
        help_text=_(
            "De persoon was op de besluitdatum minderjarig: de brief gaat ook naar de ouders."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=LetterStatus.choices,
        default=LetterStatus.TO_SEND,
        db_index=True,
    )
    postponement_ground = models.TextField(
        _("grond voor uitstel"),
        blank=True,
        help_text=_("Waarom informeren nu het doel van de aanpak zou schaden."),
    )
    postponed_until = models.DateField(
        _("uitgesteld tot"),
        null=True,
        blank=True,
        help_text=_("Uiterlijk op deze datum versturen."),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    pdf = models.BinaryField(
        _("pdf"),
        blank=True,
        editable=False,
        help_text=_("De laatst gemaakte PDF; na verzending de verstuurde versie."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), help_text=_("Moment van toelating."))

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=LetterStatus.POSTPONED)
                | (Q(postponed_until__isnull=False) & ~Q(postponement_ground="")),
                name="letter_postponement_has_ground_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=LetterStatus.SENT) | Q(sent_at__isnull=False),
                name="letter_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"brief {self.pk}"
