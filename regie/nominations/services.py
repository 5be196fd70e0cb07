"""Every write on nominations by the nominating partner: save a draft, submit, withdraw.

Triage's transitions (in triage, decided) live in ``regie.triage``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can, ensure_not_restricted
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.domain import LifeDomain
from regie.events.models import EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination, NominationConcern, NominationStatus, Urgency
from regie.persons.services import may

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.persons.models import Person

# A nomination can be withdrawn until the decision.
WITHDRAWABLE = (NominationStatus.CONCEPT, NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)


def _audit(actor: User, nomination: Nomination, action: AuditAction, **detail: str) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="nomination",
        object_id=nomination.pk,
        person_id=nomination.person_id,
        detail=detail,
    )


def _set_concerns(nomination: Nomination, concerns: Mapping[str, str]) -> None:
    wanted = {d: t.strip() for d, t in concerns.items() if d in LifeDomain.values and t.strip()}
    nomination.concerns.exclude(domain__in=wanted).delete()
    existing = {c.domain: c for c in nomination.concerns.all()}
    for domain, text in wanted.items():
        concern = existing.get(domain) or NominationConcern(nomination=nomination, domain=domain)
        if concern.description != text:
            concern.description = text
            concern.full_clean()
            concern.save()


def nomination_save_draft(
    *,
    actor: User,
    person: Person | None = None,
    nomination: Nomination | None = None,
    proposed_target_group: str = "",
    reasons: str = "",
    urgency: str = Urgency.NORMAL,
    tried_already: str = "",
    concerns: Mapping[str, str] | None = None,
) -> Nomination:
    """Start a draft for ``person`` or save an existing draft ``nomination``. A draft needs
    nothing but the person; the rest is checked on submit.

    Raises ``PermissionDenied`` when the actor may not nominate (or change this nomination) and
    ``ValidationError`` when the nomination is no longer a draft or a value is invalid.
    """
    with transaction.atomic():
        if nomination is None:
            if person is None or not may(actor, Action.CREATE, Nomination):
                raise PermissionDenied
            if person.merged_into_id is not None:
                raise ValidationError(_("Deze persoon is samengevoegd met een andere."))
            ensure_not_restricted(person)
            nomination = Nomination(
                person=person,
                nominating_organisation=actor.organisation,
                nominated_by=actor,
            )
            action = AuditAction.CREATE
        else:
            if not can(actor, Action.CHANGE, nomination):
                raise PermissionDenied
            nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
            if nomination.status != NominationStatus.CONCEPT:
                raise ValidationError(_("Alleen een concept kan nog worden gewijzigd."))
            action = AuditAction.CHANGE
        nomination.proposed_target_group = proposed_target_group
        nomination.reasons = reasons.strip()
        nomination.urgency = urgency
        nomination.tried_already = tried_already.strip()
        nomination.full_clean()
        nomination.save()
        _set_concerns(nomination, concerns or {})
        _audit(actor, nomination, action, status=NominationStatus.CONCEPT)
    return nomination


def _previous_case_id(nomination: Nomination) -> int | None:
    if not apps.is_installed("regie.cases"):
        return None
    Case = apps.get_model("cases", "Case")
    return (
        Case.objects.filter(person_id=nomination.person_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _missing_for_submit(nomination: Nomination) -> dict[str, str]:
    missing = {}
    if not nomination.proposed_target_group:
        missing["proposed_target_group"] = _("Kies de doelgroep die u voorstelt.")
    if not nomination.reasons.strip():
        missing["reasons"] = _("Beschrijf waarom persoonsgerichte regie volgens u nodig is.")
    if not nomination.concerns.exists():
        missing["concerns"] = _("Beschrijf op minstens één leefgebied welke zorgen u ziet.")
    return missing


def nomination_submit(*, actor: User, nomination: Nomination) -> Nomination:
    """Submit a draft to triage. When the person was in the approach before (re-entry), the
    last case is linked as ``previous_case_id``.

    Raises ``PermissionDenied`` unless the actor may change the nomination, ``ValidationError``
    naming every missing required field (``proposed_target_group``, ``reasons``, ``concerns``)
    or when it is no longer a draft.
    """
    if not can(actor, Action.CHANGE, nomination):
        raise PermissionDenied
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status != NominationStatus.CONCEPT:
            raise ValidationError(_("Deze voordracht is al ingediend."))
        missing = _missing_for_submit(nomination)
        if missing:
            raise ValidationError(missing)
        nomination.status = NominationStatus.SUBMITTED
        nomination.submitted_at = timezone.now()
        nomination.previous_case_id = _previous_case_id(nomination)
        nomination.full_clean()
        nomination.save()
        _audit(actor, nomination, AuditAction.CHANGE, status=nomination.status)
        event_record(
            type=EventType.NOMINATION_SUBMITTED,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
            occurred_at=nomination.submitted_at,
            payload={
                "target_group": nomination.proposed_target_group,
                "urgency": nomination.urgency,
                "organisation_id": nomination.nominating_organisation_id,
                "domains": sorted(nomination.concerns.values_list("domain", flat=True)),
                "previous_case_id": nomination.previous_case_id,
            },
        )
    return nomination


def nomination_withdraw(*, actor: User, nomination: Nomination) -> Nomination:
    """Withdraw a nomination before the decision, by its own organisation.

    Raises ``PermissionDenied`` unless the actor may withdraw it (only the nominating
    organisation may) and ``ValidationError`` once it is decided or already withdrawn.
    """
    if not can(actor, Action.WITHDRAW, nomination):
        raise PermissionDenied
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status not in WITHDRAWABLE:
            raise ValidationError(
                _(
                    "Een voordracht waarover is besloten, of die al is ingetrokken, kan niet meer worden ingetrokken."
                )
            )
        previous = nomination.status
        nomination.status = NominationStatus.WITHDRAWN
        nomination.withdrawn_at = timezone.now()
        nomination.save(update_fields=["status", "withdrawn_at"])
        _audit(actor, nomination, AuditAction.CHANGE, status=nomination.status)
        event_record(
            type=EventType.NOMINATION_WITHDRAWN,
            actor=actor,
            person=nomination.person,
            nomination_id=nomination.pk,
            occurred_at=nomination.withdrawn_at,
            payload={"from_status": previous},
        )
    return nomination
