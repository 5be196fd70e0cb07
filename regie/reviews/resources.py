"""Outflow and handover as resources of the access policy (rules in ``regie.access.rules``).

- ``outflow``: *participant* — the user takes part in the outflow's case (the regisseur who
  proposes); *own organisation* — the case is run from the user's organisation (no rule uses
  it). Triage chairs and teamleads decide on every outflow (four eyes), participants or not.
- ``handover``: *own organisation* is the **receiving** organisation: its users see and confirm
  the handovers addressed to it, and nothing else of the case. *Participant*: the user takes
  part in the handover's case.

Reviews and flags are read through their case (``regie.cases.selectors.case_get``), like every
other part of a case.
"""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.accounts.models import User
from regie.cases.models import Case
from regie.cases.selectors import participating_case_q
from regie.reviews.models import Handover, Outflow


def _in_participating_case(user: User) -> Q:
    return Q(case_id__in=Case.objects.filter(participating_case_q(user)).values("pk"))


register(
    Resource(
        "outflow",
        Outflow,
        own_org=lambda u: Q(case__regisseur__organisation_id=u.organisation_id),
        participant=_in_participating_case,
        person_id=lambda o: o.case.person_id,
    )
)
register(
    Resource(
        "handover",
        Handover,
        own_org=lambda u: Q(receiving_organisation_id=u.organisation_id),
        participant=_in_participating_case,
        person_id=lambda h: h.case.person_id,
    )
)
