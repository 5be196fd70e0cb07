"""``regie retention run [--dry-run]``: apply the retention terms (for cron)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from regie.rights.retention.policy import kinds
from regie.rights.retention.run import retention_run


class Command(BaseCommand):
    help = "Pas de bewaartermijnen toe: toon (--dry-run) of verwijder wat is verlopen."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        run = sub.add_parser("run", help="Verwijder wat de bewaartermijn voorbij is.")
        run.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen wat zou worden verwijderd; er verandert niets.",
        )
        run.add_argument(
            "--quiet", action="store_true", help="Geen voortgangsbalk (bijv. vanuit cron)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"]

        def progress(items: Sequence[Any], label: str) -> Iterable[Any]:
            if quiet or not items:
                return items
            return tqdm(items, desc=label[:40], unit="gegeven", file=self.stderr, leave=False)

        report = retention_run(dry_run=options["dry_run"], progress=progress)
        labels = {k.key: k for k in kinds()}
        verb = "zou verwijderen" if report.dry_run else "verwijderd"
        for row in report.deleted:
            trigger = row.trigger.strftime("%d-%m-%Y") if row.trigger else "?"
            self.stdout.write(f"{verb}: {row.kind} {row.record_id} (termijn liep vanaf {trigger})")
        for row in report.held:
            self.stdout.write(f"bewaard: {row.kind} {row.record_id} ({row.held})")
        for key, count in report.kept.items():
            if count:
                self.stdout.write(
                    f"niet verwijderd: {count} × {key} ouder dan {labels[key].term_text} "
                    "(opschonen vraagt een verankerde knip in de auditketen)"
                )
        total = len(report.deleted)
        summary = (
            f"Proefdraai: {total} gegevens zouden worden verwijderd"
            if report.dry_run
            else f"{total} gegevens verwijderd, met grafstenen (ronde {report.batch.pk if report.batch else '-'})"
        )
        self.stdout.write(self.style.SUCCESS(f"{summary}; {len(report.held)} bewaard."))
