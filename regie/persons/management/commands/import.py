"""``regie import KIND FILE``: bulk imports, all or nothing.

Each kind of import is one entry in ``SUBCOMMANDS``: how it adds its arguments and how it runs.
To add one, write those two functions next to the import logic of its app and add an entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.core.cli import acting_user
from regie.persons.imports import FactImportError, facts_import


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[CommandParser], None]
    handle: Callable[[BaseCommand, dict[str, Any]], None]


def _refuse(command: BaseCommand, errors: Sequence[object]) -> NoReturn:
    """Every bad row on stderr, then the refusal: an import is all or nothing."""
    for error in errors:
        command.stderr.write(str(error))
    raise CommandError(
        f"Niets geïmporteerd: {len(errors)} regel(s) met fouten (zie hierboven)."
    ) from None


def _facts_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", type=Path, help="CSV- of XLSX-bestand (kolommen: zie README).")
    parser.add_argument(
        "--user", required=True, help="Gebruikersnaam van de triagist namens wie u importeert."
    )


def _facts_handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    try:
        result = facts_import(
            actor=acting_user(options["user"]),
            path=path,
            progress=True,
        )
    except PermissionDenied:
        raise CommandError("Deze gebruiker mag geen feiten vastleggen.") from None
    except FactImportError as exc:
        _refuse(command, exc.errors)
    command.stdout.write(
        f"{result.rows} regels: {result.created} nieuw, {result.updated} bijgewerkt, "
        f"{result.unchanged} ongewijzigd ({len(result.person_ids)} personen met nieuwe feiten)."
    )


def _legacy_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", type=Path, help="CSV- of XLSX-bestand (kolommen: zie README).")
    parser.add_argument(
        "--user",
        required=True,
        help="Gebruikersnaam (triagist, voorzitter triage of teamleider) namens wie u importeert.",
    )


def _legacy_handle(command: BaseCommand, options: dict[str, Any]) -> None:
    from regie.reviews.legacy import LegacyImportError, legacy_import

    try:
        result = legacy_import(
            actor=acting_user(options["user"]), path=options["file"], progress=True
        )
    except PermissionDenied:
        raise CommandError("Deze gebruiker mag geen casussen openen.") from None
    except LegacyImportError as exc:
        _refuse(command, exc.errors)
    command.stdout.write(
        f"{result.rows} regels: {result.created} casussen geopend met een overgangstoets, "
        f"{result.unchanged} al overgezet."
    )


def _fairness_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "file", type=Path, help="CSV- of XLSX-bestand (kolommen: docs/fairness.md)."
    )
    parser.add_argument(
        "--user", required=True, help="Gebruikersnaam (analist of functioneel beheer)."
    )


def _fairness_handle(kind: str) -> Callable[[BaseCommand, dict[str, Any]], None]:
    def handle(command: BaseCommand, options: dict[str, Any]) -> None:
        from regie.fairness.imports import (
            FairnessImportError,
            monitoring_attributes_import,
            reference_population_import,
        )

        run = reference_population_import if kind == "reference" else monitoring_attributes_import
        try:
            result = run(actor=acting_user(options["user"]), path=options["file"])
        except PermissionDenied:
            raise CommandError("Deze gebruiker mag dit niet inlezen.") from None
        except FairnessImportError as exc:
            _refuse(command, exc.errors)
        command.stdout.write(
            f"{result.rows} regels: {result.created} nieuw, {result.updated} bijgewerkt, "
            f"{result.unchanged} ongewijzigd."
        )

    return handle


SUBCOMMANDS: dict[str, Subcommand] = {
    "facts": Subcommand(
        help="Geregistreerde feiten (delicten, detenties, verblijfsstatus …) inlezen.",
        add_arguments=_facts_arguments,
        handle=_facts_handle,
    ),
    "legacy": Subcommand(
        help="Personen uit Top600, Veilig Alternatief en Doorgroeiers overzetten (overgang).",
        add_arguments=_legacy_arguments,
        handle=_legacy_handle,
    ),
    "reference-population": Subcommand(
        help="Referentiebevolking (inwoners per jaar, dimensie en waarde) voor de "
        "eerlijkheidsmonitor inlezen.",
        add_arguments=_fairness_arguments,
        handle=_fairness_handle("reference"),
    ),
    "monitoring-attributes": Subcommand(
        help="Monitoringskenmerken (REGIE_FAIRNESS_DIMENSIONS) voor de eerlijkheidsmonitor "
        "inlezen; nooit zichtbaar in een casus.",
        add_arguments=_fairness_arguments,
        handle=_fairness_handle("attributes"),
    ),
}


class Command(BaseCommand):
    help = (
        "Lees gegevens in uit een CSV- of XLSX-bestand; bij één foute regel wordt niets ingelezen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, subcommand in SUBCOMMANDS.items():
            subcommand.add_arguments(sub.add_parser(name, help=subcommand.help))

    def handle(self, *args: Any, **options: Any) -> None:
        SUBCOMMANDS[options["subcommand"]].handle(self, options)
