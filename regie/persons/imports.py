"""Importing registered facts (``JusticeFact``) from a CSV or XLSX file, all or nothing.

Every row is checked first; when any row is wrong nothing is imported and every bad row is
reported with its line number and a Dutch reason. A fact is identified by its source
organisation and the source's own key: importing the same file again changes nothing, and a
row whose key exists with other values *updates* that fact (the source is leading; the upsert
is ``fact_store.facts_save``, shared with the partner API). The columns are documented in the
README ("Feiten importeren") and in ``COLUMNS`` below.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from tqdm import tqdm

from regie.access.rules import Action
from regie.accounts.models import Municipality, Organisation
from regie.core.domain import OffenceCategory
from regie.persons import tables
from regie.persons.fact_store import ImportResult, chunks, fact_problems, facts_save
from regie.persons.matching import normalise, surname_key
from regie.persons.models import (
    FactKind,
    JusticeFact,
    OffenceRole,
    Person,
    ResidenceStatus,
    elfproef,
    normalise_bsn,
)
from regie.persons.services import may

if TYPE_CHECKING:
    from regie.accounts.models import User

REQUIRED_COLUMNS = ("source_organisation", "external_key", "kind", "date")
PERSON_COLUMNS = ("bsn", "first_name", "name_prefix", "last_name", "date_of_birth")
FACT_COLUMNS = ("category", "role", "end_date", "residence_status", "municipality")
COLUMNS = REQUIRED_COLUMNS + PERSON_COLUMNS + FACT_COLUMNS
# With ``progress``, a file of at least this many rows gets a progress bar (tqdm, on stderr).
PROGRESS_FROM_ROWS = 1000


@dataclass(frozen=True)
class RowError:
    """One bad row: its line number (0 for the file as a whole) and every reason."""

    line: int
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        where = _("bestand") if self.line == 0 else _("regel %(n)s") % {"n": self.line}
        return f"{where}: {'; '.join(self.reasons)}"


class FactImportError(Exception):
    """Nothing was imported; ``errors`` lists every bad row in file order."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


def _choices(choices: type[TextChoices], **aliases: str) -> dict[str, str]:
    """Accept a choice by its code or its Dutch label, in any case, plus some aliases."""
    accepted = {value.lower(): value for value in choices.values}
    accepted |= {str(label).lower(): value for value, label in choices.choices}
    return accepted | {alias.lower(): value for alias, value in aliases.items()}


_KINDS = _choices(FactKind, delict=FactKind.OFFENCE, verblijf=FactKind.RESIDENCE)
_CATEGORIES = _choices(OffenceCategory)
_ROLES = _choices(OffenceRole)
_RESIDENCE = _choices(ResidenceStatus)
_MUNICIPALITIES = _choices(Municipality)


@dataclass
class _Parsed:
    row: tables.Row
    org: Organisation | None = None
    key: str = ""
    bsn: str = ""
    name_key: tuple[str, str, datetime.date] | None = None
    person_id: int | None = None
    fact: JusticeFact | None = None


class _Checker:
    """Checks rows one by one, collecting every reason a row is wrong."""

    def __init__(self) -> None:
        self.orgs = {o.name.lower(): o for o in Organisation.objects.all()}

    def parse(self, row: tables.Row, reasons: list[str]) -> _Parsed:
        cells = row.cells
        parsed = _Parsed(row)
        if cells.get("__extra__"):
            reasons.append(_("meer waarden dan kolommen"))
        org_name = tables.text(cells.get("source_organisation"))
        parsed.org = self.orgs.get(org_name.lower())
        if not org_name:
            reasons.append(_("source_organisation ontbreekt"))
        elif parsed.org is None:
            reasons.append(_("onbekende bronorganisatie '%(v)s'") % {"v": org_name})
        parsed.key = tables.text(cells.get("external_key"))
        if not parsed.key:
            reasons.append(_("external_key ontbreekt"))
        elif len(parsed.key) > 100:
            reasons.append(_("external_key is langer dan 100 tekens"))
        self._person(parsed, reasons)
        values = {
            "kind": self._choice(cells, "kind", _KINDS, reasons, required=True),
            "category": self._choice(cells, "category", _CATEGORIES, reasons),
            "role": self._choice(cells, "role", _ROLES, reasons),
            "residence_status": self._choice(cells, "residence_status", _RESIDENCE, reasons),
            "municipality": self._choice(cells, "municipality", _MUNICIPALITIES, reasons),
            "date": self._date(cells, "date", reasons, required=True),
            "end_date": self._date(cells, "end_date", reasons),
        }
        if reasons:
            return parsed
        fact = JusticeFact(source_organisation=parsed.org, external_key=parsed.key, **values)
        for field, messages in fact_problems(fact).items():
            reasons.extend(f"{field}: {m}" for m in messages)
        parsed.fact = fact
        return parsed

    def _person(self, parsed: _Parsed, reasons: list[str]) -> None:
        cells = parsed.row.cells
        raw_bsn = cells.get("bsn")
        bsn = normalise_bsn(tables.text(raw_bsn))
        if isinstance(raw_bsn, int | float) and bsn.isdigit():
            bsn = bsn.zfill(9)  # a spreadsheet drops the leading zero of a number
        if bsn:
            if elfproef(bsn):
                parsed.bsn = bsn
            else:
                reasons.append(_("BSN voldoet niet aan de elfproef"))
            return
        first = tables.text(cells.get("first_name"))
        last = tables.text(cells.get("last_name"))
        dob = self._date(cells, "date_of_birth", reasons)
        if not (first and last and dob):
            reasons.append(_("geef een BSN, of voornaam, achternaam en geboortedatum"))
            return
        parsed.name_key = (
            normalise(first),
            surname_key(tables.text(cells.get("name_prefix")), last),
            dob,
        )

    @staticmethod
    def _choice(
        cells: dict[str, Any],
        column: str,
        accepted: dict[str, str],
        reasons: list[str],
        *,
        required: bool = False,
    ) -> str:
        value = tables.text(cells.get(column))
        if not value:
            if required:
                reasons.append(_("%(c)s ontbreekt") % {"c": column})
            return ""
        if value.lower() not in accepted:
            reasons.append(_("onbekende waarde '%(v)s' in kolom %(c)s") % {"v": value, "c": column})
            return ""
        return accepted[value.lower()]

    @staticmethod
    def _date(
        cells: dict[str, Any], column: str, reasons: list[str], *, required: bool = False
    ) -> datetime.date | None:
        try:
            value = tables.date(cells.get(column))
        except ValueError as exc:
            reasons.append(
                _("ongeldige datum '%(v)s' in kolom %(c)s (gebruik JJJJ-MM-DD)")
                % {"v": exc.args[0], "c": column}
            )
            return None
        if value is None and required:
            reasons.append(_("%(c)s ontbreekt") % {"c": column})
        return value


