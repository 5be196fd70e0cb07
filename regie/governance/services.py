"""Criteria governance: moving a criteria set concept → voorgelegd → advies ontvangen →
vastgesteld → vervallen, and recording the committees' documents.

Only users whom the policy lets change (``CHANGE``) or decide (``DECIDE``) on the
``criteria_set`` resource — oversight and admin — may move a set. Adoption is four-eyes: the
adopter is never the user who proposed the set. Each step writes a ``CriteriaTransition``, one
``CaseEvent`` and one audit event in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.events.models import EventType
from regie.events.services import event_record
from regie.governance.models import Body, CommitteeDocument, CriteriaTransition, DocumentKind
from regie.persons.services import may

if TYPE_CHECKING:
    from regie.accounts.models import User

FOUR_EYES = _(
    "Vier-ogenprincipe: wie de criteriaset heeft voorgelegd, kan haar niet zelf vaststellen."
)


def _step(
    *,
    actor: User,
    criteria_set: CriteriaSet,
    action: Action,
    expected: tuple[str, ...],
    to_status: CriteriaStatus,
    event: EventType,
    note: str = "",
    effective_from: date | None = None,
    set_fields: dict[str, Any] | None = None,
    **payload: Any,
) -> CriteriaTransition:
    if not can(actor, action, criteria_set):
        raise PermissionDenied
    locked = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if locked.status not in expected:
        raise ValidationError(
            _("Deze stap kan niet vanuit de status '%(status)s'.")
            % {"status": locked.get_status_display()}
        )
    transition = CriteriaTransition(
        criteria_set=locked,
        from_status=locked.status,
        to_status=to_status,
        actor=actor,
        at=timezone.now(),
        note=note.strip(),
        effective_from=effective_from,
    )
    locked.status = to_status
    for name, value in (set_fields or {}).items():
        setattr(locked, name, value)
    try:
        locked.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.messages) from exc
    locked.save()
    transition.full_clean()
    transition.save()
    criteria_set.refresh_from_db()
    detail = {"version": locked.version, "target_group": locked.target_group, **payload}
    event_record(type=event, actor=actor, payload={"criteria_set": locked.pk, **detail})
    audit_record(
        action=AuditAction.CHANGE,
        actor=actor,
        object_type="criteria_set",
        object_id=locked.pk,
        detail={"status": to_status.value, **detail},
    )
    return transition


def proposer_of(criteria_set: CriteriaSet) -> int | None:
    """The user who (last) proposed the set to the committee."""
    return (
        CriteriaTransition.objects.filter(
            criteria_set=criteria_set, to_status=CriteriaStatus.PROPOSED
        )
        .order_by("-at", "-pk")
        .values_list("actor_id", flat=True)
        .first()
    )


def criteria_set_propose(
    *, actor: User, criteria_set: CriteriaSet, note: str = ""
) -> CriteriaTransition:
    """Put a concept set to the rechtmatigheidsadviescommissie (concept → voorgelegd)."""
    with transaction.atomic():
        return _step(
            actor=actor,
            criteria_set=criteria_set,
            action=Action.CHANGE,
            expected=(CriteriaStatus.CONCEPT,),
            to_status=CriteriaStatus.PROPOSED,
            event=EventType.CRITERIA_SET_PROPOSED,
            note=note,
        )


def criteria_set_record_advice(
    *,
    actor: User,
    criteria_set: CriteriaSet,
    advice_date: date,
    title: str,
    text: str,
    body: str = Body.LEGALITY,
) -> CommitteeDocument:
    """Store the committee's advice (date and text) on a proposed set (→ advies ontvangen)."""
    if not text.strip():
        raise ValidationError({"text": _("Leg de tekst van het advies vast.")})
    with transaction.atomic():
        _step(
            actor=actor,
            criteria_set=criteria_set,
            action=Action.CHANGE,
            expected=(CriteriaStatus.PROPOSED,),
            to_status=CriteriaStatus.ADVICE_RECEIVED,
            event=EventType.CRITERIA_ADVICE_RECEIVED,
            note=title,
            advice_date=advice_date.isoformat(),
        )
        return _document(
            actor=actor,
            body=body,
            kind=DocumentKind.ADVICE,
            date=advice_date,
            title=title,
            text=text,
            criteria_set=criteria_set,
        )


def criteria_set_adopt(
    *, actor: User, criteria_set: CriteriaSet, effective_from: date, note: str = ""
) -> CriteriaTransition:
    """Adopt a set after advice (→ vastgesteld) from ``effective_from``. Four eyes: the adopter
    is not the proposer (``ValidationError``). The adopted set of the same target group in
    force until then ends the day before; it stays adopted for its period, so evaluations at
    earlier dates still find it."""
    with transaction.atomic():
        if proposer_of(criteria_set) == actor.pk:
            raise ValidationError(FOUR_EYES)
        transition = _step(
            actor=actor,
            criteria_set=criteria_set,
            action=Action.DECIDE,
            expected=(CriteriaStatus.ADVICE_RECEIVED,),
            to_status=CriteriaStatus.ADOPTED,
            event=EventType.CRITERIA_SET_ADOPTED,
            note=note,
            effective_from=effective_from,
            set_fields={"effective_from": effective_from},
            effective=effective_from.isoformat(),
        )
        earlier = CriteriaSet.objects.select_for_update().filter(
            target_group=criteria_set.target_group,
            status=CriteriaStatus.ADOPTED,
            effective_from__lt=effective_from,
        )
        for older in earlier.exclude(pk=criteria_set.pk):
            if older.effective_until is None or older.effective_until >= effective_from:
                older.effective_until = effective_from - timedelta(days=1)
                older.save(update_fields=["effective_until"])
    return transition


def criteria_set_expire(
    *, actor: User, criteria_set: CriteriaSet, last_day: date, note: str
) -> CriteriaTransition:
    """Withdraw an adopted set (→ vervallen): it no longer applies after ``last_day``."""
    if not note.strip():
        raise ValidationError({"note": _("Geef aan waarom de criteriaset vervalt.")})
    with transaction.atomic():
        return _step(
            actor=actor,
            criteria_set=criteria_set,
            action=Action.DECIDE,
            expected=(CriteriaStatus.ADOPTED,),
            to_status=CriteriaStatus.EXPIRED,
            event=EventType.CRITERIA_SET_EXPIRED,
            note=note,
            set_fields={"effective_until": last_day},
            last_day=last_day.isoformat(),
        )


def _document(*, actor: User, **fields: Any) -> CommitteeDocument:
    document = CommitteeDocument(recorded_by=actor, recorded_at=timezone.now(), **fields)
    document.full_clean()
    document.save()
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        object_type="committee_document",
        object_id=document.pk,
        detail={"body": document.body, "kind": document.kind},
    )
    return document


def committee_document_record(
    *,
    actor: User,
    body: str,
    kind: str,
    date: date,
    title: str,
    text: str,
    criteria_set: CriteriaSet | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> CommitteeDocument:
    """Record an advice or report (klankbordgroep, commissies), linked to a criteria set or
    a period. Raises ``ValidationError`` when it is linked to neither."""
    if not may(actor, Action.CREATE, CommitteeDocument):
        raise PermissionDenied
    with transaction.atomic():
        return _document(
            actor=actor,
            body=body,
            kind=kind,
            date=date,
            title=title.strip(),
            text=text.strip(),
            criteria_set=criteria_set,
            period_start=period_start,
            period_end=period_end,
        )
