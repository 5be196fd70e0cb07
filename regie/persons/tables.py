"""Reading a table (CSV or XLSX) into numbered rows of cells, for imports.

Line numbers are what a person sees: the header is line 1, in a spreadsheet the row number, in
a CSV file the line on which the row ends. Cells come back as the file holds them (text, or for
XLSX also numbers and dates); the importer interprets them.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SUFFIXES = (".csv", ".xlsx")


class TableError(Exception):
    """The file cannot be read as a table at all (wrong type, no header, unreadable)."""


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, Any]


def _header(values: list[Any]) -> list[str]:
    names = [str(v).strip().lower() if v is not None else "" for v in values]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise TableError(_("De eerste regel moet de kolomnamen bevatten."))
    return names


def _is_empty(values: list[Any] | tuple[Any, ...]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _csv_rows(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(8192)
        handle.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample, delimiters=",;\t"
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        first = next(reader, None)
        if first is None:
            raise TableError(_("Het bestand is leeg."))
        header = _header(first)
        rows = [
            Row(reader.line_num, _cells(header, values))
            for values in reader
            if not _is_empty(values)
        ]
    return header, rows


def _xlsx_rows(path: Path) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(_("Het XLSX-bestand is niet te lezen.")) from exc
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        first = next(values, None)
        if first is None:
            raise TableError(_("Het bestand is leeg."))
        header = _header(list(first))
        rows = [
            Row(line, _cells(header, list(row)))
            for line, row in enumerate(values, start=2)
            if not _is_empty(row)
        ]
    finally:
        workbook.close()
    return header, rows


def _cells(header: list[str], values: list[Any]) -> dict[str, Any]:
    cells = dict(zip(header, values, strict=False))
    extra = [v for v in values[len(header) :] if v not in (None, "")]
    if extra:
        cells["__extra__"] = extra
    return cells


def read_table(path: Path) -> tuple[list[str], list[Row]]:
    """The header (lower-case column names) and the non-empty rows of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TableError(_("Alleen CSV- en XLSX-bestanden kunnen worden ingelezen."))
    if not path.is_file():
        raise TableError(_("Het bestand bestaat niet."))
    try:
        return _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    except UnicodeDecodeError as exc:
        raise TableError(_("Het CSV-bestand is geen UTF-8-tekst.")) from exc


def text(value: Any) -> str:
    """A cell as text; whole numbers from a spreadsheet lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def date(value: Any) -> datetime.date | None:
    """A cell as a date (a spreadsheet date, JJJJ-MM-DD, DD-MM-JJJJ or DD/MM/JJJJ); ``None``
    when empty. Raises ``ValueError`` for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(raw)
