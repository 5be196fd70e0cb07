"""The case (casus) and its participants (DESIGN.md §5).

A ``Case`` is the regie around one regiepersoon: one regisseur, a target group, an origin and a
status. ``Participant`` rows are what give partners access to the case: an organisation takes
part as a whole (``user`` empty) or through named users. Removing a participant sets
``removed_at``; from that moment the row no longer grants anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.domain import TargetGroup


class CaseOrigin(models.TextChoices):
    NEW = "nieuw", _("Nieuw (via triage)")
    TOP600 = "top600", _("Overgang uit de Top600")
    VEILIG_ALTERNATIEF = "veilig_alternatief", _("Overgang uit Veilig Alternatief")
    DOORGROEIERS = "doorgroeiers", _("Overgang uit de Doorgroeiers-aanpak")


class CaseStatus(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    OUTFLOW_PREPARED = "uitstroom_voorbereid", _("Uitstroom voorbereid")
    OUTFLOWN = "uitgestroomd", _("Uitgestroomd")
    CLOSED = "afgesloten", _("Afgesloten")


# Statuses in which a case is "in the approach": it counts as active work for its regisseur.
OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.OUTFLOW_PREPARED)


class Case(models.Model):
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("regiepersoon"),
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("De persoon voor wie de regie wordt georganiseerd."),
    )
    target_group = models.CharField(
        _("doelgroep"),
        max_length=16,
        choices=TargetGroup.choices,
        help_text=_("De doelgroep waarvoor de persoon is toegelaten."),
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regisseur"),
        on_delete=models.PROTECT,
        related_name="directed_cases",
        help_text=_("De regisseur die de casus voert; alleen deze past het plan aan."),
    )
    start_date = models.DateField(_("startdatum"), help_text=_("Datum van instroom."))
    origin = models.CharField(
        _("herkomst"),
        max_length=24,
        choices=CaseOrigin.choices,
        default=CaseOrigin.NEW,
        help_text=_("Nieuw via triage, of overgenomen uit een eerdere aanpak."),
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=CaseStatus.choices,
        default=CaseStatus.ACTIVE,
        help_text=_("Actief, uitstroom voorbereid, uitgestroomd of afgesloten."),
    )
    first_review_date = models.DateField(
        _("eerste toets"),
        help_text=_("Datum van de eerste herbeoordeling, vastgesteld bij triage."),
    )
    next_review_date = models.DateField(
        _("volgende toets"),
        help_text=_("Datum waarop de volgende herbeoordeling uiterlijk plaatsvindt."),
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("voordracht"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("De voordracht waarop de persoon is toegelaten (leeg bij overgang)."),
    )
    version = models.PositiveIntegerField(
        _("versie"),
        default=1,
        help_text=_(
            "Telt elke wijziging van de casus; voorkomt dat twee mensen elkaar overschrijven."
        ),
    )
    created_at = models.DateTimeField(_("geopend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        indexes = [
            # Both cover what the case lists read of open cases (person for the processing
            # restriction, the review date for the order and "toets nadert"), so counting and
            # grouping 15,000 open cases never touches the table: "Mijn casussen" per regisseur,
            # the teamlead's caseload per regisseur and list by review date.
            models.Index(
                fields=["regisseur", "status", "next_review_date", "person"],
                name="case_regisseur_status",
            ),
            models.Index(
                fields=["status", "next_review_date", "person", "regisseur"],
                name="case_status_review",
            ),
            # The open cases in review order, read from the index and stopped after one page:
            # the teamlead's list of every open case (15,000 at national scale) needs no sort.
            models.Index(
                fields=["next_review_date", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_by_review",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["actief", "uitstroom_voorbereid"]),
                name="case_one_open_per_person",
                violation_error_message=_("Deze persoon heeft al een lopende casus."),
            )
        ]

    def __str__(self) -> str:
        return f"casus {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ParticipantRole(models.TextChoices):
    REGISSEUR = "regisseur", _("Regisseur")
    WIJKAGENT = "wijkagent", _("Wijkagent")
    RECLASSERINGSWERKER = "reclasseringswerker", _("Reclasseringswerker")
    JEUGDBESCHERMER = "jeugdbeschermer", _("Jeugdbeschermer")
    HULPVERLENER = "hulpverlener", _("Hulpverlener (zorg)")
    CASEMANAGER = "casemanager", _("Casemanager gemeente of stadsdeel")
    PI_MEDEWERKER = "pi_medewerker", _("Medewerker PI")
    OM = "om", _("Officier of parketsecretaris (OM)")
    OVERIG = "overig", _("Anders")


class Participant(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="case_participations",
        help_text=_("De organisatie die deelneemt aan de casus."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_participations",
        help_text=_(
            "Leeg: de hele organisatie neemt deel. Ingevuld: alleen deze medewerker heeft toegang."
        ),
    )
    role = models.CharField(
        _("rol in de casus"),
        max_length=24,
        choices=ParticipantRole.choices,
        help_text=_("Wat deze deelnemer in deze casus doet."),
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    removed_at = models.DateTimeField(
        _("verwijderd op"),
        null=True,
        blank=True,
        help_text=_("Vanaf dit moment geeft de deelname geen toegang meer."),
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwijderd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        indexes = [
            models.Index(fields=["user", "removed_at"], name="participant_user"),
            # "The organisation takes part as a whole": organisation = ? AND user IS NULL.
            models.Index(fields=["organisation", "user", "removed_at"], name="participant_org"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(removed_at__isnull=True, user__isnull=False),
                name="participant_user_once",
                violation_error_message=_("Deze medewerker neemt al deel aan de casus."),
            ),
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(removed_at__isnull=True, user__isnull=True),
                name="participant_org_once",
                violation_error_message=_("Deze organisatie neemt al als geheel deel."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.organisation_id}:{self.user_id or '*'}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None
