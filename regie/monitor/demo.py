"""Demo experiences (demo mode only): a few synthetic quotes with consent, recorded by the demo
analyst ``analist`` through the service, so the yearly monitor shows them. Idempotent: nothing is
added once any experience exists."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from regie.accounts.models import User
from regie.monitor.models import Experience, ExperienceKind, Theme
from regie.monitor.services import experience_create

QUOTES = [
    (
        ExperienceKind.PROFESSIONAL,
        [Theme.COOPERATION, Theme.REGISSEUR],
        "Eindelijk één plan en één aanspreekpunt; we hoeven niet meer langs elkaar heen te werken.",
        True,
    ),
    (
        ExperienceKind.REGIEPERSOON,
        [Theme.TRUST, Theme.PLAN],
        "Mijn regisseur belde gewoon terug. Dat had ik nog nooit meegemaakt.",
        True,
    ),
    (
        ExperienceKind.PARENT,
        [Theme.FAMILY, Theme.TRUST],
        "Voor het eerst werd ik als moeder ook gehoord in het overleg over mijn zoon.",
        True,
    ),
    (
        ExperienceKind.PROFESSIONAL,
        [Theme.SCARCITY, Theme.HOUSING],
        "Het plan stond, maar zonder woning blijft alles hangen; het alternatief hielp wel even.",
        True,
    ),
    (
        ExperienceKind.REGIEPERSOON,
        [Theme.WORK_SCHOOL],
        "Via de regisseur kon ik weer naar school. Nu loop ik stage.",
        False,
    ),
]


def build_demo(*, seed: int = 1) -> None:
    if Experience.objects.exists():
        return
    analyst = User.objects.filter(username="analist").first()
    if analyst is None:
        return
    year = timezone.localdate().year
    for number, (kind, themes, text, consent) in enumerate(QUOTES):
        experience_create(
            actor=analyst,
            kind=kind,
            year=year,
            themes=list(themes),
            text=text,
            consent_given=consent,
            consent_date=date(year, 1, 10 + number) if consent else None,
            included=consent,
        )
