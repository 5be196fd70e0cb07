"""In-place editing with HTMX: forms come in place, changes answer with the whole plan section,
mistakes answer with the form and its Dutch messages."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from regie.cases.models import GoalStatus, JournalEntry, ScenarioKind, ScenarioStatus
from regie.cases.services import scenario_block
from regie.cases.tests.helpers import events_since, last_event_id
from regie.events.models import EventType

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _version(case) -> int:
    case.plan.refresh_from_db()
    return case.plan.version


def test_goal_status_form_opens_in_place_and_closes_the_goal(case, goal, login, regisseur) -> None:
    client = login(regisseur)
    url = reverse("cases:goal_status", args=[case.pk, goal.pk])
    form = client.get(url, **HTMX).content.decode()
    assert "<html" not in form
    assert f'hx-target="#doel-{goal.pk}-status"' in form

    missing_reason = client.post(
        url, {"status": "bereikt", "reason": "", "plan_version": _version(case)}, **HTMX
    )
    assert str(forms.Field.default_error_messages["required"]) in missing_reason.content.decode()
    assert "HX-Retarget" not in missing_reason

    done = client.post(
        url, {"status": "bereikt", "reason": "Huurcontract", "plan_version": _version(case)}, **HTMX
    )
    assert done["HX-Retarget"] == "#plan"
    goal.refresh_from_db()
    assert goal.status == GoalStatus.REACHED


def test_the_regisseur_edits_an_action_in_place(case, action, login, regisseur) -> None:
    client = login(regisseur)
    url = reverse("cases:action_edit", args=[case.pk, action.pk])
    form = client.get(url, **HTMX).content.decode()
    assert f'id="actie-{action.pk}"' in form
    assert "<html" not in form
    after = last_event_id()

    response = client.post(
        url,
        {
            "description": "Urgentieaanvraag met brief van de huisarts",
            "due_date": "2026-04-15",
            "status": "bezig",
            "note": "",
            "plan_version": _version(case),
        },
        **HTMX,
    )

    assert response["HX-Retarget"] == "#plan"
    action.refresh_from_db()
    assert (action.description, action.due_date) == (
        "Urgentieaanvraag met brief van de huisarts",
        date(2026, 4, 15),
    )
    assert [t for t, _ in events_since(case, after)] == [EventType.ACTION_UPDATED]
    # Cancelling brings back the action as it is.
    row = client.get(reverse("cases:action", args=[case.pk, action.pk]), **HTMX).content.decode()
    assert "Urgentieaanvraag met brief van de huisarts" in row


def test_a_partner_cannot_open_the_action_editor(case, action, login, reclasseringswerker) -> None:
    url = reverse("cases:action_edit", args=[case.pk, action.pk])
    assert login(reclasseringswerker).get(url, **HTMX).status_code == 404


def test_activating_an_alternative_in_place(case, goal, login, regisseur) -> None:
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    alternative = goal.scenarios.get(kind=ScenarioKind.ALTERNATIVE)
    scenario_block(
        actor=regisseur,
        case=case,
        scenario=primary,
        shortage_type="personeelstekort",
        blocked_on=date(2026, 4, 1),
        expected_wait_days=30,
        alternative=None,
        seen_version=_version(case),
    )
    response = login(regisseur).post(
        reverse("cases:scenario_activate", args=[case.pk, alternative.pk]),
        {"plan_version": _version(case)},
        **HTMX,
    )
    assert "Alternatief scenario ingezet." in response.content.decode()
    alternative.refresh_from_db()
    assert alternative.status == ScenarioStatus.ACTIVE


def test_a_teamlead_reads_the_journal_but_does_not_write_in_it(case, login, teamleider) -> None:
    url = reverse("cases:journal", args=[case.pk])
    client = login(teamleider)
    assert "Toevoegen aan journaal" not in client.get(url).content.decode()
    response = client.post(url, {"text": "x", "visibility": "alle_deelnemers"}, **HTMX)
    assert response.status_code == 404
    assert not JournalEntry.objects.exists()
