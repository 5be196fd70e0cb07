"""Reads for the API, always through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import User
from regie.api.models import ApiClient
from regie.nominations.models import Nomination


def nominations_for(user: User, action: Action = Action.VIEW) -> QuerySet[Nomination]:
    """The nominations ``user`` may ``action``, ready for serialising (no N+1), newest first."""
    return (
        scope(user, action, Nomination)
        .select_related("person")
        .prefetch_related("concerns")
        .order_by("-created_at", "-pk")
    )


def api_clients() -> QuerySet[ApiClient]:
    """Every client with its organisation and tokens, for functional administration."""
    return ApiClient.objects.select_related("organisation").prefetch_related("tokens")
