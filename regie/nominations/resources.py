"""Access-policy resources for nominations and persons.

A person "belongs" to an organisation that nominated them; a person is "in a case the user takes
part in" when a case of theirs has the user (or the user's organisation) as participant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Q

from regie.access.policy import NOTHING, Resource, register
from regie.nominations.models import Nomination
from regie.persons.models import Person

if TYPE_CHECKING:
    from regie.accounts.models import User


def _person_own_org(user: User) -> Q:
    return Q(
        pk__in=Nomination.objects.filter(nominating_organisation_id=user.organisation_id).values(
            "person_id"
        )
    )


def _person_participant(user: User) -> Q:
    if not apps.is_installed("regie.cases"):
        return NOTHING
    from regie.cases.selectors import participating_case_q

    Case = apps.get_model("cases", "Case")
    return Q(pk__in=Case.objects.filter(participating_case_q(user)).values("person_id"))


register(
    Resource(
        "nomination",
        Nomination,
        own_org=lambda u: Q(nominating_organisation_id=u.organisation_id),
        person_id=lambda n: n.person_id,
    )
)
register(
    Resource(
        "person",
        Person,
        own_org=_person_own_org,
        participant=_person_participant,
        person_id=lambda p: p.pk,
    )
)
