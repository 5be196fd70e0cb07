"""Reading one payload key in SQL: the same values as the payload holds, on both databases."""

from __future__ import annotations

import pytest
from django.db.models import Count

from regie.events.models import CaseEvent, EventType
from regie.events.payload import PayloadKey
from regie.events.services import event_record

pytestmark = pytest.mark.django_db


def test_a_payload_key_reads_text_numbers_booleans_and_missing_keys() -> None:
    event = event_record(
        type=EventType.REVIEW_HELD,
        actor=None,
        payload={"on_time": True, "late": False, "days": 12, "reason": "verhuisd", "it's": "x"},
    )
    row = (
        CaseEvent.objects.filter(pk=event.pk)
        .annotate(
            on_time=PayloadKey("on_time"),
            late=PayloadKey("late"),
            days=PayloadKey("days"),
            reason=PayloadKey("reason"),
            quoted=PayloadKey("it's"),
            missing=PayloadKey("absent"),
        )
        .values("on_time", "late", "days", "reason", "quoted", "missing")
        .get()
    )
    # PostgreSQL gives text, SQLite its own type; callers accept either spelling.
    assert str(row["on_time"]).lower() in {"true", "1"}
    assert str(row["late"]).lower() in {"false", "0"}
    assert int(row["days"]) == 12
    assert (row["reason"], row["quoted"], row["missing"]) == ("verhuisd", "x", None)


def test_a_payload_key_filters_and_groups() -> None:
    for reason in ("verhuisd", "verhuisd", "overleden"):
        event_record(type=EventType.OUTFLOW_CONFIRMED, actor=None, payload={"reason": reason})
    counts = dict(
        CaseEvent.objects.annotate(reason=PayloadKey("reason"))
        .filter(reason="verhuisd")
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    assert counts == {"verhuisd": 2}
