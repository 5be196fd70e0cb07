"""A process that writes audit events, started with ``multiprocessing``'s *spawn* method.

Kept free of Django imports at module level: a spawned child imports this module before it
has set Django up.
"""

from __future__ import annotations

import os
import time
from typing import Any


def write_events(database_url: str, worker: int, count: int, start: Any, windows: Any) -> None:
    """Connect to ``database_url``, wait at ``start`` (a barrier shared with the other writers),
    append ``count`` events, and put when it started and finished on the ``windows`` queue."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import django

    django.setup()
    from django.db import connection

    from regie.audit.models import AuditAction
    from regie.audit.services import audit_record

    try:
        connection.ensure_connection()
        start.wait(timeout=120)
        started = time.monotonic()
        for i in range(count):
            audit_record(
                action=AuditAction.VIEW,
                object_type="process",
                object_id=f"{worker}-{i}",
                detail={"worker": worker},
            )
        windows.put((started, time.monotonic()))
    finally:
        connection.close()
