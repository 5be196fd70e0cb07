"""The demo region loads the synthetic reference population (and synthetic attributes for a
configured dimension), and its monitor page renders with figures per 10,000 residents."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from regie.accounts.models import User
from regie.audit.selectors import audit_verify
from regie.demo.region import build_domain, build_region
from regie.fairness.demo import build_demo
from regie.fairness.models import MonitoringAttribute, ReferencePopulation

pytestmark = pytest.mark.django_db


@override_settings(REGIE_FAIRNESS_DIMENSIONS={"migratieachtergrond": "Migratieachtergrond"})
def test_the_demo_loads_the_synthetic_reference_population_once() -> None:
    build_region(seed=1)
    build_domain(seed=1)
    count = ReferencePopulation.objects.count()
    build_demo(seed=1)
    assert ReferencePopulation.objects.count() == count == 264
    assert set(ReferencePopulation.objects.values_list("source", flat=True)) == {
        "SYNTHETISCH voorbeeld (geen CBS-gegevens)"
    }
    assert MonitoringAttribute.objects.filter(dimension="migratieachtergrond").exists()
    client = Client()
    client.force_login(User.objects.get(username="analist"))
    year = timezone.localdate().year
    page = client.get("/monitor/eerlijkheid/", {"jaar": str(year), "stap": "voorgedragen"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Migratieachtergrond" in text
    assert "SYNTHETISCH voorbeeld" in text
    assert audit_verify().ok
