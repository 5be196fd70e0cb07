"""The monitor's resources in the access policy (rules.py).

``monitor`` is the yearly monitor itself: aggregate figures, no model behind it. Its "own
organisation" means "residents of the user's organisation's municipality", so a municipal contact
is granted the monitor for ``own`` only; ``regie.monitor.selectors.monitor_scope`` makes that
decision for every request. ``experience`` is the analyst's register of quotes (no person in it).
"""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.monitor.models import Experience

register(
    Resource(
        "experience",
        Experience,
        own_org=lambda u: Q(consent_recorded_by__organisation_id=u.organisation_id),
        person_lookup="",
    )
)
