"""``regie audit verify [--anchor SEQ:HASH]`` and ``regie audit anchor``.

``verify`` exits non-zero (through ``CommandError``) naming the first bad sequence number, so it
can run from cron and alert; ``anchor`` prints ``SEQ:HASH`` for the privacy officer to keep.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from regie.audit.chain import Anchor
from regie.audit.selectors import audit_anchor, audit_head, audit_verify


class Command(BaseCommand):
    help = "Controleer de auditketen of druk de kop (anker) af."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Controleer de hele keten.")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            help="Eerder bewaard anker (VOLGNUMMER:HASH) om afkappen of herschrijven van de "
            "keten te vinden; mag vaker worden opgegeven.",
        )
        verify.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Voortgangsbalk tonen (standaard: alleen als de uitvoer een terminal is).",
        )
        sub.add_parser("anchor", help="Druk de kop van de keten af (VOLGNUMMER:HASH).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "anchor":
            self.stdout.write(str(audit_anchor()))
            return
        try:
            anchors = [Anchor.parse(text) for text in options["anchor"]]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        show = options.get("progress")
        if show is None:
            show = self.stdout.isatty()
        started = time.perf_counter()
        with tqdm(
            total=audit_head().seq,
            unit=" regels",
            unit_scale=True,
            disable=not show,
            file=self.stdout._out,
            desc="Auditketen",
        ) as bar:
            checked = 0

            def on_batch(rows: int) -> None:
                nonlocal checked
                checked += rows
                bar.update(rows)

            try:
                result = audit_verify(anchors=anchors, on_batch=on_batch)
            except KeyboardInterrupt:
                raise CommandError(
                    f"Afgebroken na {checked} regels: de auditketen is niet helemaal "
                    "gecontroleerd.",
                    returncode=130,
                ) from None
        seconds = time.perf_counter() - started
        if not result.ok:
            raise CommandError(
                f"Auditketen verbroken bij volgnummer {result.first_bad_seq}: {result.reason} "
                f"({result.checked} regels daarvoor in orde)."
            )
        rate = f", {result.checked / seconds:,.0f} regels/s" if seconds and result.checked else ""
        self.stdout.write(
            f"Auditketen in orde: {result.checked} regels gecontroleerd in {seconds:.1f} s{rate}"
            + (f"; {len(anchors)} anker(s) kloppen." if anchors else ".")
        )
