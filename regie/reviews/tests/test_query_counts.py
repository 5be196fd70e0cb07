"""Bounded queries: the review lists cost the same number of queries for 5 or 50 rows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.persons.models import FactKind
from regie.reviews.models import Decision
from regie.reviews.services import handover_record, review_flags_scan
from regie.reviews.tests.helpers import add_fact, hold

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 20, 10, 0, tzinfo=AMS), tick=False)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _cases_needing_attention(open_case, regisseur, politie, zorg, n: int) -> None:
    """``n`` flagged cases with an overdue review, and ``n`` outflows with a handover."""
    for _ in range(n):
        flagged = open_case(first_review=date(2026, 7, 1))
        add_fact(flagged.person, politie, FactKind.DECEASED, date(2026, 6, 30))
        leaving = open_case()
        hold(leaving, regisseur, decision=Decision.OUTFLOW, held_on=date(2026, 7, 1))
        handover_record(
            actor=regisseur,
            case=leaving,
            receiving_organisation=zorg,
            contact_name="J. Jansen",
            contact_details="020 123 4567",
            what="Behandeling",
            handover_date=date(2026, 7, 2),
        )
    review_flags_scan()


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("regisseur", "cases:mine"),
        ("regisseur", "reviews:overview"),
        ("teamleider", "cases:overview"),
        ("voorzitter", "reviews:overview"),
        ("zorgverlener", "reviews:handovers_received"),
    ],
)
def test_review_lists_do_not_grow_with_the_number_of_cases(
    open_case, regisseur, politie, zorg, who, url_name, request, login
) -> None:
    client = login(request.getfixturevalue(who))
    url = reverse(url_name)
    _cases_needing_attention(open_case, regisseur, politie, zorg, 3)
    few = _queries(client, url)
    _cases_needing_attention(open_case, regisseur, politie, zorg, 30)
    many = _queries(client, url)
    assert few == many


def test_the_start_pages_show_the_first_rows_of_a_long_list_and_link_to_all(
    open_case, regisseur, teamleider, politie, zorg, login
) -> None:
    """On "Mijn casussen" and the teamlead's overview each attention list shows its first
    ``START_PAGE_SECTION_SIZE`` rows with the total and a link to "Toetsen en uitstroom", which
    shows up to ``SECTION_SIZE``."""
    from regie.reviews.selectors import START_PAGE_SECTION_SIZE

    n = START_PAGE_SECTION_SIZE + 2
    _cases_needing_attention(open_case, regisseur, politie, zorg, n)
    more = f"De eerste {START_PAGE_SECTION_SIZE} van {n} getoond."
    for who, url_name in ((regisseur, "cases:mine"), (teamleider, "cases:overview")):
        page = login(who).get(reverse(url_name))
        html = page.content.decode()
        assert more in html
        assert f'href="{reverse("reviews:overview")}">Alles bekijken' in html
        flags = page.context["sections"]["flags"]
        assert (len(flags.rows), flags.total) == (START_PAGE_SECTION_SIZE, n)
    full = login(regisseur).get(reverse("reviews:overview"))
    assert len(full.context["sections"]["flags"].rows) == n
    assert more not in full.content.decode()


def test_a_section_of_ones_own_cases_is_one_query_with_the_same_rows_and_total(
    open_case, regisseur, politie, zorg
) -> None:
    """``Section.joined`` (the user's own cases: one query) and ``Section.of`` (every case the
    user may see: ids first, then the rows) give the same rows in the same order."""
    from regie.reviews.selectors import Section, flags_open, handovers_to_chase

    _cases_needing_attention(open_case, regisseur, politie, zorg, 4)
    for rows in (flags_open(regisseur, mine=True), handovers_to_chase(regisseur, mine=True)):
        with CaptureQueriesContext(connection) as joined_queries:
            joined = Section.joined(rows, 3)
        of = Section.of(rows, 3)
        assert len(joined_queries.captured_queries) == 1
        assert ([row.pk for row in joined.rows], joined.total) == (
            [row.pk for row in of.rows],
            of.total,
        )
        assert joined.total == 4


def test_the_follow_ups_to_do_are_read_by_the_outflows_flag(teamleider) -> None:
    """Only the outflows without a follow-up are read, however many were followed up in the
    years before: no probe for a ``FollowUp`` per confirmed outflow (the planner is told to
    avoid table scans: the test's tables are nearly empty)."""
    from regie.reviews.selectors import follow_ups_due

    rows = follow_ups_due(teamleider, mine=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    plan = rows.explain()
    assert "outflow_follow_up" in plan
    assert "reviews_followup" not in plan
