"""The foundation's protected resources. Later apps register theirs in their own ``ready()``."""

from __future__ import annotations

from django.db.models import Q

from regie.access.models import BreakGlassGrant
from regie.access.policy import Resource, register
from regie.accounts.models import Organisation, User
from regie.audit.models import AuditEvent

register(Resource("organisation", Organisation, own_org=lambda u: Q(pk=u.organisation_id)))
register(Resource("user", User, own_org=lambda u: Q(organisation_id=u.organisation_id)))
register(
    Resource("audit_event", AuditEvent, own_org=lambda u: Q(organisation_id=u.organisation_id))
)
register(
    Resource(
        "break_glass", BreakGlassGrant, own_org=lambda u: Q(user__organisation_id=u.organisation_id)
    )
)
