"""Small helpers for turning model values into readable Dutch text for the export."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.utils import timezone

from regie.rights.inzage.registry import Field


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date | datetime):
        return day(value)
    return str(value)


def fields_of(obj: Model, names: tuple[str, ...]) -> tuple[Field, ...]:
    """The named model fields with their verbose name as label and (for choices) the Dutch
    label as value; empty values are left out."""
    result = []
    for name in names:
        model_field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display is not None and getattr(obj, name) else getattr(obj, name)
        shown = text(value)
        if shown:
            label = str(getattr(model_field, "verbose_name", name))
            result.append(Field(name, label[:1].upper() + label[1:], shown))
    return tuple(result)


def field(name: str, label: str, value: Any) -> Field:
    return Field(name, label, text(value))
