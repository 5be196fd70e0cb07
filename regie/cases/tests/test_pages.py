"""The screens: start page, teamlead overview, and working on the plan through the pages."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from regie.cases import selectors
from regie.cases.models import ActionStatus, Case, Goal, ScenarioKind, ScenarioStatus
from regie.cases.services import scenario_block
from regie.cases.tests.helpers import events_since, last_event_id
from regie.events.models import CaseEvent, EventType

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = date(2026, 6, 25)


@time_machine.travel(TODAY)
def test_start_page_shows_what_needs_attention(case, goal, action, login, regisseur) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    case.plan.refresh_from_db()
    scenario_block(
        actor=regisseur,
        case=case,
        scenario=primary,
        shortage_type="woningnood",
        blocked_on=date(2026, 5, 1),
        expected_wait_days=180,
        alternative=None,
        seen_version=case.plan.version,
    )

    body = login(regisseur).get(reverse("cases:mine")).content.decode()

    # The action was due 1 March, the review is on 5 July (within 14 days).
    assert "1 actie over de datum" in body
    assert "1 toets binnen 14 dagen of te laat" in body
    assert "1 geblokkeerd scenario" in body
    assert case.person.full_name in body


def test_a_partner_sees_the_cases_they_take_part_in(
    case, open_case, login, reclasseringswerker
) -> None:
    other = open_case()
    body = login(reclasseringswerker).get(reverse("cases:mine")).content.decode()
    assert case.person.full_name in body
    assert other.person.full_name not in body


def test_letters_not_yet_sent_are_flagged_once_triage_sends_letters(
    case, monkeypatch, login, regisseur, voorzitter
) -> None:
    from regie.nominations.models import Nomination

    nomination = Nomination.objects.create(
        person=case.person,
        nominating_organisation=voorzitter.organisation,
        nominated_by=voorzitter,
        proposed_target_group="volwassenen",
    )
    Case.objects.filter(pk=case.pk).update(nomination=nomination)
    monkeypatch.setattr(selectors, "letters_tracked", lambda: True)
    assert (
        "1 brief nog te versturen" in login(regisseur).get(reverse("cases:mine")).content.decode()
    )

    CaseEvent.objects.create(type=EventType.LETTER_SENT, nomination_id=nomination.pk)
    assert (
        "0 brieven nog te versturen" in login(regisseur).get(reverse("cases:mine")).content.decode()
    )


def test_teamlead_sees_caseload_and_reassigns_a_case(
    case, open_case, login, teamleider, regisseur, make_user, acvz
) -> None:
    other = make_user(acvz, "regisseur", username="regisseur_b")
    client = login(teamleider)
    body = client.get(reverse("cases:overview")).content.decode()
    assert "Caseload per regisseur" in body
    assert case.person.full_name in body

    response = client.post(
        reverse("cases:reassign", args=[case.pk]),
        {"regisseur": other.pk, "case_version": case.version},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.regisseur == other
    filtered = client.get(reverse("cases:overview"), {"regisseur": other.pk}).content.decode()
    assert case.person.full_name in filtered


def test_navigation_offers_cases_by_role(login, regisseur, teamleider, politie_medewerker) -> None:
    assert "Mijn casussen" in login(regisseur).get("/").content.decode()
    assert "Mijn casussen" in login(politie_medewerker).get("/").content.decode()
    assert 'href="/casussen/overzicht/"' in login(teamleider).get("/").content.decode()


def test_a_partner_completes_an_action_in_place(case, action, login, reclasseringswerker) -> None:
    case.plan.refresh_from_db()
    after = last_event_id()

    response = login(reclasseringswerker).post(
        reverse("cases:action", args=[case.pk, action.pk]),
        {"status": "afgerond", "note": "Ingediend", "plan_version": case.plan.version},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan"
    assert '<section id="plan"' in body
    assert "<html" not in body
    assert "Actie bijgewerkt." in body
    assert [t for t, _ in events_since(case, after)] == [EventType.ACTION_UPDATED]
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_a_stale_in_place_edit_shows_the_conflict_and_the_current_plan(
    case, action, login, reclasseringswerker, regisseur
) -> None:
    case.plan.refresh_from_db()
    seen = case.plan.version
    partner, director = login(reclasseringswerker), login(regisseur)
    url = reverse("cases:action", args=[case.pk, action.pk])
    partner.post(url, {"status": "bezig", "note": "Gestart", "plan_version": seen}, **HTMX)

    response = director.post(url, {"status": "vervallen", "note": "", "plan_version": seen}, **HTMX)

    body = response.content.decode()
    assert "Iemand anders heeft het plan intussen gewijzigd" in body
    assert f'value="{seen + 1}"' in body
    action.refresh_from_db()
    assert (action.status, action.note) == (ActionStatus.IN_PROGRESS, "Gestart")


def test_regisseur_adds_a_goal_with_two_scenarios_through_the_form(case, login, regisseur) -> None:
    response = login(regisseur).post(
        reverse("cases:goal_new", args=[case.pk]),
        {
            "plan_version": 1,
            "domain": "verslaving",
            "description": "Minder blowen",
            "indicator": "Drie maanden geen gebruik",
            "target_date": "2026-12-01",
            "primary_scenario": "Ambulante verslavingszorg",
            "alternative_scenario": "Zelfhulpgroep met begeleiding",
        },
    )
    goal = Goal.objects.get(plan_id=case.pk)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#doel-{goal.pk}")
    assert goal.scenarios.count() == 2


def test_a_form_with_mistakes_answers_in_dutch(case, login, regisseur) -> None:
    response = login(regisseur).post(
        reverse("cases:goal_new", args=[case.pk]),
        {"plan_version": 1, "domain": "verslaving", "target_date": "morgen"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Niet alles is goed ingevuld" in body
    assert not Goal.objects.exists()


def test_regisseur_blocks_the_primary_and_activates_the_alternative_through_the_form(
    case, goal, login, regisseur
) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    alternative = goal.scenarios.get(kind=ScenarioKind.ALTERNATIVE)
    case.plan.refresh_from_db()
    response = login(regisseur).post(
        reverse("cases:scenario_block", args=[case.pk, primary.pk]),
        {
            "plan_version": case.plan.version,
            "shortage_type": "wachtlijst_zorg",
            "blocked_on": "2026-04-01",
            "waiting_time": 6,
            "waiting_unit": "weken",
            "alternative": alternative.pk,
        },
    )
    assert response.status_code == 302
    primary.refresh_from_db()
    alternative.refresh_from_db()
    assert (primary.status, primary.expected_wait_days) == (ScenarioStatus.BLOCKED, 42)
    assert alternative.status == ScenarioStatus.ACTIVE


def test_an_agreement_becomes_an_action_through_the_conference_page(
    case, goal, login, regisseur, reclassering, acvz
) -> None:
    client = login(regisseur)
    response = client.post(
        reverse("cases:conference_new", args=[case.pk]),
        {"held_on": "2026-03-10", "organisations": [acvz.pk, reclassering.pk], "agenda": "Wonen"},
    )
    conference = case.conferences.get()
    assert response["Location"] == reverse("cases:conference", args=[case.pk, conference.pk])
    client.post(
        reverse("cases:agreement_new", args=[case.pk, conference.pk]),
        {
            "description": "Aanmelden schuldhulp",
            "responsible_organisation": reclassering.pk,
            "due_date": "2026-04-01",
        },
    )
    agreement = conference.agreements.get()
    case.plan.refresh_from_db()
    # The case page lists the conference with its organisations and number of agreements.
    listed = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    row = listed[listed.index("10 maart 2026") :].split("</tr>")[0]
    assert f"{acvz}" in row
    assert f"{reclassering}" in row
    assert '<td class="ams-table__cell">1</td>' in row

    client.post(
        reverse("cases:agreement_action", args=[case.pk, conference.pk, agreement.pk]),
        {"goal": goal.pk, "plan_version": case.plan.version},
    )

    agreement.refresh_from_db()
    assert agreement.action is not None
    assert agreement.action.goal == goal
    assert (
        "Staat als actie in het plan"
        in client.get(reverse("cases:conference", args=[case.pk, conference.pk])).content.decode()
    )


def test_without_javascript_the_action_form_still_works(
    case, action, login, reclasseringswerker
) -> None:
    case.plan.refresh_from_db()
    response = login(reclasseringswerker).post(
        reverse("cases:action", args=[case.pk, action.pk]),
        {"status": "bezig", "note": "", "plan_version": case.plan.version},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#actie-{action.pk}")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_the_caseload_table_is_paged_and_its_links_keep_the_other_table_and_the_filter(
    case, login, teamleider, regisseur, make_user, acvz
) -> None:
    from regie.cases.views.lists import CASELOAD_PAGE_SIZE

    for i in range(CASELOAD_PAGE_SIZE + 3):
        make_user(acvz, "regisseur", username=f"regisseur_{i:02d}")
    client = login(teamleider)

    first = client.get(reverse("cases:overview")).content.decode()
    second = client.get(
        reverse("cases:overview"), {"team": 2, "regisseur": regisseur.pk}
    ).content.decode()

    assert "Regisseurs, pagina 1 van 2" in first
    assert first.count("?regisseur=") == CASELOAD_PAGE_SIZE
    assert "Regisseurs, pagina 2 van 2" in second
    assert f'href="?regisseur={regisseur.pk}&amp;pagina=1&amp;team=1"' in second
    assert case.person.full_name in second  # the chosen regisseur's cases stay listed
