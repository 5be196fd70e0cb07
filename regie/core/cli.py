"""Helpers for management commands that act in a user's name."""

from __future__ import annotations

from django.core.management.base import CommandError

from regie.accounts.models import User


def acting_user(username: str) -> User:
    """The active account on whose behalf a command runs (every change has a human actor)."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Geen actieve gebruiker '{username}'.")
    return user
