"""Demo governance (demo mode only): the adult criteria set put to the
rechtmatigheidsadviescommissie with its advice recorded, awaiting adoption by someone other
than the proposer; a klankbordgroep advice and a Commissie van Toezicht report for last year.
Idempotent: nothing is added once any committee document exists."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.governance.models import Body, CommitteeDocument, DocumentKind
from regie.governance.services import (
    committee_document_record,
    criteria_set_propose,
    criteria_set_record_advice,
)


def build_demo(*, seed: int) -> None:
    toezicht = User.objects.filter(username="toezicht").first()
    if toezicht is None or CommitteeDocument.objects.exists():
        return
    today = timezone.localdate()
    last_year = today.year - 1
    with transaction.atomic():
        adults = CriteriaSet.objects.filter(
            target_group="volwassenen", status=CriteriaStatus.CONCEPT
        ).first()
        if adults is not None:
            criteria_set_propose(
                actor=toezicht,
                criteria_set=adults,
                note="Voorgelegd ter advisering over noodzaak en proportionaliteit.",
            )
            criteria_set_record_advice(
                actor=toezicht,
                criteria_set=adults,
                advice_date=today - timedelta(days=14),
                title="Advies over de criteria voor volwassenen met herhaald geweld",
                text=(
                    "De commissie adviseert positief. Zij vraagt de drempel van drie registraties "
                    "jaarlijks te toetsen aan de monitor op gelijke behandeling, en afwijkingen van "
                    "de criteria altijd schriftelijk te motiveren."
                ),
            )
        committee_document_record(
            actor=toezicht,
            body=Body.SOUNDING_BOARD,
            kind=DocumentKind.ADVICE,
            date=today - timedelta(days=30),
            title="Ervaringen van ouders en oud-regiepersonen",
            text=(
                "Ouders willen eerder en in gewone taal horen wat de aanpak inhoudt, en één "
                "vast aanspreekpunt. De brief bij toelating helpt, maar komt soms laat."
            ),
            period_start=date(last_year, 1, 1),
            period_end=date(last_year, 12, 31),
        )
        committee_document_record(
            actor=toezicht,
            body=Body.SUPERVISION,
            kind=DocumentKind.REPORT,
            date=date(today.year, 3, 1) if today >= date(today.year, 3, 1) else today,
            title=f"Jaarrapport Commissie van Toezicht {last_year}",
            text=(
                "De commissie heeft een steekproef van triagebesluiten bekeken. De besluiten "
                "waren gemotiveerd; bij twee afwijkingen van de criteria was de motivering kort."
            ),
            period_start=date(last_year, 1, 1),
            period_end=date(last_year, 12, 31),
        )
