"""Importing the reference population and monitoring attributes from CSV/XLSX, all or nothing.

Every row is checked first; when any row is wrong nothing is imported and every bad row is
reported with its line number and a Dutch reason (``regie.persons.imports.RowError``). Both
imports are idempotent: the reference population is keyed by (year, dimension, value), a
monitoring attribute by (person, dimension, recorded_at); importing the same file again changes
nothing, a changed number or value updates the row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from regie.access.policy import require_rule
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.fairness.funnel import configured_dimensions
from regie.fairness.models import MonitoringAttribute, ReferencePopulation
from regie.persons import tables
from regie.persons.imports import RowError
from regie.persons.models import Person, elfproef, normalise_bsn

if TYPE_CHECKING:
    from regie.accounts.models import User

BUILT_IN_DIMENSIONS = ("age_band", "gender", "municipality", "district")
REFERENCE_COLUMNS = ("year", "dimension", "value", "residents", "source")
ATTRIBUTE_REQUIRED = ("dimension", "value", "recorded_at", "source")
ATTRIBUTE_COLUMNS = ("person_id", "bsn", *ATTRIBUTE_REQUIRED)


class FairnessImportError(Exception):
    """Nothing was imported; ``errors`` lists every bad row in file order."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int


def _save(
    model: type[Model],
    candidates: QuerySet[Any],
    parsed: dict[tuple[Any, ...], tuple[Any, ...]],
    errors: dict[int, list[str]],
    *,
    keys: tuple[str, ...],
    values: tuple[str, ...],
    actor: User,
    object_type: str,
) -> ImportResult:
    """All or nothing: refuse with every bad row in ``errors``, or write ``parsed`` (key fields
    → value fields) over the ``candidates`` rows with the same key — new rows in one bulk
    insert, changed ones in one bulk update — with one audit event, in one transaction."""
    bad = {line: r for line, r in errors.items() if r}
    if bad:
        raise FairnessImportError([RowError(line, tuple(r)) for line, r in sorted(bad.items())])
    with transaction.atomic():
        existing = {tuple(getattr(row, key) for key in keys): row for row in candidates}
        new, changed = [], []
        for key, row_values in parsed.items():
            row = existing.get(key)
            if row is None:
                new.append(
                    model(
                        **dict(zip(keys, key, strict=True)),
                        **dict(zip(values, row_values, strict=True)),
                    )
                )
            elif tuple(getattr(row, field) for field in values) != row_values:
                for field, value in zip(values, row_values, strict=True):
                    setattr(row, field, value)
                changed.append(row)
        model.objects.bulk_create(new, batch_size=1000)  # type: ignore[attr-defined]
        if changed:
            model.objects.bulk_update(changed, list(values), batch_size=1000)  # type: ignore[attr-defined]
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type=object_type,
            detail={"rows": len(parsed), "created": len(new), "updated": len(changed)},
        )
    return ImportResult(len(parsed), len(new), len(changed), len(parsed) - len(new) - len(changed))


def _read(path: Path, required: tuple[str, ...], known: tuple[str, ...]) -> list[tables.Row]:
    try:
        header, rows = tables.read_table(path)
    except tables.TableError as exc:
        raise FairnessImportError([RowError(0, (str(exc),))]) from exc
    reasons = [_("kolom %(c)s ontbreekt") % {"c": c} for c in required if c not in header]
    reasons += [_("onbekende kolom '%(c)s'") % {"c": c} for c in header if c not in known]
    if reasons:
        raise FairnessImportError([RowError(1, tuple(reasons))])
    if not rows:
        raise FairnessImportError([RowError(0, (_("het bestand bevat geen regels"),))])
    return rows


def _dimensions() -> set[str]:
    return set(BUILT_IN_DIMENSIONS) | set(configured_dimensions())


def _normalise_value(dimension: str, value: str) -> str:
    # An age band may be typed with a hyphen; the monitor writes "18–22" with an en dash.
    return value.replace("-", "–") if dimension == "age_band" else value


def reference_population_import(*, actor: User, path: Path) -> ImportResult:
    """Import resident counts per (year, dimension, value). Raises ``PermissionDenied`` unless
    the actor may create reference population rows, and ``FairnessImportError`` with every bad
    row when the file cannot be imported whole."""
    require_rule(actor, "reference_population", Action.CREATE)
    rows = _read(path, REFERENCE_COLUMNS, REFERENCE_COLUMNS)
    dimensions = _dimensions()
    errors: dict[int, list[str]] = defaultdict(list)
    parsed: dict[tuple[int, str, str], tuple[int, str]] = {}
    first_line: dict[tuple[int, str, str], int] = {}
    for row in rows:
        cells, reasons = row.cells, errors[row.line]
        if cells.get("__extra__"):
            reasons.append(_("meer waarden dan kolommen"))
        raw_year = tables.text(cells.get("year"))
        year = int(raw_year) if raw_year.isdigit() and 1900 <= int(raw_year) <= 2999 else None
        if year is None:
            reasons.append(_("ongeldig jaar '%(v)s'") % {"v": raw_year})
        dimension = tables.text(cells.get("dimension"))
        if dimension not in dimensions:
            reasons.append(
                _("onbekende dimensie '%(v)s' (kies uit: %(c)s)")
                % {"v": dimension, "c": ", ".join(sorted(dimensions))}
            )
        value = _normalise_value(dimension, tables.text(cells.get("value")))
        if not value:
            reasons.append(_("value ontbreekt"))
        elif len(value) > 100:
            reasons.append(_("value is langer dan 100 tekens"))
        raw = tables.text(cells.get("residents"))
        if not raw.isdigit():
            reasons.append(_("inwoners '%(v)s' is geen geheel getal van 0 of meer") % {"v": raw})
        source = tables.text(cells.get("source"))
        if not source:
            reasons.append(_("source ontbreekt"))
        if reasons or year is None:
            continue
        key = (year, dimension, value)
        first = first_line.setdefault(key, row.line)
        if first != row.line:
            reasons.append(
                _("dezelfde jaar, dimensie en waarde staan ook op regel %(n)s") % {"n": first}
            )
            continue
        parsed[key] = (int(raw), source[:200])
    return _save(
        ReferencePopulation,
        ReferencePopulation.objects.filter(year__in={k[0] for k in parsed}),
        parsed,
        errors,
        keys=("year", "dimension", "value"),
        values=("residents", "source"),
        actor=actor,
        object_type="reference_population",
    )


