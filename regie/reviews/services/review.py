"""Holding a review, and correcting one (a new record that names the old one; nothing is ever
updated). A review that decides on outflow proposes it in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.cases.models import Case, CaseStatus, Goal
from regie.cases.selectors import CURRENT_GOAL_STATUSES
from regie.cases.services.base import record, require_regisseur
from regie.core.domain import LifeDomain
from regie.criteria.evaluation import evaluate
from regie.criteria.selectors import criteria_set_for_evaluation
from regie.criteria.snapshot import evaluation_to_json
from regie.events.models import EventType
from regie.reviews.config import next_review_due
from regie.reviews.models import (
    Answer,
    Decision,
    FlagResolution,
    GoalProgress,
    Outflow,
    OutflowReason,
    Progress,
    Review,
    ReviewFlag,
    ReviewKind,
    ReviewScore,
    TransitionReview,
)
from regie.reviews.services.common import case_update


@dataclass(frozen=True)
class ReviewContent:
    """What a review records (and a correction may correct): the date, a ZRM score on each of the
    11 life domains, progress per goal (goal id → (progress code, note)), and added value and
    proportionality each with a motivation. ``next_review_date`` only when continuing."""

    held_on: date
    scores: Mapping[str, int]
    progress: Mapping[int, tuple[str, str]]
    added_value: str
    added_value_motivation: str
    proportional: str
    proportionality_motivation: str
    next_review_date: date | None = None


def _check_content(
    content: ReviewContent, *, goals: list[Goal], not_before: date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if content.held_on > today:
        errors["held_on"] = _("Een toets kan niet in de toekomst zijn gehouden.")
    elif content.held_on < not_before:
        errors["held_on"] = _("De toets kan niet vóór %(d)s zijn gehouden.") % {
            "d": not_before.strftime("%d-%m-%Y")
        }
    for domain in LifeDomain:
        if content.scores.get(domain.value) not in (1, 2, 3, 4, 5):
            errors[f"score_{domain.value}"] = _("Geef een ZRM-score van 1 tot en met 5.")
    for goal in goals:
        chosen, _note = content.progress.get(goal.pk, ("", ""))
        if chosen not in Progress.values:
            errors[f"progress_{goal.pk}"] = _("Geef aan hoe dit doel ervoor staat.")
    for question in ("added_value", "proportional"):
        if getattr(content, question) not in Answer.values:
            errors[question] = _("Kies ja of nee.")
    for motivation in ("added_value_motivation", "proportionality_motivation"):
        if not getattr(content, motivation).strip():
            errors[motivation] = _("Motiveer uw antwoord.")
    return errors


def _check_next_date(content: ReviewContent, case: Case) -> dict[str, str]:
    upcoming = content.next_review_date
    if upcoming is None:
        return {"next_review_date": _("Kies de datum van de volgende toets.")}
    latest = next_review_due(case.target_group, content.held_on)
    if upcoming <= content.held_on:
        return {"next_review_date": _("De volgende toets ligt na de datum van deze toets.")}
    if upcoming > latest:
        return {
            "next_review_date": _("Voor deze doelgroep is de volgende toets uiterlijk op %(d)s.")
            % {"d": latest.strftime("%d-%m-%Y")}
        }
    return {}


def _evaluation(case: Case, on_date: date, scores: Mapping[str, int]) -> dict[str, Any] | None:
    """The criteria at the review date with the review's ZRM scores (a concept set when none is
    adopted; the snapshot says so)."""
    criteria_set = criteria_set_for_evaluation(case.target_group, on_date)
    if criteria_set is None:
        return None
    return evaluation_to_json(evaluate(criteria_set, case.person, on_date, dict(scores)))


def _save(review: Review, content: ReviewContent, goal_ids: list[int]) -> None:
    review.full_clean()
    review.save()
    ReviewScore.objects.bulk_create(
        ReviewScore(review=review, domain=domain, score=content.scores[domain])
        for domain in LifeDomain.values
    )
    GoalProgress.objects.bulk_create(
        GoalProgress(
            review=review,
            goal_id=goal_id,
            progress=content.progress[goal_id][0],
            note=content.progress[goal_id][1].strip(),
        )
        for goal_id in goal_ids
    )


def _zrm(content: ReviewContent) -> dict[str, int]:
    return {domain: content.scores[domain] for domain in LifeDomain.values}


def review_last(case: Case) -> Review | None:
    """The case's latest review as it stands (corrections replace what they correct)."""
    return (
        Review.objects.filter(case=case, corrected_by__isnull=True)
        .order_by("-held_on", "-pk")
        .first()
    )


