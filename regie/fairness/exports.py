"""The fairness report as JSON and CSV: only what the page shows (suppressed counts as their
text, hidden figures empty), with the method and the threshold, never a person."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from regie.fairness.report import Figure, Report, Row, Table, p_text

FLAG_RULE = "de verhouding ligt buiten 0,8–1,25 en het interval sluit 1 uit"
METHODS = {
    "selectiepercentage": "Wilson-scoreinterval 95%",
    "verhouding": "Katz-log-interval 95% (Haldane–Anscombe 0,5 bij een nulcel); p: Fisher exact",
    "verhouding_per_inwoner": "Katz-log-interval voor tellingen; p: exacte conditionele binomiale toets",
    "per_10000": "exact Poisson-interval (Garwood) 95%",
    "signaal": FLAG_RULE,
}

COLUMNS = (
    "jaar",
    "dimensie",
    "stap",
    "groep",
    "groep_label",
    "referentiegroep",
    "aantal",
    "basis",
    "percentage",
    "percentage_ci_laag",
    "percentage_ci_hoog",
    "verhouding",
    "verhouding_ci_laag",
    "verhouding_ci_hoog",
    "p_waarde",
    "mid_p_waarde",
    "signaal",
    "inwoners",
    "per_10000",
    "per_10000_ci_laag",
    "per_10000_ci_hoog",
    "toelichting",
)


def _figure(figure: Figure | None, scale: float = 1.0) -> tuple[Any, Any, Any]:
    if figure is None or figure.value is None:
        return None, None, None
    return tuple(
        None if v is None else round(v * scale, 6) for v in (figure.value, figure.low, figure.high)
    )  # type: ignore[return-value]


def _why(row: Row) -> str:
    parts = [row.note]
    for figure in (row.rate, row.ratio, row.per_10000):
        if figure is not None and figure.value is None and figure.text not in ("", "—"):
            parts.append(figure.text)
    return " ".join(dict.fromkeys(p for p in parts if p))


def rows(report: Report) -> list[dict[str, Any]]:
    """One flat record per year × dimension × step × group, as the CSV has them."""
    out = []
    for table in report.tables:
        for row in table.rows:
            rate, ratio, per = _figure(row.rate, 100), _figure(row.ratio), _figure(row.per_10000)
            out.append(
                {
                    "jaar": report.year,
                    "dimensie": table.dimension,
                    "stap": table.measure,
                    "groep": row.value,
                    "groep_label": row.label,
                    "referentiegroep": table.reference,
                    "aantal": row.count.text,
                    "basis": row.base.text if row.base is not None else "",
                    "percentage": rate[0],
                    "percentage_ci_laag": rate[1],
                    "percentage_ci_hoog": rate[2],
                    "verhouding": ratio[0],
                    "verhouding_ci_laag": ratio[1],
                    "verhouding_ci_hoog": ratio[2],
                    "p_waarde": None if row.p_value is None else round(row.p_value, 6),
                    "mid_p_waarde": None if row.mid_p_value is None else round(row.mid_p_value, 6),
                    "signaal": row.flag,
                    "inwoners": row.residents,
                    "per_10000": per[0],
                    "per_10000_ci_laag": per[1],
                    "per_10000_ci_hoog": per[2],
                    "toelichting": _why(row),
                }
            )
    return out


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "dimensie": table.dimension,
        "dimensie_label": table.dimension_label,
        "stap": table.measure,
        "stap_label": table.measure_label,
        "referentiegroep": table.reference,
        "totaal_aantal": table.total_count.text,
        "totaal_basis": table.total_base.text if table.total_base is not None else "",
        "achtergehouden": table.withheld,
    }


def to_json(report: Report) -> str:
    records = rows(report)
    tables = []
    for table in report.tables:
        entry = _table_json(table)
        entry["groepen"] = [
            {k: v for k, v in r.items() if k not in ("jaar", "dimensie", "stap", "referentiegroep")}
            for r in records
            if r["dimensie"] == table.dimension and r["stap"] == table.measure
        ]
        tables.append(entry)
    document = {
        "jaar": report.year,
        "drempel_kleine_aantallen": report.threshold,
        "stappen": dict(report.steps),
        "dimensies": dict(report.dimensions),
        "methoden": METHODS,
        "bron_referentiebevolking": list(report.reference_sources),
        "tabellen": tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for record in rows(report):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


__all__ = ["COLUMNS", "FLAG_RULE", "p_text", "rows", "to_csv", "to_json"]
