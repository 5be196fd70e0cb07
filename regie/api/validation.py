"""Input validation shared by the API's serializers: no unknown fields (no mass assignment),
messages in Dutch and English, BSN and date checks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.validators import RegexValidator
from django.utils import timezone, translation
from rest_framework import serializers

from regie.api.problems import ApiValidationError, FieldError, bilingual, flatten
from regie.persons.models import elfproef

EARLIEST_DATE = date(1900, 1, 1)


class RejectUnknownFieldsMixin:
    """Refuses every key that is not a writable field of the serializer, with the other errors.

    Read-only fields count as unknown too: a client cannot set ``status`` or ``id``.
    """

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        unknown: dict[str, list[Any]] = {}
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = {
                str(key): [
                    serializers.ErrorDetail(
                        str(
                            bilingual(
                                "Onbekend veld; dit veld bestaat niet of is alleen-lezen.",
                                "Unknown field; this field does not exist or is read-only.",
                            )
                        ),
                        code="unknown_field",
                    )
                ]
                for key in data
                if key not in writable
            }
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict):
                raise serializers.ValidationError({**exc.detail, **unknown}) from exc
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


class StrictSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    pass


class EmptyBodySerializer(StrictSerializer):
    """No input: an absent body or ``{}``."""


def validated(serializer_class: type[serializers.BaseSerializer], **kwargs: Any) -> Any:
    """Validate ``data`` with ``serializer_class`` and return ``validated_data``, or raise
    ``ApiValidationError`` with every error's path in Dutch and English.

    Messages are rendered when raised, so on failure the data is validated a second time with
    English active; validation only reads, so this is safe (and only costs on the error path).
    """
    with translation.override("nl"):
        serializer = serializer_class(**kwargs)
        if serializer.is_valid():
            return serializer.validated_data
        dutch = flatten(serializer.errors)
    with translation.override("en"):
        again = serializer_class(**kwargs)
        again.is_valid()
        english = flatten(again.errors)
    if [path for path, _m, _c in english] != [path for path, _m, _c in dutch]:
        english = dutch
    raise ApiValidationError(
        [
            FieldError(path, message_nl, message_en, code)
            for (path, message_nl, code), (_p, message_en, _c) in zip(dutch, english, strict=True)
        ]
    )


BSN_MESSAGE = bilingual(
    "Dit is geen geldig BSN: 9 cijfers die voldoen aan de elfproef.",
    "This is not a valid BSN: 9 digits that pass the eleven test.",
)


def validate_bsn(value: str) -> None:
    if value.isascii() and value.isdigit() and not elfproef(value):
        raise serializers.ValidationError(str(BSN_MESSAGE), code="invalid_bsn")


def bsn_field(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        min_length=9,
        max_length=9,
        validators=[RegexValidator(r"^[0-9]{9}$", message=BSN_MESSAGE), validate_bsn],
        trim_whitespace=False,
        **kwargs,
    )


def validate_past_date(value: date) -> None:
    if value > timezone.localdate():
        raise serializers.ValidationError(
            str(bilingual("Deze datum ligt in de toekomst.", "This date is in the future.")),
            code="future_date",
        )
    if value < EARLIEST_DATE:
        raise serializers.ValidationError(
            str(bilingual("Deze datum ligt vóór 1900.", "This date is before 1900.")),
            code="too_early",
        )


def error(nl: str, en: str, code: str, **params: Any) -> serializers.ErrorDetail:
    """One message in the active language, for errors assembled by hand."""
    return serializers.ErrorDetail(str(bilingual(nl, en, **params)), code=code)
