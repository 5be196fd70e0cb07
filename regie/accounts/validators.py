"""Password rules: long enough, and not known from breaches.

Regie runs without internet access to a breach API, so it checks against a shipped list of the
most common passwords found in breaches (Django's list of 20,000, extended by ``breached.txt``)
and against trivial patterns: the organisation's name, the word "regie" and keyboard runs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PATTERNS = re.compile(r"(regie|wachtwoord|password|qwerty|azerty|welkom|12345)", re.I)


@cache
def _breached() -> frozenset[str]:
    path = Path(__file__).with_name("breached.txt")
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


class BreachedPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        if lowered in _breached() or _PATTERNS.search(lowered):
            raise ValidationError(
                _("Dit wachtwoord komt voor in lijsten van gelekte of veelgebruikte wachtwoorden."),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord mag niet voorkomen in lijsten van gelekte wachtwoorden.")


class DutchMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule with a Dutch message: Django 5.2 changed the English text, and its
    Dutch translation has not followed, so the refusal would otherwise appear in English."""

    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te kort: gebruik ten minste %(min_length)d tekens.") % {
            "min_length": self.min_length
        }
