from __future__ import annotations

from regie.demo.region import build_region
from regie.nominations.models import Nomination, NominationStatus
from regie.triage.demo import build_demo
from regie.triage.models import DecisionStatus, Letter, LetterStatus, TriageDecision


def test_demo_decides_a_share_of_existing_nominations_idempotently(
    make_nomination, criteria, cases
) -> None:
    build_region(seed=1)
    criteria.by_facts = False
    for n in range(60):
        make_nomination(
            status=NominationStatus.IN_TRIAGE if n % 7 == 0 else NominationStatus.SUBMITTED
        )

    build_demo(seed=1)
    snapshot = (
        list(Nomination.objects.order_by("pk").values_list("status", "outcome")),
        TriageDecision.objects.count(),
        Letter.objects.count(),
    )
    build_demo(seed=1)

    assert snapshot == (
        list(Nomination.objects.order_by("pk").values_list("status", "outcome")),
        TriageDecision.objects.count(),
        Letter.objects.count(),
    )
    outcomes = set(Nomination.objects.values_list("outcome", flat=True))
    assert {"toegelaten", "afgewezen", ""} <= outcomes
    assert Nomination.objects.filter(status=NominationStatus.SUBMITTED).exists()
    assert TriageDecision.objects.filter(status=DecisionStatus.PROPOSED).exists()
    assert set(Letter.objects.values_list("status", flat=True)) == set(LetterStatus.values)
    assert TriageDecision.objects.filter(is_override=True, kind="afgewezen").exists()


def test_demo_does_nothing_without_demo_accounts(make_nomination) -> None:
    make_nomination()

    build_demo(seed=1)

    assert not TriageDecision.objects.exists()
