"""Governance screens: oversight and admin move criteria sets; everyone with an account reads
the adopted criteria and their history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.governance.models import CommitteeDocument
from regie.governance.services import criteria_set_propose, criteria_set_record_advice

pytestmark = pytest.mark.django_db


@pytest.fixture
def toezicht(make_user, acvz):
    return make_user(acvz, "oversight", username="toezicht")


@pytest.fixture
def concept() -> CriteriaSet:
    return CriteriaSet.objects.get(target_group="jeugd", version=1)


def test_a_set_is_moved_step_by_step_through_the_screens(login, toezicht, beheerder, concept):
    url = reverse("governance:criteria_set_step", args=[concept.pk])
    login(toezicht).post(url, {"note": "Ter advies aan de commissie."})
    login(toezicht).post(
        url,
        {
            "body": "rechtmatigheidsadviescommissie",
            "advice_date": "2026-02-01",
            "title": "Advies criteria jeugd",
            "text": "Positief advies; let op de leeftijdsgrens.",
        },
    )
    own = login(toezicht).post(url, {"effective_from": "2026-03-01"})
    adopted = login(beheerder).post(
        url, {"effective_from": "2026-03-01", "note": "Advies overgenomen."}
    )

    concept.refresh_from_db()
    assert own.status_code == 400
    assert "Vier-ogenprincipe" in own.content.decode()
    assert adopted.status_code == 302
    assert (concept.status, concept.effective_from) == (CriteriaStatus.ADOPTED, date(2026, 3, 1))


def test_the_history_with_the_advice_is_public_to_every_logged_in_user(
    login, politie_medewerker, toezicht, concept
):
    criteria_set_propose(actor=toezicht, criteria_set=concept)
    criteria_set_record_advice(
        actor=toezicht,
        criteria_set=concept,
        advice_date=date(2026, 2, 1),
        title="Advies criteria jeugd",
        text="Positief advies; let op de leeftijdsgrens.",
    )

    listing = login(politie_medewerker).get(reverse("criteria:list")).content.decode()
    history = login(politie_medewerker).get(reverse("governance:history", args=[concept.pk]))

    assert reverse("governance:history", args=[concept.pk]) in listing
    assert "Positief advies; let op de leeftijdsgrens." in history.content.decode()
    assert "Advies ontvangen" in history.content.decode()


@pytest.mark.parametrize(
    "name", ["governance:criteria", "governance:documents", "governance:oversight"]
)
def test_governance_pages_are_not_found_for_partners(login, politie_medewerker, name):
    assert login(politie_medewerker).get(reverse(name)).status_code == 404


def test_a_report_is_recorded_for_a_period(login, toezicht):
    response = login(toezicht).post(
        reverse("governance:documents"),
        {
            "body": "commissie_van_toezicht",
            "kind": "rapport",
            "date": "2026-04-01",
            "title": "Rapport eerste kwartaal",
            "text": "Geen bijzonderheden.",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
        },
    )
    unlinked = login(toezicht).post(
        reverse("governance:documents"),
        {
            "body": "klankbordgroep",
            "kind": "advies",
            "date": "2026-04-01",
            "title": "X",
            "text": "Y",
        },
    )

    assert response.status_code == 302
    assert unlinked.status_code == 400
    assert CommitteeDocument.objects.get().title == "Rapport eerste kwartaal"
