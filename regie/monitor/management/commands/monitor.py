"""``regie monitor --year Y [--peildatum D] [--municipality M] [--target-group G]
--format pdf|csv|json --out FILE``: the yearly monitor as a file (docs/monitor.md).

Run by an operator on the server, so there is no user to scope by: the whole region or one
municipality, as asked. The export is audited like a download from the page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.monitor.exports import FORMATS, monitor_export
from regie.monitor.forms import scope_from


class Command(BaseCommand):
    help = "Schrijf de jaarmonitor als PDF, CSV of JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="Het jaar, bijvoorbeeld 2025.")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD (standaard 31 december of vandaag).")
        parser.add_argument("--municipality", default="", help="Alleen inwoners van deze gemeente.")
        parser.add_argument("--target-group", default="", help="Alleen deze doelgroep.")
        parser.add_argument("--format", required=True, help="pdf, csv of json.")
        parser.add_argument("--out", required=True, type=Path, help="Het bestand om te schrijven.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = int(options["year"])
        except ValueError as exc:
            raise CommandError(
                f"Ongeldig jaar {options['year']!r}: gebruik bijvoorbeeld 2025."
            ) from exc
        peildatum = None
        if options["peildatum"]:
            try:
                peildatum = date.fromisoformat(options["peildatum"])
            except ValueError as exc:
                raise CommandError(
                    f"Ongeldige peildatum {options['peildatum']!r}: gebruik JJJJ-MM-DD."
                ) from exc
        fmt = options["format"].lower()
        if fmt not in FORMATS:
            raise CommandError(f"Onbekend formaat {options['format']!r}: kies pdf, csv of json.")
        try:
            scope = scope_from(
                year=year,
                peildatum=peildatum,
                municipality=options["municipality"],
                target_group=options["target_group"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        body, _content_type = monitor_export(actor=None, scope=scope, format=fmt)
        try:
            options["out"].write_bytes(body)
        except OSError as exc:
            raise CommandError(f"Kan {options['out']} niet schrijven: {exc.strerror}.") from exc
        self.stdout.write(
            f"Jaarmonitor {scope.year} (peildatum {scope.peildatum}) geschreven naar {options['out']}."
        )
