"""The demo experiences: made by the demo analyst through the service, once, and shown."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from regie.accounts.models import User
from regie.demo.region import build_region
from regie.monitor.demo import QUOTES, build_demo
from regie.monitor.models import Experience

pytestmark = pytest.mark.django_db


def test_the_demo_records_experiences_once_and_the_monitor_shows_the_included_ones() -> None:
    build_region(seed=1)
    build_demo(seed=1)
    build_demo(seed=1)
    assert Experience.objects.count() == len(QUOTES)
    included = Experience.objects.filter(included=True, year=timezone.localdate().year)
    assert included.count() == 4
    client = Client()
    client.force_login(User.objects.get(username="analist"))
    html = client.get("/monitor/").content.decode()
    for experience in included:
        assert experience.text in html
    assert "Via de regisseur kon ik weer naar school." not in html  # no consent, not included