def _kind(case: Case) -> tuple[str, TransitionReview | None]:
    transition = TransitionReview.objects.filter(case=case, review__isnull=True).first()
    if transition is not None:
        return ReviewKind.TRANSITION, transition
    if ReviewFlag.objects.filter(case=case, resolved_at__isnull=True).exists():
        return ReviewKind.EARLY, None
    return ReviewKind.REGULAR, None


def _check_outflow(reason: str, reason_text: str, care_needed: str) -> dict[str, str]:
    errors = {}
    if reason not in OutflowReason.values:
        errors["outflow_reason"] = _("Kies de reden van uitstroom.")
    elif reason == OutflowReason.OTHER and not reason_text.strip():
        errors["outflow_reason_text"] = _("Licht de reden 'anders' toe.")
    if not care_needed.strip():
        errors["care_needed"] = _("Beschrijf welke zorg of ondersteuning nog nodig is.")
    return errors


def review_hold(
    *,
    actor: User,
    case: Case,
    seen_version: int,
    content: ReviewContent,
    decision: str,
    outflow_reason: str = "",
    outflow_reason_text: str = "",
    care_needed: str = "",
) -> Review:
    """Record a review of an active case by its regisseur, with the criteria evaluation at the
    review date. Continuing sets the case's next review date; deciding on outflow proposes it
    (``Outflow``, case → uitstroom voorbereid) for a second person to confirm. Open flags are
    resolved by the review; a pending transition review is settled by it. Writes
    ``review_held`` (and ``outflow_proposed``).

    Raises ``PermissionDenied`` unless the actor is the case's regisseur; ``ValidationError``
    (per form field) for missing or wrong content, a next date beyond the cadence, an inactive
    case, or when the case changed since ``seen_version``.
    """
    require_regisseur(actor, case)
    if case.status != CaseStatus.ACTIVE:
        raise ValidationError(_("Alleen een actieve casus wordt getoetst."))
    goals = list(Goal.objects.filter(plan_id=case.pk, status__in=CURRENT_GOAL_STATUSES))
    last = review_last(case)
    errors = _check_content(
        content, goals=goals, not_before=last.held_on if last else case.start_date
    )
    if decision == Decision.CONTINUE:
        errors |= _check_next_date(content, case)
    elif decision == Decision.OUTFLOW:
        errors |= _check_outflow(outflow_reason, outflow_reason_text, care_needed)
    else:
        errors["decision"] = _("Kies: voortzetten of uitstroom voorbereiden.")
    if errors:
        raise ValidationError(errors)
    kind, transition = _kind(case)
    with transaction.atomic():
        review = Review(
            case=case,
            kind=kind,
            due_date=case.next_review_date,
            held_on=content.held_on,
            held_by=actor,
            added_value=content.added_value,
            added_value_motivation=content.added_value_motivation.strip(),
            proportional=content.proportional,
            proportionality_motivation=content.proportionality_motivation.strip(),
            decision=decision,
            next_review_date=content.next_review_date if decision == Decision.CONTINUE else None,
            evaluation=_evaluation(case, content.held_on, content.scores),
        )
        _save(review, content, [g.pk for g in goals])
        ReviewFlag.objects.filter(case=case, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolution=FlagResolution.REVIEW, resolved_by_review=review
        )
        if transition is not None:
            transition.review = review
            transition.save(update_fields=["review"])
        outflow = None
        if decision == Decision.CONTINUE:
            case_update(
                case=case, seen_version=seen_version, next_review_date=review.next_review_date
            )
        else:
            # Should the outflow be returned, the next review falls due on the cadence.
            case_update(
                case=case,
                seen_version=seen_version,
                status=CaseStatus.OUTFLOW_PREPARED,
                next_review_date=next_review_due(case.target_group, review.held_on),
            )
            outflow = Outflow(
                case=case,
                review=review,
                reason=outflow_reason,
                reason_text=outflow_reason_text.strip(),
                care_needed=care_needed.strip(),
                proposed_by=actor,
            )
            outflow.full_clean()
            outflow.save()
        record(
            actor=actor,
            case=case,
            event=EventType.REVIEW_HELD,
            payload={
                "review_id": review.pk,
                "kind": kind,
                "decision": decision,
                "on_time": review.on_time,
                "due_date": review.due_date.isoformat(),
                "held_on": review.held_on.isoformat(),
                "target_group": case.target_group,
                "added_value": review.added_value,
                "proportional": review.proportional,
                "zrm": _zrm(content),
            },
            audit=AuditAction.CREATE,
            object_type="review",
            object_id=review.pk,
        )
        if outflow is not None:
            record(
                actor=actor,
                case=case,
                event=EventType.OUTFLOW_PROPOSED,
                payload={
                    "outflow_id": outflow.pk,
                    "review_id": review.pk,
                    "reason": outflow.reason,
                    "target_group": case.target_group,
                },
                audit=AuditAction.CREATE,
                object_type="outflow",
                object_id=outflow.pk,
            )
    return review


