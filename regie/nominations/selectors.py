"""Reading nominations, always through the access policy.

The partner's pages only ever show their *own organisation's* nominations (even for a user who
also holds a triage role), and only status, outcome and what the partner submitted: the
assessment lives in ``regie.triage`` and is never read here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from regie.access.policy import access, scope
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.nominations.models import Nomination

if TYPE_CHECKING:
    from regie.accounts.models import User


def _own(user: User) -> QuerySet[Nomination]:
    return Nomination.objects.filter(nominating_organisation_id=user.organisation_id)


def nominations_of_own_organisation(*, user: User) -> QuerySet[Nomination]:
    """ "Mijn voordrachten": the user's organisation's nominations, newest first, with the
    person and the nominating colleague loaded (one query for any number of rows)."""
    return (
        scope(user, Action.VIEW, _own(user))
        .select_related("person", "nominated_by")
        .order_by("-created_at", "-pk")
    )


def audit_list_view(*, user: User, nominations: list[Nomination]) -> None:
    """Record that a list page showed these nominations (ids only)."""
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="nomination",
        detail={"view": "mijn_voordrachten", "ids": [n.pk for n in nominations]},
    )


def nomination_for_partner(*, user: User, pk: int, action: Action = Action.VIEW) -> Nomination:
    """One of the user's organisation's nominations, authorised for ``action`` (a ``VIEW`` is
    audited); any other id answers ``Http404``, whether it exists or not."""
    qs = _own(user).select_related("person", "nominated_by", "nominating_organisation")
    return access(user, action, qs, pk=pk)
