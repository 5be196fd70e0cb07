"""``flush`` that can empty the append-only audit table, on development and test databases only.

The triggers that refuse DELETE/TRUNCATE are lifted for the flush and put back after it. In the
production profile (no ``DEBUG``, no ``REGIE_TESTING``) ``flush`` refuses: it would erase the
audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from regie.audit import triggers


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        if not (settings.DEBUG or getattr(settings, "TESTING", False)):
            raise CommandError(
                "flush wist ook de auditlog en werkt daarom alleen met DEBUG=true of in tests."
            )
        with triggers.lifted(connections[options["database"]]):
            super().handle(**options)
