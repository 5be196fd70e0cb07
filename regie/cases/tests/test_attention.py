"""What needs attention is counted right, also once the database keeps statistics (ANALYZE, as
`regie demo --persons` and the nightly `PRAGMA optimize` of docs/deploy.md leave it)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from regie.cases import selectors
from regie.cases.models import Action, ActionStatus, Goal
from regie.core.domain import LifeDomain

pytestmark = pytest.mark.django_db


# sqlite_stat1 of the national benchmark dataset (bench/, 21,122 cases, 63,413 goals, 126,826
# actions) for the tables the counts read; "action_goal_due" is the index the counts used before.
NATIONAL_STATISTICS = {
    "cases_case": {
        "case_one_open_per_person": "15039 1",
        "case_open_by_review": "15039 63 1",
        "case_regisseur_status": "21122 57 15 1 1",
        "case_status_review": "21122 5281 6 1 1",
        "cases_case_nomination_id_4b377be7": "21122 1",
        "cases_case_person_id_f87eeffa": "21122 1",
        "cases_case_regisseur_id_4e7078c8": "21122 57",
    },
    "cases_plan": {
        "cases_plan_changed_by_id_b176e383": "21122 57",
        "sqlite_autoindex_cases_plan_1": "21122 1",
    },
    "cases_goal": {"cases_goal_plan_id_a397d2d7": "63413 4"},
    "cases_action": {
        "action_case_pending": "11807 2 1",
        "action_goal_due": "126826 2 2 1",
        "cases_action_case_id_ff9ad67d": "126826 7",
        "cases_action_goal_id_bbede7f8": "126826 2",
        "cases_action_owner_id_26f7442d": "126826 126826",
        "cases_action_responsible_organisation_id_87fb0339": "126826 21138",
    },
}


def _statistics_as_at_national_scale() -> None:
    """ANALYZE; on SQLite then the statistics of the national dataset, which steer SQLite's
    planner as in production (a handful of test rows would not)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor != "sqlite":
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        indexes = {name for (name,) in cursor.fetchall()}
        for table, stats in NATIONAL_STATISTICS.items():
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
            cursor.executemany(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                [(table, index, stat) for index, stat in stats.items() if index in indexes],
            )
        cursor.execute("ANALYZE sqlite_master")  # SQLite reads the statistics again


def test_actions_not_yet_due_never_count_as_overdue_once_there_are_statistics(
    case, goal, action, regisseur, teamleider, reclassering
) -> None:
    # Beside the fixture's action (open, due 1 March 2026: overdue), a second goal whose two
    # pending actions are not due yet. SQLite 3.35–3.41 counted one of them as overdue through
    # the index on (goal, status, due_date) the counts used before (regie.core.checks).
    later = Goal.objects.create(
        plan=case.plan, domain=LifeDomain.DAYTIME, description="Werk", indicator="Een baan",
        target_date=date(2999, 1, 1),
    )  # fmt: skip
    for status, due in (
        (ActionStatus.IN_PROGRESS, date(2999, 2, 22)),
        (ActionStatus.OPEN, date(2999, 1, 7)),
    ):
        Action.objects.create(
            goal=later, description="Nog niet aan de beurt", responsible_organisation=reclassering,
            due_date=due, status=status,
        )  # fmt: skip
    _statistics_as_at_national_scale()

    mine = selectors.my_cases(regisseur)
    rows = [row for row in selectors.caseload(teamleider) if row.regisseur_id == regisseur.pk]
    selectors.caseload_overdue(teamleider, rows)
    partner = selectors.attention_totals(mine, organisation_id=reclassering.pk)

    assert [vars(c)["overdue_actions"] for c in mine] == [1]  # annotated
    assert selectors.attention_totals(mine)["overdue_actions"] == 1
    assert partner["overdue_actions"] == 1
    assert rows[0].overdue_actions == 1
