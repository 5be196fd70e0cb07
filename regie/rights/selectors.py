"""Reading subject requests, restrictions and notifications.

The privacy officer handles requests: every selector here is called behind the
``privacy_officer`` role gate or through the access policy's ``subject_request`` resource.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from regie.access.policy import access, scope
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.events.models import CaseEvent
from regie.persons.models import Person
from regie.rights.models import (
    OPEN_STATUSES,
    Notification,
    ProcessingRestriction,
    SubjectRequest,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from regie.accounts.models import User


def restricted_person_ids() -> QuerySet[Any]:
    """The ids of persons whose processing is restricted now (a subquery for the policy)."""
    return ProcessingRestriction.objects.filter(lifted_at__isnull=True).values("person_id")


def active_restriction(person_id: int) -> ProcessingRestriction | None:
    return ProcessingRestriction.objects.filter(person_id=person_id, lifted_at__isnull=True).first()


def requests_visible(user: User | AnonymousUser) -> QuerySet[SubjectRequest]:
    return scope(user, Action.VIEW, SubjectRequest).select_related("person", "handler")


def request_get(
    *, user: User | AnonymousUser, pk: int, action: Action = Action.VIEW
) -> SubjectRequest:
    """One request, authorised (a ``VIEW`` audited with the person's id); ``Http404`` otherwise."""
    qs = SubjectRequest.objects.select_related("person", "handler", "created_by")
    return access(user, action, qs, pk=pk)


@dataclass(frozen=True)
class Overdue:
    request: SubjectRequest
    days_overdue: int


def overdue_requests(user: User | AnonymousUser, *, today: date | None = None) -> list[Overdue]:
    """Open requests whose deadline has passed, longest overdue first."""
    today = today or timezone.localdate()
    rows = requests_visible(user).filter(status__in=OPEN_STATUSES, deadline__lt=today)
    return [Overdue(r, (today - r.deadline).days) for r in rows.order_by("deadline", "pk")]


def notifications_for(user: User) -> QuerySet[Notification]:
    """The notifications of the user's organisation, newest first."""
    return (
        Notification.objects.filter(organisation_id=user.organisation_id or 0)
        .select_related("person", "rectification", "read_by")
        .order_by("-created_at", "-pk")
    )


def person_identify(
    *, user: User, bsn: str = "", last_name: str = "", date_of_birth: date | None = None
) -> list[Person]:
    """The person a request is about, found by the contact point: BSN exact, else last name
    (case-insensitive) and date of birth. Unscoped by the policy — the privacy officer handles
    requests about anyone, restricted or not — and audited as a search (ids only). A merged
    duplicate answers with the person it was merged into."""
    from regie.persons.selectors import survivor_of

    if bsn:
        hits = list(Person.objects.filter(bsn=bsn))
        by = "bsn"
    elif date_of_birth is None:
        hits, by = [], "naam"
    else:
        hits = list(
            Person.objects.filter(last_name__iexact=last_name.strip(), date_of_birth=date_of_birth)
        )
        by = "naam"
    persons = list({p.pk: p for p in (survivor_of(h) for h in hits)}.values())
    audit_record(
        action=AuditAction.SEARCH,
        actor=user,
        object_type="person",
        purpose="verzoek betrokkene",
        detail={"by": by, "results": len(persons), "ids": [p.pk for p in persons]},
    )
    return persons


def request_history(request: SubjectRequest) -> QuerySet[CaseEvent]:
    """The domain events of one request, oldest first."""
    return (
        CaseEvent.objects.filter(payload__request=request.pk)
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )
