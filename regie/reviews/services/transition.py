"""Moving one person from a former approach (Top600, Veilig Alternatief, Doorgroeiers) into the
new way of working: a case marked with its origin, its partners, and a transition review under
the new criteria."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.cases.models import Case, CaseOrigin, Participant
from regie.cases.services import case_open
from regie.cases.services.base import record
from regie.criteria.evaluation import evaluate
from regie.criteria.selectors import criteria_set_for_evaluation
from regie.criteria.snapshot import evaluation_to_json
from regie.events.models import EventType
from regie.persons.models import Person
from regie.reviews.config import transition_review_due
from regie.reviews.models import TransitionReview


def _take_part(*, actor: User, case: Case, organisation: Organisation, role: str) -> None:
    """The partner organisation takes part as a whole, as it did in the former approach."""
    participant = Participant(case=case, organisation=organisation, role=role, added_by=actor)
    participant.full_clean()
    participant.save()
    record(
        actor=actor,
        case=case,
        event=EventType.PARTICIPANT_ADDED,
        payload={
            "participant_id": participant.pk,
            "organisation_id": organisation.pk,
            "user_id": None,
            "role": role,
        },
        audit=AuditAction.CREATE,
        object_type="case_participant",
        object_id=participant.pk,
        detail={"organisation": organisation.pk, "user": None},
    )


def transition_open(
    *,
    actor: User,
    person: Person,
    approach: str,
    target_group: str,
    regisseur: User,
    start_date: date,
    partners: Sequence[tuple[Organisation, str]] = (),
) -> Case:
    """Open the case of a person moved over from ``approach`` (origin), with ``partners``
    (organisation, participant role) taking part, and plan the transition review due by
    REGIE_TRANSITION_REVIEW_DUE (not before the start date): the case's first review. The
    person is evaluated against the criteria set for the target group today (a concept set
    when none is adopted, which the snapshot says) and the evaluation is frozen on the
    transition review. Writes ``case_opened``, ``participant_added`` and
    ``transition_review_planned``.

    Raises what ``case_open`` raises; ``ValidationError`` for an approach that is not a former
    one.
    """
    if approach not in (CaseOrigin.TOP600, CaseOrigin.VEILIG_ALTERNATIEF, CaseOrigin.DOORGROEIERS):
        raise ValidationError({"approach": _("Kies Top600, Veilig Alternatief of Doorgroeiers.")})
    today = timezone.localdate()
    due = max(transition_review_due(), start_date)
    with transaction.atomic():
        case = case_open(
            actor=actor,
            person=person,
            target_group=target_group,
            regisseur=regisseur,
            origin=approach,
            start_date=start_date,
            first_review_date=due,
        )
        for organisation, role in partners:
            if organisation.pk != regisseur.organisation_id:
                _take_part(actor=actor, case=case, organisation=organisation, role=role)
        criteria_set = criteria_set_for_evaluation(target_group, today)
        evaluation = evaluate(criteria_set, person, today) if criteria_set else None
        transition = TransitionReview(
            case=case,
            approach=approach,
            due_date=due,
            criteria_set_id=criteria_set.pk if criteria_set else None,
            criteria_set_version=criteria_set.version if criteria_set else None,
            hard_criteria=evaluation.hard_criteria.value if evaluation else "",
            evaluation=evaluation_to_json(evaluation) if evaluation else None,
            imported_by=actor,
        )
        transition.full_clean()
        transition.save()
        record(
            actor=actor,
            case=case,
            event=EventType.TRANSITION_REVIEW_PLANNED,
            payload={
                "transition_review_id": transition.pk,
                "approach": approach,
                "target_group": target_group,
                "due_date": due.isoformat(),
                "criteria_set_id": transition.criteria_set_id,
                "criteria_set_version": transition.criteria_set_version,
                "criteria_adopted": bool(evaluation and evaluation.criteria_set.adopted),
                "hard_criteria": transition.hard_criteria or None,
            },
            audit=AuditAction.CREATE,
            object_type="transition_review",
            object_id=transition.pk,
        )
    return case
