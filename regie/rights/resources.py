"""Subject requests as a resource of the access policy: the privacy officer's (rules.py).

``person_lookup=""``: the restriction of processing never hides the requests themselves, since
handling them (lifting the restriction, erasure, access) must go on during a restriction.
"""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.rights.models import SubjectRequest

register(
    Resource(
        "subject_request",
        SubjectRequest,
        own_org=lambda u: Q(created_by__organisation_id=u.organisation_id),
        person_id=lambda r: r.person_ref,
        person_lookup="",
    )
)
