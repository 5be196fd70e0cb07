"""The case as a resource of the access policy.

- *own organisation*: the case is run from the user's organisation (its regisseur works there).
  The current table grants nothing on that basis alone; it is the natural meaning should a rule
  ever need it.
- *participant*: the user, or the user's organisation as a whole, takes part in the case
  (``regie.cases.selectors.participating_case_q``). This is what gives regisseurs and partners
  access: need-to-know, not organisation-wide.
"""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.cases.models import Case
from regie.cases.selectors import participating_case_q

register(
    Resource(
        "case",
        Case,
        own_org=lambda u: Q(regisseur__organisation_id=u.organisation_id),
        participant=participating_case_q,
        person_id=lambda c: c.person_id,
    )
)
