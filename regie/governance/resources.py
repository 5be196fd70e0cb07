"""Criteria sets and committee documents as resources of the access policy (rules.py:
oversight and admin). Neither holds personal data; the published criteria page reads sets
without a scope."""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.criteria.models import CriteriaSet
from regie.governance.models import CommitteeDocument

register(Resource("criteria_set", CriteriaSet, own_org=lambda u: Q(pk__in=[])))
register(
    Resource(
        "committee_document",
        CommitteeDocument,
        own_org=lambda u: Q(recorded_by__organisation_id=u.organisation_id),
    )
)
