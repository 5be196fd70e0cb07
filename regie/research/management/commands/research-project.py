"""``regie research-project add NAME --purpose … --legal-basis … --approval … --approved-by …
--user U``, ``regie research-project list`` and ``regie research-project end NAME --user U``.

Registers the approved research projects for which ``regie research-export`` may export. The
project's key is made here and never printed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.core.cli import acting_user
from regie.research.selectors import research_projects
from regie.research.services import (
    research_project_create,
    research_project_end,
    research_project_get,
)

USER_HELP = "Gebruikersnaam (functioneel beheer) namens wie u dit doet."


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum {text!r}: gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Registreer goedgekeurde onderzoeksprojecten voor de onderzoeksexport (effectmeting)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Registreer een goedgekeurd onderzoeksproject.")
        add.add_argument("name", help="Korte, unieke naam van het project.")
        add.add_argument("--purpose", required=True, help="Onderzoeksvraag (doelbinding).")
        add.add_argument("--legal-basis", required=True, help="Grondslag van de verstrekking.")
        add.add_argument(
            "--approval", required=True, help="Kenmerk van het goedkeuringsbesluit of de DPIA."
        )
        add.add_argument("--approved-by", required=True, help="Orgaan of functie dat goedkeurde.")
        add.add_argument("--ends-on", help="Goedkeuring geldt tot en met (JJJJ-MM-DD).")
        add.add_argument("--user", required=True, help=USER_HELP)
        sub.add_parser("list", help="Toon de geregistreerde projecten en hun exports.")
        end = sub.add_parser("end", help="Beëindig de goedkeuring: geen nieuwe exports meer.")
        end.add_argument("name", help="Naam van het project.")
        end.add_argument("--on", help="Laatste dag van de goedkeuring (standaard: gisteren).")
        end.add_argument("--user", required=True, help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "add":
                project = research_project_create(
                    actor=acting_user(options["user"]),
                    name=options["name"],
                    purpose=options["purpose"],
                    legal_basis=options["legal_basis"],
                    approval_reference=options["approval"],
                    approved_by=options["approved_by"],
                    ends_on=_day(options["ends_on"]) if options["ends_on"] else None,
                )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Onderzoeksproject '{project.name}' geregistreerd (kenmerk "
                        f"{project.approval_reference}). De pseudonimiseringssleutel is gemaakt "
                        "en blijft in de database."
                    )
                )
            elif options["action"] == "end":
                project = research_project_end(
                    actor=acting_user(options["user"]),
                    project=research_project_get(options["name"]),
                    ends_on=_day(options["on"]) if options["on"] else None,
                )
                self.stdout.write(
                    f"Goedkeuring van '{project.name}' loopt tot en met "
                    f"{project.ends_on:%d-%m-%Y}; daarna geen exports meer."
                )
            else:
                self._list()
        except PermissionDenied:
            raise CommandError(
                "Deze gebruiker mag geen onderzoeksprojecten registreren of beëindigen "
                "(alleen functioneel beheer)."
            ) from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def _list(self) -> None:
        projects = research_projects()
        if not projects:
            self.stdout.write("Nog geen onderzoeksprojecten geregistreerd.")
        for item in projects:
            until = f", tot en met {item.ends_on:%d-%m-%Y}" if item.ends_on else ""
            self.stdout.write(
                f"{item.name}: kenmerk {item.approval_reference}, goedgekeurd door "
                f"{item.approved_by}{until}; {item.exports} export(s)"
            )
