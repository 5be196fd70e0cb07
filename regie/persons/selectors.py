"""Reading persons and their facts, always through the access policy.

Merged persons (``merged_into`` set) never appear in lists or searches: a search that hits one
by BSN shows the person it was merged into.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from regie.access.policy import access, scope
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.persons.matching import MATCH_THRESHOLD, birth_dates, name_score
from regie.persons.models import JusticeFact, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from regie.accounts.models import User

    AnyUser = User | AnonymousUser

# How many persons born on the searched days are ranked at most (a day rarely has more).
_DOB_ROWS = 500


@dataclass(frozen=True)
class Candidate:
    """A person that may be the one searched for: ``score`` 0–100, ``via`` "bsn" or "naam"."""

    person: Person
    score: int
    via: str


def persons_visible(user: AnyUser, action: Action = Action.VIEW) -> QuerySet[Person]:
    """The persons ``user`` may ``action``, without merged duplicates."""
    return scope(user, action, Person).filter(merged_into__isnull=True)


def person_get(*, user: AnyUser, pk: int, action: Action = Action.VIEW) -> Person:
    """One person, authorised (and a ``VIEW`` audited) by the policy; ``Http404`` otherwise.
    A merged duplicate is still found here, so that its merge can be undone."""
    return access(user, action, Person.objects.select_related("merged_into"), pk=pk)


def survivor_of(person: Person) -> Person:
    """The person a merged duplicate lives on in (itself when it was never merged)."""
    seen = {person.pk}
    while person.merged_into_id is not None and person.merged_into_id not in seen:
        seen.add(person.merged_into_id)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _by_bsn(user: AnyUser, bsn: str, exclude_pk: int | None) -> list[Candidate]:
    hits = list(scope(user, Action.VIEW, Person).filter(bsn=bsn))
    survivor_ids = {survivor_of(p).pk for p in hits} - {exclude_pk}
    return [Candidate(p, 100, "bsn") for p in persons_visible(user).filter(pk__in=survivor_ids)]


def _by_name(
    user: AnyUser,
    *,
    bsn: str,
    first_name: str,
    name_prefix: str,
    last_name: str,
    date_of_birth: datetime.date,
    exclude_pk: int | None,
) -> list[Candidate]:
    qs = persons_visible(user).filter(date_of_birth__in=birth_dates(date_of_birth))
    if bsn:
        # Two different BSNs are two different people, however alike their names.
        qs = qs.filter(Q(bsn__isnull=True) | Q(bsn="") | Q(bsn=bsn))
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    candidates = []
    for person in qs.order_by("pk")[:_DOB_ROWS]:
        score = name_score(
            first_name,
            name_prefix,
            last_name,
            person.first_name,
            person.name_prefix,
            person.last_name,
        )
        if person.date_of_birth != date_of_birth:
            score -= 5  # a swapped day and month is likelier a typo than a match
        if score >= MATCH_THRESHOLD:
            candidates.append(Candidate(person, score, "naam"))
    return sorted(candidates, key=lambda c: (-c.score, c.person.pk))


def person_search(
    *,
    user: AnyUser,
    bsn: str = "",
    first_name: str = "",
    name_prefix: str = "",
    last_name: str = "",
    date_of_birth: datetime.date | None = None,
    exclude_pk: int | None = None,
    limit: int = 10,
    audit_person_id: int | None = None,
) -> list[Candidate]:
    """Candidates for an identity, best first, among the persons ``user`` may see.

    BSN exact first; when that finds nobody (or no BSN is given), name and date of birth with
    typo tolerance (see ``regie.persons.matching``). The search is audited without the terms:
    only how it searched and how many candidates it found.
    """
    candidates: list[Candidate] = []
    by = "naam"
    if bsn:
        candidates = _by_bsn(user, bsn, exclude_pk)
        by = "bsn"
    if not candidates and date_of_birth is not None and last_name:
        candidates = _by_name(
            user,
            bsn=bsn,
            first_name=first_name,
            name_prefix=name_prefix,
            last_name=last_name,
            date_of_birth=date_of_birth,
            exclude_pk=exclude_pk,
        )
        by = "naam"
    candidates = candidates[:limit]
    audit_record(
        action=AuditAction.SEARCH,
        actor=user,
        object_type="person",
        person_id=audit_person_id,
        detail={"by": by, "results": len(candidates), "ids": [c.person.pk for c in candidates]},
    )
    return candidates


def person_duplicates(*, user: AnyUser, person: Person) -> list[Candidate]:
    """Persons that may be the same as ``person`` (for merging), audited as a search."""
    return person_search(
        user=user,
        bsn=person.bsn or "",
        first_name=person.first_name,
        name_prefix=person.name_prefix,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        exclude_pk=person.pk,
        audit_person_id=person.pk,
    )


def person_facts(*, person: Person) -> QuerySet[JusticeFact]:
    """The facts of a person the caller was already authorised for, newest first."""
    return (
        JusticeFact.objects.filter(person=person)
        .select_related("source_organisation")
        .order_by("-date", "-pk")
    )


def person_merged_from(*, person: Person) -> QuerySet[Person]:
    """The duplicates merged into a person the caller was already authorised for."""
    return Person.objects.filter(merged_into=person).order_by("pk")
