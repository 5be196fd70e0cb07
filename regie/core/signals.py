"""After ``migrate``: create the database cache table that login throttling relies on."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.management import call_command


def create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    if sender.label != "accounts":
        return
    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)
