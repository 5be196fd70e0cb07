"""The one access policy: "may this user do this action on this object?" and "which objects of
this kind may this user see?".

Apps register each protected model as a *resource* with two querysets conditions: which objects
belong to the user's organisation, and which belong to a case the user's organisation takes part
in. The table in ``regie.access.rules`` does the rest. Objects a user may not see answer
``Http404`` ("not found"), never "forbidden", so their existence does not leak; every refusal is
audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.access.rules import (
    BREAK_GLASS_RESOURCES,
    BREAK_GLASS_ROLES,
    Action,
    Org,
    Part,
    Rule,
    rules_for,
)
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from regie.accounts.models import User

M = TypeVar("M", bound=Model)

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Resource:
    """How the policy sees one model.

    ``own_org(user)`` selects the objects that belong to the user's organisation; ``participant(user)``
    those in a case the user (or their organisation) takes part in; ``person_id(obj)`` names the
    regiepersoon an object concerns, for the audit log. Conditions over to-many relations are
    written as ``pk__in`` subqueries so that a scoped queryset never repeats a row.

    ``person_lookup`` is the query path from the model to the regiepersoon's id, used to refuse
    every use of a person whose processing is restricted. When not given it is ``"pk"`` for a
    person and ``"person_id"`` for a model with a ``person`` relation; ``""`` opts out (the
    subject-request handling itself must keep working during a restriction).
    """

    name: str
    model: type[Model]
    own_org: Callable[[User], Q]
    participant: Callable[[User], Q] | None = None
    person_id: Callable[[Any], int | None] | None = None
    person_lookup: str | None = None


_registry: dict[type[Model], Resource] = {}


def register(resource: Resource) -> None:
    _registry[resource.model] = resource


def resource_for(model: type[Model]) -> Resource:
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with the access policy") from None


def _active_user(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "organisation_id", None) is None:
        return None
    return user


def require_rule(user: User, resource: str, action: Action) -> None:
    """For work that is not about one object (an import, an export, registering a research
    project): raise ``PermissionDenied`` unless ``user`` is active and a rule gives one of their
    roles ``action`` on ``resource``."""
    if not user.is_active or not rules_for(resource, user.role_codes, action):
        raise PermissionDenied


def _rule_q(rule: Rule, resource: Resource, user: User) -> Q:
    q = Q()
    if rule.org == Org.OWN:
        q &= resource.own_org(user)
    elif rule.org == Org.OTHER:
        q &= ~resource.own_org(user)
    if rule.part != Part.ANY:
        part_q = resource.participant(user) if resource.participant else NOTHING
        q &= part_q if rule.part == Part.YES else ~part_q
    return q


def _break_glass_q(resource: Resource, user: User, action: Action) -> Q | None:
    if (
        action != Action.VIEW
        or resource.name not in BREAK_GLASS_RESOURCES
        or not user.has_role(*BREAK_GLASS_ROLES)
    ):
        return None
    from regie.access.models import BreakGlassGrant

    # A subquery, not a list read first: the scope's own query reads the live grants (the
    # object ids are stored as text, always the digits of the id: ``break_glass_grant``).
    ids = (
        BreakGlassGrant.objects.filter(
            user=user, resource=resource.name, expires_at__gt=timezone.now()
        )
        .annotate(granted=Cast("object_id", BigIntegerField()))
        .values("granted")
    )
    return Q(pk__in=ids)


# --- Restriction of processing (GDPR art. 18) ------------------------------------------------
# While a person's processing is restricted (``regie.rights``), every scope leaves their objects
# out and ``access`` answers with ``ProcessingRestricted`` instead of the object.


class ProcessingRestricted(PermissionDenied):
    """The person's data may only be stored: no page, export or change while the restriction
    lasts. Raised instead of "not found" to a user who could otherwise see the object."""

    message = _(
        "De verwerking van de gegevens van deze persoon is beperkt op verzoek van de betrokkene "
        "(AVG artikel 18). De gegevens worden alleen bewaard: inzien, exporteren en wijzigen "
        "kan niet zolang de beperking geldt. Neem voor vragen contact op met de functionaris "
        "gegevensbescherming."
    )


def _person_lookup(resource: Resource) -> str | None:
    if resource.person_lookup is not None:
        return resource.person_lookup or None
    if resource.model._meta.label == "persons.Person":
        return "pk"
    field = next((f for f in resource.model._meta.concrete_fields if f.name == "person"), None)
    return "person_id" if field is not None and field.is_relation else None


def _restricted_persons() -> QuerySet[Any] | None:
    """The ids of persons under an active restriction, as a subquery (None without rights)."""
    if not apps.is_installed("regie.rights"):
        return None
    from regie.rights.selectors import restricted_person_ids

    return restricted_person_ids()


def _unrestricted_q(resource: Resource) -> Q:
    lookup = _person_lookup(resource)
    restricted = _restricted_persons() if lookup else None
    if lookup is None or restricted is None:
        return Q()
    return ~Q(**{f"{lookup}__in": restricted})


def person_is_restricted(person_id: int | None) -> bool:
    restricted = _restricted_persons()
    return (
        person_id is not None
        and restricted is not None
        and restricted.filter(person_id=person_id).exists()
    )


def ensure_not_restricted(person: Model | int | None) -> None:
    """For services: raise ``ProcessingRestricted`` when ``person`` (a person or its id) may
    not be used because its processing is restricted."""
    person_id = person.pk if isinstance(person, Model) else person
    if person_is_restricted(person_id):
        raise ProcessingRestricted(ProcessingRestricted.message)


def scope_q(user: User | AnonymousUser | None, action: Action, model: type[Model]) -> Q:
    """The condition selecting the objects of ``model`` that ``user`` may ``action``; never
    the objects of a person whose processing is restricted."""
    q = _scope_q(user, action, model)
    if q == NOTHING:
        return q
    unrestricted = _unrestricted_q(resource_for(model))
    return q & unrestricted if q else unrestricted


def _scope_q(user: User | AnonymousUser | None, action: Action, model: type[Model]) -> Q:
    active = _active_user(user)
    if active is None:
        return NOTHING
    resource = resource_for(model)
    rules = rules_for(resource.name, active.role_codes, action)
    conditions = [_rule_q(rule, resource, active) for rule in rules]
    glass = _break_glass_q(resource, active, action)
    if glass is not None:
        conditions.append(glass)
    if not conditions:
        return NOTHING
    if any(not condition for condition in conditions):
        # An empty Q() grants every object; OR-ing it with Django would drop it instead.
        return Q()
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def scope(
    user: User | AnonymousUser | None, action: Action, queryset: QuerySet[M] | type[M]
) -> QuerySet[M]:
    """Limit ``queryset`` (or all objects of a model) to what ``user`` may ``action``."""
    qs = queryset if isinstance(queryset, QuerySet) else queryset._default_manager.all()
    q = scope_q(user, action, qs.model)
    if q == NOTHING:
        return qs.none()
    return qs.filter(q)


def can(user: User | AnonymousUser | None, action: Action, obj: Model) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` (one query)."""
    return scope(user, action, type(obj)).filter(pk=obj.pk).exists()


