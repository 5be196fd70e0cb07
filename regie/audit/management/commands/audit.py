"""``regie audit verify [--anchor SEQ:HASH]`` and ``regie audit anchor``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.audit.chain import Anchor
from regie.audit.selectors import audit_anchor, audit_verify


class Command(BaseCommand):
    help = "Controleer de auditketen of druk de kop (anker) af."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Controleer de hele keten.")
        verify.add_argument(
            "--anchor",
            help="Eerder bewaard anker (VOLGNUMMER:HASH) om afkappen van de keten te vinden.",
        )
        sub.add_parser("anchor", help="Druk de kop van de keten af (VOLGNUMMER:HASH).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "anchor":
            self.stdout.write(str(audit_anchor()))
            return
        anchor = None
        if options.get("anchor"):
            try:
                anchor = Anchor.parse(options["anchor"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        result = audit_verify(anchor=anchor)
        if not result.ok:
            raise CommandError(
                f"Auditketen verbroken bij volgnummer {result.first_bad_seq}: {result.reason} "
                f"({result.checked} regels in orde daarvoor)."
            )
        self.stdout.write(f"Auditketen in orde: {result.checked} regels gecontroleerd.")
