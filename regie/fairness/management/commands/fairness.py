"""``regie fairness --year Y --format json|csv [--out FILE]``: the fairness monitor's figures
(all steps, every dimension, suppressed exactly as on the page). Aggregates only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.fairness.exports import to_csv, to_json
from regie.fairness.report import ReportError, build_report


class Command(BaseCommand):
    help = "Eerlijkheidsmonitor: cijfers per stap en dimensie als JSON of CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="Jaar van voordracht, bijvoorbeeld 2025.")
        parser.add_argument("--format", default="json", help="json of csv (standaard json).")
        parser.add_argument(
            "--out", type=Path, help="Bestand om naar te schrijven (anders stdout)."
        )
        parser.add_argument(
            "--reference",
            action="append",
            default=[],
            metavar="DIMENSIE=GROEP",
            help="Referentiegroep voor een dimensie, bijvoorbeeld gender=v (herhaalbaar).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw_year = str(options["year"]).strip()
        if not raw_year.isdigit():
            raise CommandError(f"'{raw_year}' is geen geldig jaar.")
        fmt = options["format"]
        if fmt not in ("json", "csv"):
            raise CommandError(f"Onbekend formaat '{fmt}': kies json of csv.")
        references = {}
        for item in options["reference"]:
            dimension, sep, group = item.partition("=")
            if not sep or not dimension or not group:
                raise CommandError(f"'{item}' is geen DIMENSIE=GROEP.")
            references[dimension.strip()] = group.strip()
        try:
            report = build_report(int(raw_year), references=references)
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        body = to_json(report) if fmt == "json" else to_csv(report)
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(body)
        else:
            try:
                out.write_text(body, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Kan '{out}' niet schrijven: {exc.strerror}.") from None
        audit_record(
            action=AuditAction.EXPORT,
            object_type="fairness_monitor",
            object_id=report.year,
            detail={"year": report.year, "format": fmt, "channel": "cli"},
        )
        if out is not None:
            self.stdout.write(f"Eerlijkheidsmonitor {report.year} geschreven naar {out}.")
