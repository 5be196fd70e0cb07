"""Demo data for the fairness monitor: the SYNTHETIC example reference population (not CBS
data) for every year it covers and, when the region configured a dimension, synthetic
monitoring attributes for the demo persons."""

from __future__ import annotations

import random
from pathlib import Path

from django.utils import timezone

from regie.accounts.models import User
from regie.fairness.funnel import configured_dimensions
from regie.fairness.imports import reference_population_import
from regie.fairness.models import MonitoringAttribute, ReferencePopulation
from regie.persons.models import Person

EXAMPLE = Path(__file__).parent / "data" / "referentiebevolking-synthetisch-voorbeeld.csv"
SYNTHETIC_VALUES = ("groep A", "groep B", "groep C")


def build_demo(*, seed: int) -> None:
    analyst = User.objects.filter(username="analist", is_active=True).first()
    if analyst is None or ReferencePopulation.objects.exists():
        return
    reference_population_import(actor=analyst, path=EXAMPLE)
    rng = random.Random(seed)
    today = timezone.localdate()
    for code in configured_dimensions():
        MonitoringAttribute.objects.bulk_create(
            MonitoringAttribute(
                person_id=pk,
                dimension=code,
                value=rng.choice(SYNTHETIC_VALUES),
                recorded_at=today,
                source="synthetisch demovoorbeeld",
            )
            for pk in Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True)
        )
