"""``regie criteria check|load|explain``: criteria sets from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from regie.core.domain import LifeDomain, TargetGroup
from regie.criteria.document import (
    DocumentError,
    check_document,
    load_checked,
    read_file,
    shipped_paths,
)
from regie.criteria.facts import PartnerDomain
from regie.criteria.report import evaluation_text
from regie.criteria.services import criteria_explain, criteria_sets_load
from regie.criteria.snapshot import evaluation_to_json
from regie.persons.models import Person


def _zrm(values: list[str] | None) -> dict[str, int] | None:
    if values is None:
        return None
    scores = {}
    for value in values:
        domain, _, score = value.partition("=")
        if domain not in LifeDomain.values or score not in {"1", "2", "3", "4", "5"}:
            raise CommandError(
                f"Ongeldige ZRM-score {value!r}: gebruik LEEFGEBIED=1..5 met een leefgebied uit "
                + ", ".join(LifeDomain.values)
                + "."
            )
        scores[domain] = int(score)
    return scores


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum {value!r}: gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Criteriasets controleren, laden en toepassen op een persoon."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("check", help="Controleer criteriasets (YAML of JSON).")
        check.add_argument("files", nargs="+", type=Path, metavar="FILE")
        load = sub.add_parser(
            "load",
            help="Laad criteriasets als concept (zonder FILE: de meegeleverde sets); "
            "alles of niets, bestaande identieke versies blijven staan.",
        )
        load.add_argument("files", nargs="*", type=Path, metavar="FILE")
        explain = sub.add_parser("explain", help="Pas de criteria toe op een persoon.")
        explain.add_argument("--person", type=int, required=True, help="Id van de persoon.")
        explain.add_argument("--date", help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
        explain.add_argument(
            "--target-group", choices=TargetGroup.values, help="Alleen deze doelgroep."
        )
        explain.add_argument("--json", action="store_true", help="Uitvoer als JSON.")
        explain.add_argument(
            "--zrm",
            action="append",
            metavar="LEEFGEBIED=SCORE",
            help="ZRM-score van een leefgebied (herhaalbaar); zonder: ZRM-regels onbekend.",
        )
        explain.add_argument(
            "--partner-domain",
            action="append",
            choices=[d.value for d in PartnerDomain],
            help="Partnerdomein waarvan inzet nodig is (herhaalbaar).",
        )
        explain.add_argument(
            "--other-approach",
            choices=["ja", "nee"],
            help="Neemt de persoon al deel aan een andere persoonsgerichte aanpak?",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['subcommand']}")(options)

    def _check(self, options: dict[str, Any]) -> None:
        failed = 0
        for path in options["files"]:
            try:
                data, lines = read_file(path)
                problems = check_document(data, lines)
            except DocumentError as exc:
                problems = exc.problems
            if problems:
                failed += 1
                for problem in problems:
                    self.stderr.write(problem.located(str(path)))
                self.stderr.write(f"{path}: {len(problems)} fout(en)")
            else:
                self.stdout.write(
                    f"{path}: in orde (doelgroep {data['target_group']}, versie {data['version']})"
                )
        if failed:
            raise CommandError(f"{failed} van {len(options['files'])} bestand(en) afgekeurd.")

    def _load(self, options: dict[str, Any]) -> None:
        paths = options["files"] or shipped_paths()
        documents, failed = [], False
        for path in paths:
            try:
                documents.append(load_checked(path))
            except DocumentError as exc:
                failed = True
                for problem in exc.problems:
                    self.stderr.write(problem.located(str(path)))
        if failed:
            raise CommandError("Niets geladen: los eerst alle fouten op.")
        try:
            results = criteria_sets_load(documents=documents, actor=None)
        except ValidationError as exc:
            raise CommandError("Niets geladen: " + " ".join(exc.messages)) from exc
        for path, result in zip(paths, results, strict=True):
            state = "geladen als concept" if result.created else "al aanwezig, ongewijzigd"
            self.stdout.write(f"{path.name}: {result.criteria_set} — {state}")

    def _explain(self, options: dict[str, Any]) -> None:
        on_date = _date(options["date"]) if options["date"] else timezone.localdate()
        groups = [options["target_group"]] if options["target_group"] else TargetGroup.values
        try:
            evaluations = criteria_explain(
                actor=None,
                person_id=options["person"],
                on_date=on_date,
                target_groups=groups,
                purpose="cli",
                zrm_scores=_zrm(options["zrm"]),
                partner_domains=options["partner_domain"],
                other_approach=None
                if options["other_approach"] is None
                else options["other_approach"] == "ja",
            )
        except Person.DoesNotExist as exc:
            raise CommandError(f"Persoon {options['person']} bestaat niet.") from exc
        if options["json"]:
            payload = {
                "person_id": options["person"],
                "on_date": on_date.isoformat(),
                "evaluations": [evaluation_to_json(e) for e in evaluations],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not evaluations:
            self.stdout.write("Geen criteriaset gevonden voor de gevraagde doelgroep(en).")
        self.stdout.write("\n\n".join(evaluation_text(e) for e in evaluations))