def monitoring_attributes_import(*, actor: User, path: Path) -> ImportResult:
    """Import monitoring attributes (person by ``person_id`` or ``bsn``) for the dimensions in
    ``REGIE_FAIRNESS_DIMENSIONS``. Raises ``PermissionDenied`` unless the actor may create them,
    and ``FairnessImportError`` with every bad row when the file cannot be imported whole. The
    audit event names no person: the attributes are for aggregate monitoring only."""
    require_rule(actor, "monitoring_attribute", Action.CREATE)
    rows = _read(path, ATTRIBUTE_REQUIRED, ATTRIBUTE_COLUMNS)
    dimensions = configured_dimensions()
    errors: dict[int, list[str]] = defaultdict(list)
    wanted: list[tuple[tables.Row, str, str, str, datetime.date, str]] = []
    for row in rows:
        cells, reasons = row.cells, errors[row.line]
        if cells.get("__extra__"):
            reasons.append(_("meer waarden dan kolommen"))
        person_ref = tables.text(cells.get("person_id"))
        bsn = normalise_bsn(tables.text(cells.get("bsn")))
        if not person_ref and not bsn:
            reasons.append(_("geef person_id of bsn"))
        elif person_ref and not person_ref.isdigit():
            reasons.append(_("person_id '%(v)s' is geen nummer") % {"v": person_ref})
        elif not person_ref and not elfproef(bsn):
            reasons.append(_("BSN voldoet niet aan de elfproef"))
        dimension = tables.text(cells.get("dimension"))
        if dimension not in dimensions:
            known = ", ".join(sorted(dimensions)) or _("geen; stel REGIE_FAIRNESS_DIMENSIONS in")
            reasons.append(
                _("onbekende dimensie '%(v)s' (kies uit: %(c)s)") % {"v": dimension, "c": known}
            )
        value = tables.text(cells.get("value"))
        if not value:
            reasons.append(_("value ontbreekt"))
        elif len(value) > 100:
            reasons.append(_("value is langer dan 100 tekens"))
        try:
            recorded = tables.date(cells.get("recorded_at"))
        except ValueError as exc:
            reasons.append(
                _("ongeldige datum '%(v)s' in kolom recorded_at (gebruik JJJJ-MM-DD)")
                % {"v": exc.args[0]}
            )
            recorded = None
        else:
            if recorded is None:
                reasons.append(_("recorded_at ontbreekt"))
        source = tables.text(cells.get("source"))
        if not source:
            reasons.append(_("source ontbreekt"))
        if not reasons and recorded is not None:
            wanted.append((row, person_ref, bsn, dimension, recorded, value))
    ids = {int(p) for _r, p, _b, _d, _t, _v in wanted if p}
    bsns = {b for _r, p, b, _d, _t, _v in wanted if not p}
    live = Person.objects.filter(merged_into__isnull=True)
    known_ids = set(live.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    by_bsn = dict(live.filter(bsn__in=bsns).values_list("bsn", "pk")) if bsns else {}
    parsed: dict[tuple[int, str, datetime.date], tuple[str, str]] = {}
    first_line: dict[tuple[int, str, datetime.date], int] = {}
    for row, person_ref, bsn, dimension, recorded, value in wanted:
        person_id = int(person_ref) if person_ref else by_bsn.get(bsn)
        if person_id is None or (person_ref and person_id not in known_ids):
            errors[row.line].append(_("geen persoon gevonden bij deze regel"))
            continue
        key = (person_id, dimension, recorded)
        first = first_line.setdefault(key, row.line)
        if first != row.line:
            errors[row.line].append(
                _("dezelfde persoon, dimensie en datum staan ook op regel %(n)s") % {"n": first}
            )
            continue
        parsed[key] = (value, tables.text(row.cells.get("source"))[:200])
    return _save(
        MonitoringAttribute,
        MonitoringAttribute.objects.filter(
            person_id__in={k[0] for k in parsed}, dimension__in={k[1] for k in parsed}
        ),
        parsed,
        errors,
        keys=("person_id", "dimension", "recorded_at"),
        values=("value", "source"),
        actor=actor,
        object_type="monitoring_attribute",
    )