def review_correct(
    *,
    actor: User,
    review: Review,
    seen_version: int,
    content: ReviewContent,
    reason: str,
) -> Review:
    """Correct a held review: a *new* review that names the one it corrects, with the same
    kind, due date and decision (a different decision needs a new review). The corrected review
    stays unchanged. When the correction moves the next review date of the case's latest
    review, the case follows. Writes ``review_corrected``.

    Raises ``PermissionDenied`` unless the actor is the case's regisseur; ``ValidationError``
    for a review already corrected (correct the newest version), a missing reason, wrong
    content, or a case changed since ``seen_version``.
    """
    case = review.case
    require_regisseur(actor, case)
    if Review.objects.filter(corrects=review).exists():
        raise ValidationError(
            _("Deze toets is al gecorrigeerd; corrigeer de nieuwste vastlegging.")
        )
    goal_ids = list(review.progress.values_list("goal_id", flat=True))
    goals = list(Goal.objects.filter(pk__in=goal_ids))
    earlier = (
        Review.objects.filter(case=case, corrected_by__isnull=True, held_on__lt=review.held_on)
        .exclude(pk=review.pk)
        .order_by("-held_on")
        .first()
    )
    errors = _check_content(
        content, goals=goals, not_before=earlier.held_on if earlier else case.start_date
    )
    if review.decision == Decision.CONTINUE:
        errors |= _check_next_date(content, case)
    if not reason.strip():
        errors["correction_reason"] = _("Beschrijf wat er in de eerdere vastlegging niet klopte.")
    if errors:
        raise ValidationError(errors)
    is_latest = review_last(case) == review
    with transaction.atomic():
        correction = Review(
            case=case,
            kind=review.kind,
            due_date=review.due_date,
            held_on=content.held_on,
            held_by=actor,
            added_value=content.added_value,
            added_value_motivation=content.added_value_motivation.strip(),
            proportional=content.proportional,
            proportionality_motivation=content.proportionality_motivation.strip(),
            decision=review.decision,
            next_review_date=content.next_review_date
            if review.decision == Decision.CONTINUE
            else None,
            corrects=review,
            correction_reason=reason.strip(),
            evaluation=_evaluation(case, content.held_on, content.scores),
        )
        _save(correction, content, goal_ids)
        moves_case = (
            is_latest
            and case.status == CaseStatus.ACTIVE
            and correction.next_review_date is not None
            and correction.next_review_date != case.next_review_date
        )
        if moves_case:
            case_update(
                case=case, seen_version=seen_version, next_review_date=correction.next_review_date
            )
        record(
            actor=actor,
            case=case,
            event=EventType.REVIEW_CORRECTED,
            payload={
                "review_id": correction.pk,
                "corrects_id": review.pk,
                "decision": correction.decision,
                "on_time": correction.on_time,
                "zrm": _zrm(content),
            },
            audit=AuditAction.CREATE,
            object_type="review",
            object_id=correction.pk,
            detail={"corrects": review.pk},
        )
    return correction
