"""Reading one key of an event's payload in SQL, for the monitors' bulk queries."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func, TextField, Value


class PayloadKey(Func):
    """A top-level key of ``CaseEvent.payload`` as a plain SQL value, parsing the JSON once.

    ``payload ->> 'key'`` on PostgreSQL (text: ``'true'``, ``'12'``); ``JSON_EXTRACT(payload,
    '$."key"')`` on SQLite (its own type: ``1`` for true, ``12``, text). Django's ``KT`` gives
    the same on PostgreSQL but on SQLite asks ``JSON_TYPE`` and then ``JSON_EXTRACT``: two
    parses of the payload per key and row, which at national scale was most of the yearly
    monitor's event queries. Callers accept either spelling of a boolean or number."""

    output_field = TextField()

    def __init__(self, key: str, field: str = "payload") -> None:
        self.key = key
        super().__init__(F(field))

    def _with(self, argument: str) -> PayloadKey:
        clone = self.copy()
        clone.set_source_expressions([*self.get_source_expressions(), Value(argument)])
        return clone

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self._with(f'$."{self.key}"').as_sql(
            compiler, connection, function="JSON_EXTRACT", **extra
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self._with(self.key).as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" ->> ", **extra
        )
