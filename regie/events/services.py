from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from regie.events.models import CaseEvent, EventType


def event_record(
    *,
    type: EventType,
    actor: Any,
    person: Any = None,
    case_id: int | None = None,
    nomination_id: int | None = None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> CaseEvent:
    """Write one domain event. Call it inside the service's transaction (it joins it)."""
    with transaction.atomic():
        return CaseEvent.objects.create(
            type=type,
            actor=actor if actor is not None and actor.is_authenticated else None,
            person=person,
            case_id=case_id,
            nomination_id=nomination_id,
            payload=payload or {},
            occurred_at=occurred_at or timezone.now(),
        )
