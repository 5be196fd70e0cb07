"""The demo reviews: years of reviews, outflows for every reason, handovers in every state, a
transition cohort — built through the services, and only once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.cases.demo import build_demo as build_cases
from regie.demo.region import build_region
from regie.events.models import CaseEvent, EventType
from regie.persons.models import Gender, Person
from regie.reviews.demo import build_demo
from regie.reviews.models import (
    FollowUp,
    Handover,
    HandoverStatus,
    Outflow,
    OutflowReason,
    Review,
    ReviewKind,
    TransitionReview,
)

pytestmark = pytest.mark.django_db


def _persons(n: int) -> None:
    Person.objects.bulk_create(
        Person(
            first_name=f"Demo{i}",
            last_name="Persoon",
            date_of_birth=date(1990 + i % 15, 1 + i % 12, 1 + i % 28),
            gender=Gender.MAN,
            municipality="amsterdam",
        )
        for i in range(n)
    )


def _counts() -> tuple[int, ...]:
    models = (Review, Outflow, Handover, FollowUp, TransitionReview, CaseEvent)
    return tuple(model.objects.count() for model in models)


def test_demo_reviews_cover_every_outflow_reason_and_handover_state_and_are_built_once() -> None:
    build_region(seed=5)
    _persons(12)
    build_cases(seed=5)
    _persons(30)

    build_demo(seed=5)
    counts = _counts()
    build_demo(seed=5)

    assert _counts() == counts
    today = timezone.localdate()
    years = {r.held_on.year for r in Review.objects.all()}
    assert min(years) <= today.year - 2
    assert set(Outflow.objects.values_list("reason", flat=True)) == set(OutflowReason.values)
    assert set(Handover.objects.values_list("status", flat=True)) == set(HandoverStatus.values)
    assert FollowUp.objects.exists()
    assert TransitionReview.objects.count() == 10
    assert Review.objects.filter(kind=ReviewKind.TRANSITION).exists()
    held = CaseEvent.objects.filter(type=EventType.REVIEW_HELD)
    assert held.filter(occurred_at__date__lt=today - timedelta(days=365)).exists()
