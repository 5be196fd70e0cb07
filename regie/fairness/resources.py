"""The fairness monitor's tables as resources of the access policy (rules.py). Neither belongs
to an organisation; the rules grant them to roles as a whole."""

from __future__ import annotations

from django.db.models import Q

from regie.access.policy import Resource, register
from regie.fairness.models import MonitoringAttribute, ReferencePopulation

register(Resource("monitoring_attribute", MonitoringAttribute, own_org=lambda u: Q(pk__in=[])))
register(Resource("reference_population", ReferencePopulation, own_org=lambda u: Q(pk__in=[])))
