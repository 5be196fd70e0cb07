"""The synthetic demo region: partner organisations and one demo account per role."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.db import transaction

from regie.accounts.models import Municipality, Organisation, OrganisationType, User
from regie.accounts.services import user_create, user_set_roles

DEMO_PASSWORD = "Proef-Omgeving-2026"  # noqa: S105 (demo mode only; printed on purpose)

ORGANISATIONS: list[tuple[str, OrganisationType, Municipality]] = [
    ("Actiecentrum Veiligheid en Zorg", OrganisationType.ACVZ, Municipality.AMSTERDAM),
    ("Politie Eenheid Amsterdam", OrganisationType.POLITIE, Municipality.AMSTERDAM),
    ("Gemeente Amsterdam", OrganisationType.GEMEENTE, Municipality.AMSTERDAM),
    ("Stadsdeel Nieuw-West", OrganisationType.STADSDEEL, Municipality.AMSTERDAM),
    ("Stadsdeel Zuidoost", OrganisationType.STADSDEEL, Municipality.AMSTERDAM),
    ("Gemeente Amstelveen", OrganisationType.GEMEENTE, Municipality.AMSTELVEEN),
    ("Gemeente Aalsmeer", OrganisationType.GEMEENTE, Municipality.AALSMEER),
    ("Gemeente Diemen", OrganisationType.GEMEENTE, Municipality.DIEMEN),
    ("Gemeente Ouder-Amstel", OrganisationType.GEMEENTE, Municipality.OUDER_AMSTEL),
    ("Gemeente Uithoorn", OrganisationType.GEMEENTE, Municipality.UITHOORN),
    ("PI Amsterdam Het Schouw", OrganisationType.PI, Municipality.AMSTERDAM),
    ("Reclassering Nederland Amsterdam", OrganisationType.RECLASSERING, Municipality.AMSTERDAM),
    (
        "Forensische Zorg Amsterdam (synthetisch)",
        OrganisationType.FORENSISCHE_ZORG,
        Municipality.AMSTERDAM,
    ),
    ("Openbaar Ministerie Amsterdam", OrganisationType.OM, Municipality.AMSTERDAM),
    ("Jeugdbescherming Regio Amsterdam", OrganisationType.JEUGDBESCHERMING, Municipality.AMSTERDAM),
    ("Commissie van Toezicht", OrganisationType.OVERIG, Municipality.AMSTERDAM),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    organisation: str
    roles: tuple[str, ...]


ACCOUNTS: list[DemoAccount] = [
    DemoAccount("politie", "Priya", "Politiemedewerker", "Politie Eenheid Amsterdam", ("partner",)),
    DemoAccount(
        "reclassering",
        "Ruben",
        "Reclasseringswerker",
        "Reclassering Nederland Amsterdam",
        ("partner",),
    ),
    DemoAccount("triagist", "Tess", "Triagist", "Actiecentrum Veiligheid en Zorg", ("triage",)),
    DemoAccount(
        "voorzitter", "Victor", "Voorzitter", "Actiecentrum Veiligheid en Zorg", ("triage_chair",)
    ),
    DemoAccount(
        "regisseur", "Rosa", "Regisseur", "Actiecentrum Veiligheid en Zorg", ("regisseur",)
    ),
    DemoAccount(
        "teamleider", "Tim", "Teamleider", "Actiecentrum Veiligheid en Zorg", ("teamlead",)
    ),
    DemoAccount(
        "fg",
        "Fatima",
        "Gegevensbescherming",
        "Actiecentrum Veiligheid en Zorg",
        ("privacy_officer",),
    ),
    DemoAccount("toezicht", "Thomas", "Toezicht", "Commissie van Toezicht", ("oversight",)),
    DemoAccount("analist", "Anouk", "Analist", "Actiecentrum Veiligheid en Zorg", ("analyst",)),
    DemoAccount("amstelveen", "Amir", "Gemeentecontact", "Gemeente Amstelveen", ("municipality",)),
    DemoAccount("beheer", "Bart", "Beheerder", "Actiecentrum Veiligheid en Zorg", ("admin",)),
]


def demo_totp_secret(seed: int, username: str) -> str:
    """A fixed TOTP secret per demo account and seed, so the printed secrets stay valid."""
    digest = hashlib.sha256(f"regie-demo:{seed}:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


@dataclass(frozen=True)
class CreatedAccount:
    account: DemoAccount
    secret: str
    recovery_codes: list[str]


def build_region(*, seed: int = 1) -> list[CreatedAccount]:
    """Create (or bring up to date) the organisations and demo accounts. Idempotent."""
    created: list[CreatedAccount] = []
    with transaction.atomic():
        orgs = {}
        for name, type_, municipality in ORGANISATIONS:
            org, _ = Organisation.objects.update_or_create(
                name=name, defaults={"type": type_, "municipality": municipality}
            )
            orgs[name] = org
        for account in ACCOUNTS:
            user = User.objects.filter(username=account.username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=account.username,
                    organisation=orgs[account.organisation],
                    roles=account.roles,
                    password=DEMO_PASSWORD,
                    first_name=account.first_name,
                    last_name=account.last_name,
                )
            else:
                user_set_roles(actor=None, user=user, roles=account.roles)
            secret = demo_totp_secret(seed, account.username)
            Authenticator.objects.filter(user=user).delete()
            TOTP.activate(user, secret)
            codes = RecoveryCodes.activate(user)
            created.append(CreatedAccount(account, secret, codes.get_unused_codes()))
    return created


# Each app that has demo data offers ``<app>.demo.build_demo(*, seed)``; they run in this order
# because later parts build on earlier ones (nominations on persons, cases on decisions …).
DOMAIN_DEMOS = [
    "regie.persons",
    "regie.criteria",
    "regie.nominations",
    "regie.triage",
    "regie.cases",
    "regie.reviews",
    "regie.rights",
    "regie.governance",
    "regie.monitor",
    "regie.research",
    "regie.fairness",
]


def build_domain(*, seed: int = 1) -> list[str]:
    """Run the installed apps' demo builders; returns the names of those that ran."""
    ran = []
    for app in DOMAIN_DEMOS:
        if not apps.is_installed(app):
            continue
        if find_spec(f"{app}.demo") is None:
            continue
        module = import_module(f"{app}.demo")
        with transaction.atomic():
            module.build_demo(seed=seed)
        ran.append(app.rsplit(".", 1)[-1])
    return ran
