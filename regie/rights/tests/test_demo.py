"""The demo requests: every state, dated in the past, idempotent, audit chain intact."""

from __future__ import annotations

import pytest

from regie.audit.selectors import audit_verify
from regie.demo.region import build_domain, build_region
from regie.events.models import CaseEvent, EventType
from regie.rights.demo import build_demo
from regie.rights.models import ProcessingRestriction, RequestStatus, SubjectRequest
from regie.rights.selectors import overdue_requests

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_in_every_state_with_past_events(fg):
    build_region(seed=1)
    build_domain(seed=1)
    count = SubjectRequest.objects.count()
    build_demo(seed=1)

    assert SubjectRequest.objects.count() == count == 7
    assert set(SubjectRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert len(overdue_requests(fg)) == 1
    assert ProcessingRestriction.objects.filter(lifted_at__isnull=True).count() == 1
    received = CaseEvent.objects.filter(type=EventType.SUBJECT_REQUEST_RECEIVED)
    assert {e.occurred_at.date() for e in received} == {
        r.received_on for r in SubjectRequest.objects.all()
    }
    assert audit_verify().ok
