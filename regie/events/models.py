"""``CaseEvent``: the domain events from which the monitor is computed (DESIGN.md §3).

Every workflow transition (a nomination submitted, a triage decision, a case opened, a scenario
blocked, a review held, an outflow confirmed …) is a service call that writes exactly one
``CaseEvent`` in the same transaction as the change:

- ``type``: what happened, always a member of ``EventType`` (never a free string);
- ``actor``: the user who made it happen (every transition has a human actor, GDPR art. 22);
- ``person`` / ``case_id`` / ``nomination_id``: what it concerns (ids, so history survives
  merges; the person reference is cleared by erasure);
- ``occurred_at``: when it took effect (for back-dated imports, the historical date);
- ``payload``: the facts of the transition needed to recompute figures for any peildatum
  (e.g. ``{"target_group": "jeugd", "reason": "doelen_bereikt"}``), never free text about a person.

The audit log (``regie.audit``) records *who saw or changed what*; ``CaseEvent`` records *what
happened in the work*. They are written side by side.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    PERSON_CREATED = "person_created", _("Persoon geregistreerd")
    PERSON_MERGED = "person_merged", _("Dubbele persoon samengevoegd")
    FACTS_IMPORTED = "facts_imported", _("Feiten geïmporteerd")
    NOMINATION_SUBMITTED = "nomination_submitted", _("Voordracht ingediend")
    NOMINATION_WITHDRAWN = "nomination_withdrawn", _("Voordracht ingetrokken")
    TRIAGE_STARTED = "triage_started", _("Triage gestart")
    DECISION_PROPOSED = "decision_proposed", _("Besluit voorgesteld")
    DECISION_CONFIRMED = "decision_confirmed", _("Besluit bevestigd")
    LETTER_SENT = "letter_sent", _("Brief verstuurd")
    LETTER_POSTPONED = "letter_postponed", _("Brief uitgesteld")
    CASE_OPENED = "case_opened", _("Casus geopend")
    CASE_REASSIGNED = "case_reassigned", _("Regisseur gewijzigd")
    PARTICIPANT_ADDED = "participant_added", _("Deelnemer toegevoegd")
    PARTICIPANT_REMOVED = "participant_removed", _("Deelnemer verwijderd")
    PLAN_CHANGED = "plan_changed", _("Plan gewijzigd")
    GOAL_CLOSED = "goal_closed", _("Doel afgesloten")
    ACTION_UPDATED = "action_updated", _("Actie bijgewerkt")
    SCENARIO_BLOCKED = "scenario_blocked", _("Scenario geblokkeerd door tekort")
    SCENARIO_ACTIVATED = "scenario_activated", _("Alternatief scenario geactiveerd")
    CONFERENCE_HELD = "conference_held", _("Casusoverleg gehouden")
    FAMILY_SUPPORT_RECORDED = "family_support_recorded", _("Steun aan gezinslid vastgelegd")
    PERSON_UNMERGED = "person_unmerged", _("Samenvoeging van personen ongedaan gemaakt")
    FACT_RECORDED = "fact_recorded", _("Feit handmatig vastgelegd")
    DECISION_RETURNED = "decision_returned", _("Besluit teruggestuurd naar triage")
    AGREEMENT_RECORDED = "agreement_recorded", _("Afspraak uit casusoverleg vastgelegd")
    JOURNAL_ENTRY_ADDED = "journal_entry_added", _("Journaalregel geschreven")
    REVIEW_HELD = "review_held", _("Toets gehouden")
    REVIEW_CORRECTED = "review_corrected", _("Toets gecorrigeerd")
    REVIEW_FLAGGED = "review_flagged", _("Casus gemarkeerd voor vervroegde toets")
    OUTFLOW_PROPOSED = "outflow_proposed", _("Uitstroom voorgesteld")
    OUTFLOW_RETURNED = "outflow_returned", _("Uitstroomvoorstel teruggestuurd")
    OUTFLOW_CONFIRMED = "outflow_confirmed", _("Uitstroom bevestigd")
    HANDOVER_RECORDED = "handover_recorded", _("Warme overdracht vastgelegd")
    HANDOVER_COMPLETED = "handover_completed", _("Warme overdracht uitgevoerd")
    HANDOVER_CONFIRMED = "handover_confirmed", _("Overdracht bevestigd door ontvanger")
    FOLLOW_UP_RECORDED = "follow_up_recorded", _("Nacontrole 'nog in beeld?' vastgelegd")
    CASE_CLOSED = "case_closed", _("Casus afgesloten")
    TRANSITION_REVIEW_PLANNED = "transition_review_planned", _("Overgangstoets gepland")
    SUBJECT_REQUEST_RECEIVED = "subject_request_received", _("Verzoek betrokkene ontvangen")
    SUBJECT_REQUEST_STARTED = "subject_request_started", _("Verzoek betrokkene in behandeling")
    SUBJECT_REQUEST_EXTENDED = "subject_request_extended", _("Termijn verzoek verlengd")
    SUBJECT_REQUEST_CLOSED = "subject_request_closed", _("Verzoek betrokkene afgehandeld")
    SUBJECT_REQUEST_REFUSED = "subject_request_refused", _("Verzoek betrokkene afgewezen")
    PERSON_RECTIFIED = "person_rectified", _("Gegevens gerectificeerd")
    PROCESSING_RESTRICTED = "processing_restricted", _("Verwerking beperkt")
    RESTRICTION_LIFTED = "restriction_lifted", _("Beperking opgeheven")
    PERSON_ERASED = "person_erased", _("Gegevens gewist op verzoek")
    RETENTION_RUN = "retention_run", _("Bewaartermijnen toegepast")
    CRITERIA_SET_PROPOSED = "criteria_set_proposed", _("Criteriaset voorgelegd")
    CRITERIA_ADVICE_RECEIVED = "criteria_advice_received", _("Advies over criteriaset ontvangen")
    CRITERIA_SET_ADOPTED = "criteria_set_adopted", _("Criteriaset vastgesteld")
    CRITERIA_SET_EXPIRED = "criteria_set_expired", _("Criteriaset vervallen")


# A review and its correction: the latest of either is a case's current review.
REVIEW_TYPES = (EventType.REVIEW_HELD, EventType.REVIEW_CORRECTED)


class CaseEvent(models.Model):
    type = models.CharField(_("soort"), max_length=40, choices=EventType.choices, db_index=True)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    case_id = models.BigIntegerField(_("casus"), null=True, blank=True, db_index=True)
    nomination_id = models.BigIntegerField(_("voordracht"), null=True, blank=True, db_index=True)
    payload = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["occurred_at", "pk"]
        indexes = [
            models.Index(fields=["type", "occurred_at"], name="event_type_time"),
            # Each case's latest review, newest first: the yearly monitor's ZRM change reads
            # one entry per case from it (``regie.monitor.zrm``).
            models.Index(
                fields=["case_id", "-occurred_at", "-id"],
                condition=models.Q(type__in=REVIEW_TYPES),
                name="event_review_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} @ {self.occurred_at:%Y-%m-%d}"
