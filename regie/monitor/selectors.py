"""Reads for the monitor, scoped by the access policy (rules.py: resources ``monitor`` and
``experience``)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from regie.access.policy import scope
from regie.access.rules import Action, Org, Part, decide
from regie.accounts.models import User
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.monitor.models import Experience
from regie.monitor.yearly import Scope


def own_municipality(user: User) -> str:
    """The municipality whose residents count as the user's "own": their organisation's."""
    return user.organisation.municipality if user.organisation is not None else ""


def may_see_monitor(user: User | AnonymousUser, action: Action = Action.VIEW) -> bool:
    """Whether ``user`` may see the monitor for at least their own municipality."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return any(
        decide(user.role_codes, "monitor", org, Part.NO, action) for org in Org if org != Org.ANY
    )


def monitor_scope(user: User | AnonymousUser, wanted: Scope, action: Action = Action.VIEW) -> Scope:
    """The scope ``user`` may see for the ``wanted`` one, or ``Http404`` (audited).

    A user granted the monitor only for their own municipality (the municipal contact) gets
    their municipality filled in when they did not choose one, and "not found" for another
    municipality or for the whole region.
    """
    if not isinstance(user, User) or not user.is_active:
        raise Http404
    roles = user.role_codes
    own = own_municipality(user)
    municipality = wanted.municipality
    if not municipality and not decide(roles, "monitor", Org.OTHER, Part.NO, action):
        municipality = own
    org = Org.OWN if municipality and municipality == own else Org.OTHER
    if not decide(roles, "monitor", org, Part.NO, action):
        audit_record(
            action=AuditAction.ACCESS_DENIED,
            actor=user,
            object_type="monitor",
            outcome=AuditOutcome.DENIED,
            detail={"requested_action": action.value, "municipality": municipality},
        )
        raise Http404
    return Scope(wanted.year, wanted.peildatum, municipality, wanted.target_group)


def experiences_for(
    user: User | AnonymousUser, action: Action = Action.VIEW
) -> QuerySet[Experience]:
    """The experiences ``user`` may see in the register (none for anyone but the analyst)."""
    return scope(user, action, Experience).select_related("consent_recorded_by")


def experiences_in_monitor(year: int) -> QuerySet[Experience]:
    """The experiences selected for the monitor of ``year``: consent given and included. They
    name nobody, so every monitor reader sees them."""
    return Experience.objects.filter(year=year, included=True, consent_given=True).order_by(
        "kind", "pk"
    )
