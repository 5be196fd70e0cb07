"""Triage writes: start, assessment, and the four-eyes decision (propose → confirm | return).

Every service checks that the actor may make the transition (``PermissionDenied``), raises
``ValidationError`` with Dutch messages for anything a form should show, and writes its
``CaseEvent`` and audit event in the same transaction as the change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.access.policy import can
from regie.access.rules import Action
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.triage import cases_port, criteria_port
from regie.triage.models import (
    QUESTIONS,
    Assessment,
    AssessmentScore,
    CriteriaOutcome,
    DecisionStatus,
    Letter,
    TriageDecision,
)
from regie.triage.selectors import age_on, open_decision, regisseurs, zrm_scores

FOUR_EYES_MESSAGE = gettext_lazy(
    "Vier-ogenprincipe: u heeft dit besluit zelf voorgesteld, een andere voorzitter moet het "
    "beoordelen."
)


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=nomination.pk)
    )


def _require(user: User, action: Action, nomination: Nomination) -> None:
    if not can(user, action, nomination):
        raise PermissionDenied


def _require_in_triage(nomination: Nomination) -> None:
    if nomination.status != NominationStatus.IN_TRIAGE:
        raise ValidationError(_("Deze voordracht is niet in triage."))


def triage_start(*, actor: User, nomination: Nomination) -> Nomination:
    """Take a submitted nomination into triage (ingediend → in triage)."""
    _require(actor, Action.ASSESS, nomination)
    with transaction.atomic():
        nomination = _locked(nomination)
        if nomination.status != NominationStatus.SUBMITTED:
            raise ValidationError(
                _("Alleen een ingediende voordracht kan in triage worden genomen.")
            )
        nomination.status = NominationStatus.IN_TRIAGE
        nomination.save(update_fields=["status"])
        event_record(
            type=EventType.TRIAGE_STARTED,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="nomination",
            object_id=nomination.pk,
            person_id=nomination.person_id,
            detail={"status": nomination.status},
        )
    return nomination


def assessment_save(
    *,
    actor: User,
    nomination: Nomination,
    scores: Mapping[str, tuple[int | None, str]],
    answers: Mapping[str, tuple[str, str]],
    partner_domains: Iterable[str] | None = None,
) -> Assessment:
    """Save (part of) the assessment: ``scores`` maps a life domain to (score or None,
    substantiation); ``answers`` maps a question (``QUESTIONS``) to (ja/nee or "", motivation);
    ``partner_domains`` are the domains (``PartnerDomain``) whose partners' effort is needed
    (``None`` leaves what was recorded; the necessity rule is unknown until it is recorded).

    A draft may be incomplete, but a score always needs its substantiation. Raises
    ``ValidationError`` once a decision has been proposed (the assessment is then frozen until
    the chair returns it)."""
    _require(actor, Action.ASSESS, nomination)
    with transaction.atomic():
        nomination = _locked(nomination)
        _require_in_triage(nomination)
        if open_decision(nomination) is not None:
            raise ValidationError(
                _("Er is een besluit voorgesteld: de beoordeling kan niet meer worden gewijzigd.")
            )
        assessment = Assessment.objects.filter(nomination=nomination).first()
        created = assessment is None
        if assessment is None:
            assessment = Assessment(nomination=nomination, updated_by=actor)
        assessment.updated_by = actor
        for question in QUESTIONS:
            answer, motivation = answers.get(question, ("", ""))
            setattr(assessment, question, answer)
            setattr(assessment, f"{question}_motivation", motivation.strip())
        if partner_domains is not None:
            assessment.partner_domains = sorted(set(partner_domains))
        assessment.full_clean()
        assessment.save()
        _save_scores(assessment, scores)
        audit_record(
            action=AuditAction.CREATE if created else AuditAction.CHANGE,
            actor=actor,
            object_type="assessment",
            object_id=assessment.pk,
            person_id=nomination.person_id,
            detail={"nomination": nomination.pk},
        )
    return assessment


def _save_scores(assessment: Assessment, scores: Mapping[str, tuple[int | None, str]]) -> None:
    errors: dict[str, str] = {}
    rows = []
    for domain, (score, substantiation) in scores.items():
        if score is None:
            continue
        row = AssessmentScore(
            assessment=assessment, domain=domain, score=score, substantiation=substantiation.strip()
        )
        try:
            row.full_clean(exclude=["assessment"], validate_unique=False)
        except ValidationError as exc:
            errors[domain] = " ".join(exc.messages)
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    AssessmentScore.objects.filter(assessment=assessment).delete()
    AssessmentScore.objects.bulk_create(rows)


def decision_propose(
    *,
    actor: User,
    nomination: Nomination,
    kind: NominationOutcome,
    motivation: str,
    target_group: str = "",
    regisseur: User | None = None,
    first_review_date: date | None = None,
    reason: str = "",
    referral_advice: str = "",
    override_motivation: str = "",
) -> TriageDecision:
    """Propose admission or decline. Evaluates the criteria set through the criteria port and
    freezes the snapshot with the decision. A decision against the hard-criteria outcome
    (admitted while not met, declined while met) is an override and needs its own motivation;
    "unknown" is never an override. Raises ``ValidationError`` for an incomplete assessment,
    missing fields or an unmotivated override."""
    _require(actor, Action.ASSESS, nomination)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        nomination = _locked(nomination)
        _require_in_triage(nomination)
        if open_decision(nomination) is not None:
            raise ValidationError(_("Er is al een besluit voorgesteld voor deze voordracht."))
        assessment = Assessment.objects.filter(nomination=nomination).first()
        scores = zrm_scores(assessment)
        missing = assessment.missing(set(scores)) if assessment else [_("de hele beoordeling")]
        if missing:
            raise ValidationError(
                _("De beoordeling is nog niet compleet. Ontbreekt: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        _check_proposal(kind, motivation, target_group, reason, regisseur, first_review_date, today)
        snapshot = criteria_port.evaluate_for_triage(
            person=nomination.person,
            target_group=target_group or nomination.proposed_target_group,
            on_date=today,
            zrm_scores=scores,
            partner_domains=assessment.partner_domains if assessment else None,
        )
        hard = _hard_outcome(snapshot)
        is_override = (kind == NominationOutcome.ADMITTED and hard == CriteriaOutcome.NOT_MET) or (
            kind == NominationOutcome.DECLINED and hard == CriteriaOutcome.MET
        )
        if is_override and not override_motivation.strip():
            raise ValidationError(
                {
                    "override_motivation": _(
                        "Dit besluit wijkt af van de harde criteria (%(outcome)s): motiveer "
                        "waarom u toch zo besluit."
                    )
                    % {"outcome": CriteriaOutcome(hard).label}
                }
            )
        admitted = kind == NominationOutcome.ADMITTED
        decision = TriageDecision(
            nomination=nomination,
            kind=kind,
            proposed_by=actor,
            proposed_at=now,
            target_group=target_group if admitted else "",
            regisseur=regisseur if admitted else None,
            first_review_date=first_review_date if admitted else None,
            reason="" if admitted else reason.strip(),
            referral_advice="" if admitted else referral_advice.strip(),
            motivation=motivation.strip(),
            hard_criteria=hard,
            is_override=is_override,
            override_motivation=override_motivation.strip() if is_override else "",
            criteria_set_id=snapshot.get("criteria_set_id"),
            criteria_set_version=str(snapshot.get("criteria_set_version") or ""),
            evaluation=snapshot,
        )
        decision.full_clean()
        decision.save()
        event_record(
            type=EventType.DECISION_PROPOSED,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
            payload=_decision_payload(decision),
        )
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="triage_decision",
            object_id=decision.pk,
            person_id=nomination.person_id,
            detail={"nomination": nomination.pk, "kind": decision.kind},
        )
    return decision


def _check_proposal(
    kind: NominationOutcome,
    motivation: str,
    target_group: str,
    reason: str,
    regisseur: User | None,
    first_review_date: date | None,
    today: date,
) -> None:
    errors: dict[str, str] = {}
    if not motivation.strip():
        errors["motivation"] = _("Motiveer het besluit.")
    if kind == NominationOutcome.ADMITTED:
        if not target_group:
            errors["target_group"] = _("Kies de doelgroep waarin de persoon instroomt.")
        if regisseur is None or not regisseurs().filter(pk=regisseur.pk).exists():
            errors["regisseur"] = _("Kies een actieve gebruiker met de rol regisseur.")
        if first_review_date is None:
            errors["first_review_date"] = _("Geef de datum van de eerste toets.")
        elif first_review_date <= today:
            errors["first_review_date"] = _("De eerste toets ligt na vandaag.")
    elif not reason.strip():
        errors["reason"] = _("Geef de reden van de afwijzing.")
    if errors:
        raise ValidationError(errors)


def _hard_outcome(snapshot: Mapping[str, Any]) -> CriteriaOutcome:
    value = snapshot.get("hard_criteria")
    return CriteriaOutcome(value) if value in CriteriaOutcome.values else CriteriaOutcome.UNKNOWN


def _decision_payload(decision: TriageDecision) -> dict[str, Any]:
    return {
        "decision": decision.pk,
        "outcome": decision.kind,
        "target_group": decision.target_group or decision.nomination.proposed_target_group,
        "hard_criteria": decision.hard_criteria,
        "is_override": decision.is_override,
        "criteria_set_id": decision.criteria_set_id,
        "criteria_set_version": decision.criteria_set_version,
    }


def _locked_proposal(actor: User, decision: TriageDecision) -> TriageDecision:
    decision = (
        TriageDecision.objects.select_for_update(of=("self",))
        .select_related("nomination__person", "regisseur")
        .get(pk=decision.pk)
    )
    if not actor.has_role("triage_chair"):
        raise PermissionDenied
    _require(actor, Action.DECIDE, decision.nomination)
    if decision.status != DecisionStatus.PROPOSED:
        raise ValidationError(_("Dit besluit is niet (meer) voorgesteld."))
    if decision.proposed_by_id == actor.pk:
        raise ValidationError(FOUR_EYES_MESSAGE)
    return decision


def decision_confirm(*, actor: User, decision: TriageDecision) -> TriageDecision:
    """The chair's second signature. The nomination is decided; on admission the case is
    opened (through the cases port) and the admission letter is created. Raises
    ``ValidationError`` when the actor proposed the decision themselves (four eyes)."""
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        decision = _locked_proposal(actor, decision)
        nomination = decision.nomination
        decision.status = DecisionStatus.CONFIRMED
        decision.confirmed_by = actor
        decision.confirmed_at = now
        decision.full_clean()
        decision.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        nomination.status = NominationStatus.DECIDED
        nomination.outcome = decision.kind
        nomination.decided_at = now
        nomination.save(update_fields=["status", "outcome", "decided_at"])
        case_id, letter = None, None
        if decision.kind == NominationOutcome.ADMITTED:
            if decision.regisseur is None or decision.first_review_date is None:
                raise ValidationError(_("Een toelating heeft een regisseur en een eerste toets."))
            case_id = cases_port.open_case_for_admission(
                actor=actor,
                nomination=nomination,
                target_group=decision.target_group,
                regisseur=decision.regisseur,
                start_date=today,
                first_review_date=decision.first_review_date,
            )
            letter = _letter_create(actor, decision, case_id, now)
        event_record(
            type=EventType.DECISION_CONFIRMED,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
            case_id=case_id,
            payload={**_decision_payload(decision), "letter": letter.pk if letter else None},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="triage_decision",
            object_id=decision.pk,
            person_id=nomination.person_id,
            detail={"nomination": nomination.pk, "status": decision.status},
        )
    return decision


def _letter_create(
    actor: User, decision: TriageDecision, case_id: int | None, now: datetime
) -> Letter:
    person = decision.nomination.person
    letter = Letter(
        person=person,
        nomination=decision.nomination,
        decision=decision,
        case_id=case_id,
        to_parents=age_on(person.date_of_birth, timezone.localdate(now)) < 18,
        created_at=now,
    )
    letter.full_clean()
    letter.save()
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        object_type="letter",
        object_id=letter.pk,
        person_id=person.pk,
        detail={"decision": decision.pk},
    )
    return letter


def decision_return(*, actor: User, decision: TriageDecision, note: str) -> TriageDecision:
    """The chair sends a proposal back to triage with a note; the assessment opens again."""
    if not note.strip():
        raise ValidationError({"note": _("Schrijf wat triage nog moet doen.")})
    with transaction.atomic():
        decision = _locked_proposal(actor, decision)
        decision.status = DecisionStatus.RETURNED
        decision.returned_by = actor
        decision.returned_at = timezone.now()
        decision.return_note = note.strip()
        decision.save(update_fields=["status", "returned_by", "returned_at", "return_note"])
        event_record(
            type=EventType.DECISION_RETURNED,
            actor=actor,
            person=decision.nomination.person,
            nomination_id=decision.nomination_id,
            payload={"decision": decision.pk},
        )
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="triage_decision",
            object_id=decision.pk,
            person_id=decision.nomination.person_id,
            detail={"nomination": decision.nomination_id, "status": decision.status},
        )
    return decision
