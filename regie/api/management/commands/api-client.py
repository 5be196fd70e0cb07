"""``regie api-client create --organisation NAME --name N --scopes a,b``: a client and its
token, printed once (for set-up scripts and ``make run`` demos)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from regie.accounts.models import Organisation
from regie.api.models import ApiScope
from regie.api.services import api_client_create


class Command(BaseCommand):
    help = "Beheer van API-clients: 'create' maakt een client en toont zijn token één keer."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Een API-client met een eerste token.")
        create.add_argument("--organisation", required=True, help="Naam van de organisatie.")
        create.add_argument("--name", required=True, help="Naam van het systeem.")
        create.add_argument(
            "--scopes",
            required=True,
            help=f"Komma-gescheiden, uit: {', '.join(ApiScope.values)}.",
        )
        create.add_argument(
            "--expires-days", type=int, default=None, help="Token verloopt na zoveel dagen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisatie {options['organisation']!r} bestaat niet.")
        scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
        days = options["expires_days"]
        try:
            client, token = api_client_create(
                actor=None,
                organisation=organisation,
                name=options["name"],
                scopes=scopes,
                expires_at=timezone.now() + timedelta(days=days) if days else None,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stderr.write(
            f"API-client {client.pk} ({client.name}, {organisation.name}) aangemaakt met "
            f"scopes {', '.join(client.scopes)}. Het token hieronder wordt niet opnieuw getoond."
        )
        self.stdout.write(token)
