"""``regie research-export --project NAME --from D --to D --out DIR --user U [--k 5]``.

Writes the pseudonymised, generalised, k-anonymous research export for an approved project (see
docs/research.md): ``data.csv``, ``codebook.md``, ``codebook.csv`` and ``metadata.json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from regie.core.cli import acting_user
from regie.monitor.kanon import DEFAULT_K
from regie.research.generalise import DEFAULT_MAX_SUPPRESSED
from regie.research.services import research_export, research_project_get

T = TypeVar("T")


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum bij {option}: {text!r}; gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Maak de onderzoeksexport (pseudoniem, gegeneraliseerd, k-anoniem) voor een project."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", required=True, help="Naam van het onderzoeksproject.")
        parser.add_argument(
            "--from", dest="period_from", required=True, help="Voorgedragen vanaf (JJJJ-MM-DD)."
        )
        parser.add_argument(
            "--to", dest="period_to", required=True, help="Voorgedragen tot en met (JJJJ-MM-DD)."
        )
        parser.add_argument("--out", required=True, help="Nieuwe (of lege) map voor de export.")
        parser.add_argument(
            "--user",
            required=True,
            help="Gebruikersnaam (functioneel beheer of analist) namens wie u exporteert.",
        )
        parser.add_argument(
            "--k", type=int, default=DEFAULT_K, help=f"k-anonimiteit (standaard {DEFAULT_K})."
        )
        parser.add_argument(
            "--max-suppressed",
            type=float,
            default=DEFAULT_MAX_SUPPRESSED * 100,
            help="Hoeveel procent van de rijen hoogstens mag wegvallen voordat grover wordt "
            f"gegeneraliseerd (standaard {DEFAULT_MAX_SUPPRESSED * 100:g}).",
        )
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Voortgangsbalk tonen (standaard: alleen als de uitvoer een terminal is).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period_from = _day(options["period_from"], "--from")
        period_to = _day(options["period_to"], "--to")
        show = options["progress"]
        if show is None:
            show = self.stderr.isatty()

        def progress(items: Iterable[T], label: str) -> Iterable[T]:
            if not show:
                return items
            return tqdm(items, desc=label, unit=" rijen", file=self.stderr._out, leave=False)

        try:
            project = research_project_get(options["project"])
            result = research_export(
                actor=acting_user(options["user"]),
                project=project,
                period_from=period_from,
                period_to=period_to,
                out=Path(options["out"]),
                k=options["k"],
                max_suppressed=options["max_suppressed"] / 100,
                progress=progress,
            )
        except PermissionDenied:
            raise CommandError(
                "Deze gebruiker mag geen onderzoeksexport maken (functioneel beheer of analist)."
            ) from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        levels = result.levels
        self.stdout.write(
            self.style.SUCCESS(
                f"Onderzoeksexport voor '{project.name}' geschreven naar {result.directory}: "
                f"{result.rows} rijen ({result.per_group['toegelaten']} toegelaten, "
                f"{result.per_group['vergelijkingsgroep']} vergelijkingsgroep), "
                f"{result.suppressed} rijen onderdrukt (k = {options['k']})."
            )
        )
        self.stdout.write(
            f"Generalisatie: periode per {levels.period}, gemeente op niveau "
            f"'{levels.municipality}', leeftijd '{levels.age}', voordragende organisatie "
            f"'{levels.organisation}'. "
            f"{result.pending} voordracht(en) zonder uitkomst niet opgenomen. "
            f"Duur {result.seconds:.1f} s."
        )
