"""``regie reviews scan``: drift detection for cron (daily). Flags active cases that need an
early review; idempotent, so running it twice changes nothing the second time."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.core.domain import TargetGroup
from regie.reviews.services import review_flags_scan


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum {value!r}: gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Toetsen: signalen voor een vervroegde toets zoeken (drift)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        scan = sub.add_parser(
            "scan",
            help="Markeer actieve casussen die niet meer aan de criteria voldoen of een "
            "exclusiegrond hebben (voor cron; idempotent).",
        )
        scan.add_argument("--date", type=_date, help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
        scan.add_argument(
            "--no-progress", action="store_true", help="Geen voortgangsbalk (bijv. in cron)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = review_flags_scan(on_date=options["date"], progress=not options["no_progress"])
        seconds = time.perf_counter() - started
        for group in result.unchecked_groups:
            self.stdout.write(
                f"Geen vastgestelde criteriaset voor doelgroep '{TargetGroup(group).label}': "
                "'voldoet niet meer aan de criteria' is niet getoetst."
            )
        self.stdout.write(
            f"Peildatum {result.on_date:%d-%m-%Y}: {result.cases} actieve casussen getoetst, "
            f"{result.found} signalen, {result.created} nieuw gemarkeerd ({seconds:.1f} s)."
        )
