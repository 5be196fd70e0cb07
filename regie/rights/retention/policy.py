"""Retention as configuration: per record kind a term, a trigger and the source of the default.

Each kind is a ``RetentionKind`` registered with ``register_kind`` (the shipped kinds are in
``regie.rights.retention.kinds``; a new app registers its own). The term of any kind can be
changed in settings without code: ``REGIE_RETENTION = {"nomination_declined": 18}`` (months).

None of the defaults is taken from a legal text that fixes it for Regie: the WGS and the Besluit
gegevensverwerking door samenwerkingsverbanden leave terms to the samenwerkingsverband within
"niet langer dan noodzakelijk" (AVG art. 5 lid 1 sub e). Every default therefore says what it
rests on and that the legal text (and the privacy regulation of the samenwerkingsverband) has
to confirm it before production (docs/rights.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet


class Gone:
    """What a dry run has listed so far, and what deleting it would take along: record ids per
    model. The dry run only reads, so later kinds see these records still in the database;
    ``Gone`` is how they see past them (a letter that went with its nomination, a person whose
    last nomination goes)."""

    def __init__(self) -> None:
        self._ids: defaultdict[type[Model], set[int]] = defaultdict(set)

    def add(self, model: type[Model], ids: Iterable[int]) -> None:
        self._ids[model].update(ids)

    def __getitem__(self, model: type[Model]) -> set[int]:
        return self._ids[model]


@dataclass(frozen=True)
class RetentionKind:
    """One kind of record with its retention rule.

    ``expired(cutoff)`` returns the records whose trigger date lies before ``cutoff`` (today
    minus the term); ``trigger(obj)`` is that date, ``created(obj)`` when the record arose,
    ``person_id(obj)`` whom it concerns (for legal holds and the audit log) and ``delete(obj)``
    removes it, returning the counts of what went with it. ``deletes=False`` marks a kind the
    run only reports (audit events).

    The dry run deletes nothing, so a kind whose ``delete`` removes records of a kind handled
    later says which: ``takes_along(objs, gone)`` adds them to ``gone``. A kind whose expiry
    depends on records other kinds delete gives ``expired_if_gone(cutoff, gone)``: the records
    that would be expired once everything in ``gone`` is. ``test_retention`` holds both to what
    the real run deletes.
    """

    key: str
    label: str
    months: int
    trigger_label: str
    source: str
    order: int
    expired: Callable[[date], QuerySet[Any]]
    trigger: Callable[[Any], date | None]
    created: Callable[[Any], Any] = lambda obj: None
    person_id: Callable[[Any], int | None] = lambda obj: None
    delete: Callable[[Any], dict[str, int]] | None = None
    deletes: bool = True
    takes_along: Callable[[list[Any], Gone], None] | None = None
    expired_if_gone: Callable[[date, Gone], Iterable[Any]] | None = None

    @property
    def term_months(self) -> int:
        overrides: dict[str, int] = getattr(settings, "REGIE_RETENTION", {})
        return int(overrides.get(self.key, self.months))

    @property
    def term_text(self) -> str:
        months = self.term_months
        if months % 12 == 0 and months >= 12:
            years = months // 12
            return f"{years} jaar" if years != 1 else "1 jaar"
        return f"{months} maanden" if months != 1 else "1 maand"


_kinds: dict[str, RetentionKind] = {}


def register_kind(kind: RetentionKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[RetentionKind]:
    """Every kind, in the order the run handles them (records pointing at others first)."""
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def kind(key: str) -> RetentionKind:
    return _kinds[key]
