"""``regie demo_code USER``: the current TOTP code of a demo account (demo mode only)."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.accounts.models import User
from regie.demo.region import ACCOUNTS, demo_totp_secret


class Command(BaseCommand):
    help = "Toon de huidige inlogcode (TOTP) van een demo-account (alleen in demomodus)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "username", help="Gebruikersnaam van het demo-account, bijv. regisseur."
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Alleen beschikbaar in demomodus (REGIE_DEMO=true).")
        username = options["username"]
        known = {a.username for a in ACCOUNTS}
        if username not in known:
            raise CommandError(f"Onbekend demo-account. Kies uit: {', '.join(sorted(known))}.")
        user = User.objects.filter(username=username).first()
        if user is None or not Authenticator.objects.filter(user=user, type="totp").exists():
            raise CommandError("Dit demo-account bestaat nog niet: voer eerst `regie demo` uit.")
        secret = demo_totp_secret(options["seed"], username)
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
