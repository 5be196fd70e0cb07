"""``regie demo [--seed S]``: build the synthetic demo region (demo mode only)."""

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

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demogegevens en demo-accounts mogen alleen in demomodus worden aangemaakt: "
                "zet REGIE_DEMO=true."
            )
        accounts = build_region(seed=options["seed"])
        for name in build_domain(seed=options["seed"]):
            self.stdout.write(f"  demogegevens: {name}")
        self.stdout.write(self.style.SUCCESS("Demoregio klaar."))
        self.stdout.write("")
        self.stdout.write(f"Inloggen op http://127.0.0.1:8000 met wachtwoord {DEMO_PASSWORD}")
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
