"""Bounded queries: the start page, the teamlead overview and the case page cost the same number
of queries for 5 or 50 cases and goals."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.cases import selectors
from regie.cases.models import Action, ActionStatus
from regie.cases.services import (
    action_add,
    agreement_add,
    conference_record,
    goal_add,
    journal_entry_add,
)
from regie.core.domain import LifeDomain

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_goals(case, regisseur, reclassering, n: int) -> None:
    version = case.plan.version
    for i in range(n):
        goal = goal_add(
            actor=regisseur,
            case=case,
            domain=LifeDomain.values[i % len(LifeDomain.values)],
            description=f"Doel {i}",
            indicator="Meetbaar",
            target_date=date(2026, 12, 1),
            primary_scenario="Primair",
            alternative_scenarios=["Alternatief"],
            seen_version=version,
        )
        action_add(
            actor=regisseur,
            case=case,
            goal=goal,
            description=f"Actie {i}",
            responsible_organisation=reclassering,
            owner=None,
            due_date=date(2026, 1, 1),
            seen_version=version + 1,
        )
        journal_entry_add(
            actor=regisseur, case=case, text=f"Regel {i}", visibility="alle_deelnemers"
        )
        conference = conference_record(
            actor=regisseur,
            case=case,
            held_on=date(2026, 2, 1),
            agenda="",
            minutes="",
            organisations=[reclassering, regisseur.organisation],
            attendees=[regisseur],
        )
        agreement_add(
            actor=regisseur,
            conference=conference,
            description=f"Afspraak {i}",
            responsible_organisation=reclassering,
            due_date=date(2026, 3, 1),
        )
        version += 2


def test_start_page_and_overview_queries_do_not_grow_with_the_caseload(
    open_case, login, regisseur, teamleider
) -> None:
    def measure() -> tuple[int, int]:
        return (
            _queries(login(regisseur), reverse("cases:mine")),
            _queries(login(teamleider), reverse("cases:overview")),
        )

    for _ in range(5):
        open_case()
    few = measure()
    for _ in range(45):
        open_case()
    many = measure()

    assert few == many
    assert max(many) <= MAX_QUERIES


@pytest.mark.parametrize("role", ["regisseur", "partner"])
def test_case_page_queries_do_not_grow_with_the_plan(
    case, login, regisseur, reclasseringswerker, reclassering, role
) -> None:
    client = login(regisseur if role == "regisseur" else reclasseringswerker)
    url = reverse("cases:detail", args=[case.pk])

    _add_goals(case, regisseur, reclassering, 5)
    few = _queries(client, url)
    case.plan.refresh_from_db()
    _add_goals(case, regisseur, reclassering, 45)
    many = _queries(client, url)

    assert few == many
    assert many <= MAX_QUERIES


def test_overdue_actions_are_counted_on_the_actions_own_case_without_the_goals(
    case, goal, action, regisseur, teamleider, reclassering
) -> None:
    """The start page's and the team overview's overdue counts read the pending actions per case
    from ``Action.case``, not through the goals."""
    for due, status in (
        (date(2999, 1, 1), ActionStatus.OPEN),
        (date(2026, 1, 1), ActionStatus.DONE),
    ):
        Action.objects.create(
            goal=goal, description="Niet te laat", responsible_organisation=reclassering,
            due_date=due, status=status,
        )  # fmt: skip
    rows = [row for row in selectors.caseload(teamleider) if row.regisseur_id == regisseur.pk]
    with CaptureQueriesContext(connection) as context:
        selectors.caseload_overdue(teamleider, rows)
        totals = selectors.attention_totals(selectors.my_cases(regisseur))

    assert rows[0].overdue_actions == 1  # the fixture's action, due 1 March 2026
    assert totals["overdue_actions"] == 1
    assert [vars(c)["overdue_actions"] for c in selectors.my_cases(regisseur)] == [1]
    counting = [
        q["sql"] for q in context.captured_queries
        if "cases_action" in q["sql"] and "cases_scenario" not in q["sql"]
    ]  # fmt: skip
    assert len(counting) == 2
    assert not any("cases_goal" in sql for sql in counting)