def access(
    user: User | AnonymousUser | None,
    action: Action,
    queryset: QuerySet[M] | type[M],
    *,
    audit: bool = True,
    detail: dict[str, Any] | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object *and* authorise it, or raise ``Http404``.

    A refusal is recorded as a failed authorisation whether or not the object exists, with the
    same answer either way. A successful ``VIEW`` is audited (``audit=False`` when the caller
    records a more specific event itself); other actions are audited by the service that
    performs them. ``detail`` (ids only, e.g. ``{"api_client": 3}``) is added to the detail
    of the audit events written here.
    """
    qs = queryset if isinstance(queryset, QuerySet) else queryset._default_manager.all()
    resource = resource_for(qs.model)
    obj = scope(user, action, qs).filter(**lookup).first()
    object_id = lookup.get("pk", lookup.get("id", ""))
    if obj is None:
        restricted = _restricted_in_scope(user, action, qs, lookup)
        audit_record(
            action=AuditAction.ACCESS_DENIED,
            actor=user,
            object_type=resource.name,
            object_id=object_id,
            person_id=restricted,
            outcome=AuditOutcome.DENIED,
            detail={
                "requested_action": action.value,
                **({"restricted": True} if restricted else {}),
                **(detail or {}),
            },
        )
        if restricted:
            raise ProcessingRestricted(ProcessingRestricted.message)
        raise Http404
    if audit and action == Action.VIEW:
        audit_record(
            action=AuditAction.VIEW,
            actor=user,
            object_type=resource.name,
            object_id=obj.pk,
            person_id=resource.person_id(obj) if resource.person_id else None,
            detail={"action": action.value, **(detail or {})},
        )
    return obj


def _restricted_in_scope(
    user: User | AnonymousUser | None, action: Action, qs: QuerySet[M], lookup: dict[str, Any]
) -> int | None:
    """The restricted person behind an object the policy would otherwise let ``user``
    ``action`` (their id), so the refusal can say why instead of "not found"; ``None`` in every
    other case. It starts from the model, not ``qs``: a caller's queryset may itself be built
    on a scope that already leaves restricted persons out."""
    model = qs.model
    person_lookup = _person_lookup(resource_for(model))
    restricted = _restricted_persons() if person_lookup else None
    if person_lookup is None or restricted is None:
        return None
    q = _scope_q(user, action, model)
    if q == NOTHING:
        return None
    return (
        model._default_manager.filter(q)
        .filter(**lookup)
        .filter(**{f"{person_lookup}__in": restricted})
        .values_list(person_lookup, flat=True)
        .first()
    )
