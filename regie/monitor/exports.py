"""The yearly monitor as PDF, CSV and JSON (page, download and ``regie monitor``).

Every format is rendered from the same ``Monitor`` (``regie.monitor.tables``), so the PDF, the
CSV, the JSON and the page show the same cells with the same suppression marks. Hidden counts
are not in the ``Monitor`` at all, so no format can leak them. No format contains a name, BSN or
date of birth: the monitor holds counts and consented, pseudonymised quotes only.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone

from regie.accounts.models import Municipality, User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.domain import TargetGroup
from regie.monitor.models import Experience
from regie.monitor.selectors import experiences_in_monitor
from regie.monitor.tables import Monitor, PublishedTable, build_monitor
from regie.monitor.yearly import Scope

FORMATS = ("pdf", "csv", "json")
TITLE = "Jaarmonitor persoonsgerichte regie"


def describe(scope: Scope) -> str:
    """The scope in words: "Amstelveen · alle doelgroepen · peildatum 1 februari 2026"."""
    where = (
        f"inwoners van {Municipality(scope.municipality).label}"
        if scope.municipality
        else "hele regio"
    )
    group = str(TargetGroup(scope.target_group).label) if scope.target_group else "alle doelgroepen"
    return f"{where} · {group} · peildatum {formats.date_format(scope.peildatum, 'j F Y')}"


def _cell(text: str, value: int | None) -> int | str:
    return value if value is not None else text


def _table_json(table: PublishedTable) -> dict[str, Any]:
    rows = []
    for key, (label, cells, total) in zip(table.row_keys, table.body, strict=True):
        rows.append(
            {
                "code": key,
                "label": label,
                "cells": {
                    column: _cell(cell.text, cell.value)
                    for column, cell in zip(table.column_keys, cells, strict=True)
                },
                **({"total": _cell(total.text, total.value)} if total is not None else {}),
            }
        )
    result: dict[str, Any] = {
        "code": table.key,
        "title": table.title,
        "columns": dict(zip(table.column_keys, table.column_labels, strict=True)),
        "rows": rows,
    }
    if table.table.column_totals is not None:
        result["column_totals"] = {
            column: _cell(cell.text, cell.value)
            for column, cell in zip(table.column_keys, table.table.column_totals, strict=True)
        }
    if table.table.grand_total is not None:
        result["total"] = _cell(table.table.grand_total.text, table.table.grand_total.value)
    return result


def monitor_json(monitor: Monitor, experiences: list[Experience]) -> str:
    scope = monitor.scope
    data = {
        "title": TITLE,
        "year": scope.year,
        "peildatum": scope.peildatum.isoformat(),
        "municipality": scope.municipality or None,
        "target_group": scope.target_group or None,
        "suppression": {
            "threshold": monitor.threshold,
            "primary": f"<{monitor.threshold}",
            "secondary": "x",
        },
        "tables": [_table_json(table) for table in monitor.tables],
        "statistics": [{"label": s.label, "value": s.text} for s in monitor.statistics],
        "year_over_year": {
            "peildata": [day.isoformat() for day in monitor.year_over_year.peildata],
            "rows": [
                {
                    "label": label,
                    "values": {
                        str(year): _cell(s.text, s.value)
                        for year, s in zip(monitor.year_over_year.years, shown, strict=True)
                    },
                }
                for label, shown in monitor.year_over_year.rows
            ],
        },
        "experiences": [{"kind": e.kind, "themes": e.themes, "text": e.text} for e in experiences],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def monitor_csv(monitor: Monitor) -> str:
    """One line per published cell: table, row, column, value (a count, ``<5`` or ``x``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["tabel", "rij", "kolom", "waarde"])
    for table in monitor.tables:
        for label, cells, total in table.body:
            for column, cell in zip(table.column_labels, cells, strict=True):
                writer.writerow([table.title, label, column, cell.text])
            if total is not None:
                writer.writerow([table.title, label, "Totaal", total.text])
        if table.table.column_totals is not None:
            for column, cell in zip(table.column_labels, table.table.column_totals, strict=True):
                writer.writerow([table.title, "Totaal", column, cell.text])
        if table.table.grand_total is not None:
            writer.writerow([table.title, "Totaal", "Totaal", table.table.grand_total.text])
    for statistic in monitor.statistics:
        writer.writerow(["Kengetallen", statistic.label, "", statistic.text])
    yoy = monitor.year_over_year
    for label, shown in yoy.rows:
        for day, cell in zip(yoy.peildata, shown, strict=True):
            writer.writerow(["Jaar op jaar", label, day.isoformat(), cell.text])
    return out.getvalue()


def context(monitor: Monitor, experiences: list[Experience]) -> dict[str, Any]:
    return {
        "monitor": monitor,
        "title": TITLE,
        "description": describe(monitor.scope),
        "charts": monitor.charts(),
        "experiences": experiences,
        "generated_at": timezone.now(),
    }


def monitor_pdf(monitor: Monitor, experiences: list[Experience]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("monitor/yearly_pdf.html", context(monitor, experiences))
    return bytes(HTML(string=html).write_pdf())


def monitor_export(*, actor: User | None, scope: Scope, format: str) -> tuple[bytes, str]:
    """The monitor for an already authorised ``scope`` in ``format`` (pdf, csv or json), with its
    content type. Audited as an export (no person ids: the monitor is aggregate)."""
    if format not in FORMATS:
        raise ValueError(format)
    monitor = build_monitor(scope)
    experiences = list(experiences_in_monitor(scope.year))
    if format == "pdf":
        body, content_type = monitor_pdf(monitor, experiences), "application/pdf"
    elif format == "csv":
        body, content_type = monitor_csv(monitor).encode("utf-8-sig"), "text/csv; charset=utf-8"
    else:
        body, content_type = monitor_json(monitor, experiences).encode(), "application/json"
    audit_record(
        action=AuditAction.EXPORT,
        actor=actor,
        object_type="monitor",
        detail=audit_detail(scope, format),
    )
    return body, content_type


def audit_detail(scope: Scope, format: str = "html") -> dict[str, Any]:
    return {
        "year": scope.year,
        "peildatum": scope.peildatum.isoformat(),
        "municipality": scope.municipality,
        "target_group": scope.target_group,
        "format": format,
    }
