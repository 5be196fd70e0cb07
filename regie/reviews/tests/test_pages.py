"""The review screens: forms that answer bad input with Dutch messages, who gets "not found",
the four-eyes pages, and the earlier history on a re-entry's triage file."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.cases.models import CaseStatus
from regie.core.domain import LifeDomain
from regie.nominations.services import nomination_save_draft, nomination_submit
from regie.reviews.models import Decision, Outflow, OutflowStatus, Review
from regie.reviews.services import follow_up_record, outflow_confirm
from regie.reviews.tests.helpers import hold

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


def _review_post(case, **overrides: str) -> dict[str, str]:
    goal = case.plan.goals.get()
    data = {
        "case_version": str(case.version),
        "held_on": "2026-07-01",
        **{f"score_{d.value}": "3" for d in LifeDomain},
        f"progress_{goal.pk}": "op_koers",
        f"note_{goal.pk}": "",
        "added_value": "ja",
        "added_value_motivation": "Samenwerking loopt.",
        "proportional": "ja",
        "proportionality_motivation": "Past bij de problemen.",
        "decision": "continue",
        "next_review_date": "2026-12-01",
        "outflow_reason": "",
        "outflow_reason_text": "",
        "care_needed": "",
    }
    data.update(overrides)
    return data


def test_the_regisseur_holds_a_review_on_the_form(case, regisseur, login) -> None:
    url = reverse("reviews:review_new", args=[case.pk])
    client = login(regisseur)
    assert client.get(url).status_code == 200
    response = client.post(url, _review_post(case))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk]) + "#toetsen"
    review = Review.objects.get()
    assert review.next_review_date == date(2026, 12, 1)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Toets van 1-7-2026" in page


def test_an_incomplete_review_answers_with_dutch_messages(case, regisseur, login) -> None:
    url = reverse("reviews:review_new", args=[case.pk])
    response = login(regisseur).post(
        url, _review_post(case, score_financien="", decision="outflow", next_review_date="")
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Geef een ZRM-score van 1 tot en met 5." in text
    assert "Kies de reden van uitstroom." in text
    assert not Review.objects.exists()


def test_a_stale_form_is_refused_without_saving(case, regisseur, login) -> None:
    url = reverse("reviews:review_new", args=[case.pk])
    response = login(regisseur).post(url, _review_post(case, case_version="99"))
    assert "Iemand anders heeft de casus intussen gewijzigd" in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["reclasseringswerker", "teamleider", "politie_medewerker"])
def test_only_the_regisseur_gets_the_review_form(case, who, request, login) -> None:
    url = reverse("reviews:review_new", args=[case.pk])
    assert login(request.getfixturevalue(who)).get(url).status_code == 404


def test_a_review_is_read_through_its_case(
    case, regisseur, reclasseringswerker, teamleider, politie_medewerker, login
) -> None:
    review = hold(case, regisseur)
    url = reverse("reviews:review", args=[review.pk])
    for reader in (regisseur, reclasseringswerker, teamleider):
        assert login(reader).get(url).status_code == 200
    assert login(politie_medewerker).get(url).status_code == 404
    assert login(politie_medewerker).get(reverse("reviews:review", args=[9999])).status_code == 404
    assert (
        AuditEvent.objects.filter(
            action="view", object_type="review", person_id=case.person_id
        ).count()
        == 3
    )


def test_a_correction_through_the_form(case, regisseur, login) -> None:
    review = hold(case, regisseur)
    case.refresh_from_db()
    url = reverse("reviews:review_correct", args=[review.pk])
    client = login(regisseur)
    assert "De eerdere vastlegging blijft bewaard" in client.get(url).content.decode()
    data = _review_post(case, score_verslaving="1", correction_reason="Verkeerde score.")
    response = client.post(url, data)
    correction = Review.objects.get(corrects=review)
    assert response["Location"] == reverse("reviews:review", args=[correction.pk])
    old = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Deze vastlegging is gecorrigeerd." in old


def test_the_chair_confirms_an_outflow_on_its_page(case, regisseur, voorzitter, login) -> None:
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    chair = login(voorzitter)
    overview = chair.get(reverse("reviews:overview")).content.decode()
    assert "1 uitstroom ter bevestiging" in overview
    page = chair.get(reverse("reviews:outflow", args=[outflow.pk])).content.decode()
    assert "Uitstroom bevestigen" in page
    case.refresh_from_db()
    response = chair.post(
        reverse("reviews:outflow_confirm", args=[outflow.pk]),
        {"case_version": case.version, "care_needed": "Wijkteam blijft betrokken."},
    )
    assert response.status_code == 302
    outflow.refresh_from_db()
    assert outflow.status == OutflowStatus.CONFIRMED


def test_the_proposer_has_no_way_to_confirm(case, regisseur, login) -> None:
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    client = login(regisseur)
    page = client.get(reverse("reviews:outflow", args=[outflow.pk])).content.decode()
    assert "Uitstroom bevestigen" not in page
    case.refresh_from_db()
    response = client.post(
        reverse("reviews:outflow_confirm", args=[outflow.pk]),
        {"case_version": case.version, "care_needed": "Zelf bevestigd."},
    )
    assert response.status_code == 404
    assert Outflow.objects.get().status == OutflowStatus.PROPOSED


def test_confirming_without_assessment_shows_the_message(
    case, regisseur, teamleider, login
) -> None:
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    case.refresh_from_db()
    response = login(teamleider).post(
        reverse("reviews:outflow_confirm", args=[outflow.pk]),
        {"case_version": case.version, "care_needed": ""},
    )
    assert response.status_code == 400
    assert "Beschrijf welke zorg of ondersteuning nog nodig is." in response.content.decode()


def test_a_partner_outside_the_case_does_not_find_the_outflow(
    case, regisseur, politie_medewerker, login
) -> None:
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    assert (
        login(politie_medewerker).get(reverse("reviews:outflow", args=[outflow.pk])).status_code
        == 404
    )


def test_follow_up_and_closing_on_the_case_page(
    case, regisseur, voorzitter, login, settings
) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 0
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    case.refresh_from_db()
    outflow_confirm(
        actor=voorzitter, outflow=outflow, seen_version=case.version, care_needed="Geen."
    )
    client = login(regisseur)
    assert "1 nacontrole" in client.get(reverse("cases:mine")).content.decode()
    response = client.post(
        reverse("reviews:follow_up", args=[case.pk]), {"in_view": "ja", "note": "Bij de huisarts."}
    )
    assert response.status_code == 302
    outflow.refresh_from_db()
    assert outflow.follow_up_recorded
    assert "1 nacontrole" not in client.get(reverse("cases:mine")).content.decode()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Casus afsluiten" in page
    case.refresh_from_db()
    client.post(reverse("reviews:close", args=[case.pk]), {"case_version": case.version})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


@pytest.mark.parametrize("who", ["regisseur", "teamleider", "voorzitter"])
def test_the_overview_is_for_regisseurs_teamleads_and_chairs(who, request, login) -> None:
    assert login(request.getfixturevalue(who)).get(reverse("reviews:overview")).status_code == 200


def test_a_partner_has_no_review_overview(politie_medewerker, login) -> None:
    assert login(politie_medewerker).get(reverse("reviews:overview")).status_code == 404


def test_overdue_reviews_show_for_regisseur_and_teamlead(
    case, regisseur, teamleider, login, time_machine
) -> None:
    time_machine.move_to(datetime(2026, 7, 6, 10, 0, tzinfo=AMS), tick=False)
    mine = login(regisseur).get(reverse("cases:mine")).content.decode()
    assert "1 toets binnen 14 dagen of te laat" in mine
    assert "toets te laat" in mine
    team = login(teamleider).get(reverse("cases:overview")).content.decode()
    assert "toets te laat" in team
    for user in (regisseur, teamleider):
        listed = login(user).get(reverse("reviews:overview")).content.decode()
        assert "1 toets te laat" in listed
        assert "toets was uiterlijk 5-7-2026" in listed
    time_machine.move_to(datetime(2026, 7, 5, 10, 0, tzinfo=AMS), tick=False)
    assert "toets te laat" not in login(regisseur).get(reverse("reviews:overview")).content.decode()


def test_a_renomination_links_the_earlier_case_on_the_triage_file(
    case, regisseur, voorzitter, politie_medewerker, make_user, acvz, login, settings
) -> None:
    settings.REGIE_FOLLOW_UP_MONTHS = 0
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    case.refresh_from_db()
    outflow_confirm(
        actor=voorzitter, outflow=outflow, seen_version=case.version, care_needed="Geen."
    )
    follow_up_record(actor=regisseur, outflow=outflow, in_view=False, note="")
    draft = nomination_save_draft(
        actor=politie_medewerker,
        person=case.person,
        proposed_target_group="volwassenen",
        reasons="Opnieuw betrokken bij overvallen.",
        concerns={"huisvesting": "Dakloos."},
    )
    nomination = nomination_submit(actor=politie_medewerker, nomination=draft)
    assert nomination.previous_case_id == case.pk
    triagist = make_user(acvz, "triage")
    page = login(triagist).get(reverse("triage:file", args=[nomination.pk])).content.decode()
    assert f"eerder in de aanpak (casus {case.pk}" in page
    assert "uitgestroomd op 1-7-2026: doelen bereikt / positieve verandering" in page
    assert "bij de nacontrole niet meer in beeld" in page