def _survivors(persons: Iterable[Person]) -> dict[int, int]:
    """Person id → id of the person it lives on in (following merges)."""
    target = {p.pk: p.merged_into_id for p in persons}
    pending = {t for t in target.values() if t is not None and t not in target}
    while pending:
        for p in Person.objects.filter(pk__in=pending):
            target[p.pk] = p.merged_into_id
        pending = {t for t in target.values() if t is not None and t not in target}

    def resolve(pk: int) -> int:
        seen = {pk}
        while (next_pk := target.get(pk)) is not None and next_pk not in seen:
            pk = next_pk
            seen.add(pk)
        return pk

    return {pk: resolve(pk) for pk in target}


def _resolve_persons(parsed: list[_Parsed], errors: dict[int, list[str]]) -> None:
    bsns = sorted({p.bsn for p in parsed if p.bsn})
    dobs = sorted({p.name_key[2] for p in parsed if p.name_key})
    by_bsn: dict[str, Person] = {}
    for chunk in chunks(bsns):
        by_bsn |= {p.bsn: p for p in Person.objects.filter(bsn__in=chunk) if p.bsn}
    by_name: dict[tuple[str, str, datetime.date], set[int]] = defaultdict(set)
    named: list[Person] = []
    for chunk in chunks(dobs):
        named += Person.objects.filter(date_of_birth__in=chunk)
    survivor = _survivors([*by_bsn.values(), *named])
    for person in named:
        key = (normalise(person.first_name), surname_key(person.name_prefix, person.last_name))
        by_name[(*key, person.date_of_birth)].add(survivor[person.pk])
    for item in parsed:
        if item.bsn:
            hit = by_bsn.get(item.bsn)
            if hit is None:
                errors[item.row.line].append(_("geen persoon met dit BSN gevonden"))
            else:
                item.person_id = survivor[hit.pk]
        elif item.name_key:
            ids = by_name.get(item.name_key, set())
            if not ids:
                errors[item.row.line].append(_("geen persoon met deze naam en geboortedatum"))
            elif len(ids) > 1:
                errors[item.row.line].append(
                    _("meer dan één persoon met deze naam en geboortedatum: geef het BSN")
                )
            else:
                item.person_id = next(iter(ids))
        if item.fact is not None and item.person_id is not None:
            item.fact.person_id = item.person_id


def _check(rows: list[tables.Row], progress: bool) -> list[_Parsed]:
    checker = _Checker()
    errors: dict[int, list[str]] = defaultdict(list)
    seen: dict[tuple[int, str], int] = {}
    parsed = []
    for row in tqdm(
        rows,
        desc=_("Controleren"),
        unit=" regels",
        disable=not progress or len(rows) < PROGRESS_FROM_ROWS,
    ):
        reasons: list[str] = []
        item = checker.parse(row, reasons)
        if item.org is not None and item.key:
            first = seen.setdefault((item.org.pk, item.key), row.line)
            if first != row.line:
                reasons.append(_("dezelfde external_key staat ook op regel %(n)s") % {"n": first})
        if reasons:
            errors[row.line].extend(reasons)
            item.fact = None
        parsed.append(item)
    _resolve_persons(parsed, errors)
    if errors:
        raise FactImportError(
            [RowError(line, tuple(reasons)) for line, reasons in sorted(errors.items())]
        )
    return parsed


def facts_import(*, actor: User, path: Path, progress: bool = False) -> ImportResult:
    """Import the facts in ``path`` (CSV or XLSX) as ``actor``, all or nothing.

    Raises ``PermissionDenied`` unless the actor may change persons, and ``FactImportError``
    listing every bad row when the file cannot be imported whole. Writes one audit event and,
    when anything changed, one ``FACTS_IMPORTED`` event; announces the persons whose facts
    changed through ``regie.persons.signals.facts_imported``.
    """
    if not may(actor, Action.CHANGE, Person):
        raise PermissionDenied
    try:
        header, rows = tables.read_table(path)
    except tables.TableError as exc:
        raise FactImportError([RowError(0, (str(exc),))]) from exc
    header_reasons = [
        _("kolom %(c)s ontbreekt") % {"c": c} for c in REQUIRED_COLUMNS if c not in header
    ]
    header_reasons += [_("onbekende kolom '%(c)s'") % {"c": c} for c in header if c not in COLUMNS]
    if header_reasons:
        raise FactImportError([RowError(1, tuple(header_reasons))])
    if not rows:
        raise FactImportError([RowError(0, (_("het bestand bevat geen regels met feiten"),))])
    facts = [item.fact for item in _check(rows, progress) if item.fact is not None]
    _stored, result = facts_save(actor=actor, facts=facts)
    return result
