"""The monitor reads what the real services write: a case opened by ``case_open``, a review held
by ``review_hold`` deciding on outflow and the outflow confirmed by ``outflow_confirm`` (the
fixtures of the review tests)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from regie.monitor.yearly import Scope, yearly_counts
from regie.reviews.models import Decision
from regie.reviews.services import outflow_confirm
from regie.reviews.tests import conftest as review_fixtures
from regie.reviews.tests.helpers import hold

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


# The review tests' fixtures: a case opened by ``case_open`` with a goal, its chair and person.
case = review_fixtures.case
open_case = review_fixtures.open_case
make_person = review_fixtures.make_person
voorzitter = review_fixtures.voorzitter


@pytest.fixture(autouse=True)
def _july_first(time_machine) -> None:
    time_machine.move_to(datetime(2026, 7, 1, 10, 0, tzinfo=AMS), tick=False)


def test_a_case_reviewed_and_outflown_through_the_services_is_counted(
    case, regisseur, voorzitter
) -> None:
    outflow = hold(case, regisseur, decision=Decision.OUTFLOW).outflow
    case.refresh_from_db()
    outflow_confirm(
        actor=voorzitter, outflow=outflow, seen_version=case.version, care_needed="Wijkteam."
    )
    before = yearly_counts(Scope(2026, date(2026, 6, 30)))
    after = yearly_counts(Scope(2026, date(2026, 7, 1)))
    # Everything was recorded on 1 July: nothing counts at a peildatum of 30 June.
    assert before.population == Counter()
    assert before.inflow == Counter()
    assert before.reviews == Counter()
    assert after.population == Counter()  # outflown the same day
    assert after.inflow == Counter({("overig", "volwassenen"): 1})
    assert after.reviews == Counter({("op_tijd", "volwassenen"): 1})
    assert after.outflow == Counter({("doelen_bereikt", "volwassenen"): 1})
    assert dict(after.durations) == {"volwassenen": [177]}
