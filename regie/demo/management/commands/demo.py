"""``regie demo [--seed S] [--persons N --years Y]``: build the synthetic demo region (demo mode
only). Without ``--persons`` the small demo, through the services; with it, the bulk generator
of ``regie.demo.scale`` on an empty database (national benchmark: ``--persons 50000 --years 10``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.demo.region import DEMO_PASSWORD, build_domain, build_region


class Command(BaseCommand):
    help = "Bouw de synthetische demoregio (alleen in demomodus, REGIE_DEMO=true)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="Startwaarde voor de synthetische gegevens."
        )
        parser.add_argument(
            "--persons",
            type=int,
            help="Bouw een dataset van deze omvang met bulkinvoer (op een lege database).",
        )
        parser.add_argument(
            "--years", type=int, default=10, help="Aantal jaren geschiedenis (met --persons)."
        )
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="Het adres waarop de server straks draait, voor de inlogregel (make run: HOST).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Geen voortgangsbalk (met --persons)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demogegevens en demo-accounts mogen alleen in demomodus worden aangemaakt: "
                "zet REGIE_DEMO=true."
            )
        if options["persons"] is not None:
            self._scale(options)
        accounts = build_region(seed=options["seed"])
        if options["persons"] is None:
            for name in build_domain(seed=options["seed"]):
                self.stdout.write(f"  demogegevens: {name}")
        self.stdout.write(self.style.SUCCESS("Demoregio klaar."))
        self.stdout.write("")
        self.stdout.write(f"Inloggen op http://{options['address']} met wachtwoord {DEMO_PASSWORD}")
        self.stdout.write(
            "Tweede factor: voer het TOTP-geheim in een authenticator-app in, of vraag de "
            "huidige code op met `.venv/bin/regie demo_code GEBRUIKER` (of `make code U=GEBRUIKER`)."
        )
        self.stdout.write("")
        self.stdout.write(f"{'gebruiker':<14}{'rol':<18}{'TOTP-geheim':<34}herstelcode")
        for item in accounts:
            self.stdout.write(
                f"{item.account.username:<14}{','.join(item.account.roles):<18}"
                f"{item.secret:<34}{item.recovery_codes[0]}"
            )

    def _scale(self, options: dict[str, Any]) -> None:
        from regie.demo.scale import build_scale
        from regie.persons.models import Person

        persons, years = options["persons"], options["years"]
        if persons < 10 or years < 1:
            raise CommandError("Gebruik --persons 10 of meer en --years 1 of meer.")
        if Person.objects.exists():
            raise CommandError(
                "De database bevat al personen: leeg de database eerst met `regie flush`."
            )
        build_region(seed=options["seed"])
        report = build_scale(
            persons=persons, years=years, seed=options["seed"], progress=not options["no_progress"]
        )
        self.stdout.write(
            f"{report.persons:,} personen, {report.cases:,} casussen ({report.active_cases:,} "
            f"lopend), {report.events:,} gebeurtenissen, {report.audit_events:,} auditregels "
            f"in {report.seconds:.0f} s"
        )
