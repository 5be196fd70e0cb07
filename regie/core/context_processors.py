from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from regie.core.navigation import items_for


def regie(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user.role_codes if user is not None and user.is_authenticated else frozenset()
    return {
        "navigation": items_for(roles) if roles else [],
        "demo_mode": settings.DEMO_MODE,
    }
