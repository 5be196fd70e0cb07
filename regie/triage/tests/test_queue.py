from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.core.domain import TargetGroup
from regie.nominations.models import NominationStatus, Urgency
from regie.triage.services import decision_confirm, triage_start

from .conftest import complete_assessment

QUEUE = reverse("triage:queue")


def names(response) -> list[str]:
    return [n.person.full_name for n, _age, _waiting in response.context["rows"]]


def test_queue_shows_most_urgent_first_then_longest_waiting(
    login, triagist, make_nomination, make_person
) -> None:
    make_nomination(person=make_person(first_name="Normaal-lang"), days_waiting=40)
    make_nomination(
        person=make_person(first_name="Acuut-kort"), urgency=Urgency.ACUTE, days_waiting=1
    )
    make_nomination(person=make_person(first_name="Hoog"), urgency=Urgency.HIGH, days_waiting=5)
    make_nomination(person=make_person(first_name="Normaal-kort"), days_waiting=2)
    make_nomination(person=make_person(first_name="Concept"), status=NominationStatus.CONCEPT)

    response = login(triagist).get(QUEUE)

    assert response.status_code == 200
    assert [n.split()[0] for n in names(response)] == [
        "Acuut-kort",
        "Hoog",
        "Normaal-lang",
        "Normaal-kort",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"target_group": TargetGroup.YOUTH}, {"Jong"}),
        ({"urgency": Urgency.HIGH}, {"Oud"}),
        ({"age_band": "12-17"}, {"Jong"}),
        ({"age_band": "30+"}, {"Oud"}),
        ({"waiting": "29+"}, {"Oud"}),
        ({"waiting": "0-7"}, {"Jong", "Triage"}),
        ({"status": NominationStatus.IN_TRIAGE}, {"Triage"}),
        ({"status": NominationStatus.WITHDRAWN}, {"Ingetrokken"}),
        ({}, {"Jong", "Oud", "Triage"}),
    ],
)
def test_queue_filters(login, triagist, make_nomination, make_person, query, expected) -> None:
    today = timezone.localdate()
    make_nomination(
        person=make_person(first_name="Jong", date_of_birth=date(today.year - 15, 1, 1)),
        target_group=TargetGroup.YOUTH,
        days_waiting=2,
    )
    make_nomination(
        person=make_person(first_name="Oud", date_of_birth=date(today.year - 40, 1, 1)),
        urgency=Urgency.HIGH,
        days_waiting=60,
    )
    make_nomination(
        person=make_person(first_name="Triage", date_of_birth=date(today.year - 25, 1, 1)),
        status=NominationStatus.IN_TRIAGE,
        days_waiting=1,
    )
    make_nomination(person=make_person(first_name="Ingetrokken"), status=NominationStatus.WITHDRAWN)

    response = login(triagist).get(QUEUE, query)

    assert {n.split()[0] for n in names(response)} == expected


def test_queue_age_band_counts_a_birthday_from_the_day_itself(
    login, triagist, make_nomination, make_person
) -> None:
    today = timezone.localdate()
    make_nomination(
        person=make_person(first_name="Jarig", date_of_birth=today.replace(year=today.year - 18))
    )

    client = login(triagist)

    assert names(client.get(QUEUE, {"age_band": "18-22"}))
    assert not names(client.get(QUEUE, {"age_band": "12-17"}))


def test_queue_search_is_audited_with_ids_only(login, triagist, make_nomination) -> None:
    nomination = make_nomination()

    login(triagist).get(QUEUE, {"urgency": "normaal"})

    audit = AuditEvent.objects.get(action="search", object_type="triage_queue")
    assert audit.detail == {
        "filters": "urgency=normaal",
        "nominations": [nomination.pk],
        "persons": [nomination.person_id],
    }


def test_chair_sees_decisions_awaiting_confirmation_but_not_their_own(
    login, voorzitter, triagist_en_voorzitter, in_triage, criteria, propose_admission
) -> None:
    propose_admission(in_triage, actor=triagist_en_voorzitter)

    assert [d.nomination for d in login(voorzitter).get(QUEUE).context["awaiting"]] == [in_triage]
    assert login(triagist_en_voorzitter).get(QUEUE).context["awaiting"] == []


def test_queue_shows_overdue_letters(
    login, triagist, voorzitter, in_triage, criteria, cases, propose_admission
) -> None:
    decision_confirm(actor=voorzitter, decision=propose_admission(in_triage))
    client = login(triagist)
    assert client.get(QUEUE).context["letters"] == []

    in_triage.letters.update(created_at=timezone.now() - timedelta(days=20))

    response = client.get(QUEUE)
    assert [letter.nomination_id for letter in response.context["letters"]] == [in_triage.pk]
    assert "Brieven over de termijn" in response.content.decode()


def _fill_queue(make_nomination, triagist, voorzitter, propose_admission, count: int) -> None:
    for n in range(count):
        nomination = make_nomination(urgency=[Urgency.NORMAL, Urgency.HIGH, Urgency.ACUTE][n % 3])
        if n % 5 == 0:
            triage_start(actor=triagist, nomination=nomination)
            complete_assessment(actor=triagist, nomination=nomination)
            decision = propose_admission(nomination)
            if n % 10 == 0:
                decision_confirm(actor=voorzitter, decision=decision)
                nomination.letters.update(created_at=timezone.now() - timedelta(days=30))


def test_queue_renders_with_the_same_number_of_queries_for_5_and_50_nominations(
    login,
    triagist,
    voorzitter,
    make_nomination,
    propose_admission,
    criteria,
    cases,
) -> None:
    client = login(voorzitter)
    counts = []
    for count in (5, 45):
        _fill_queue(make_nomination, triagist, voorzitter, propose_admission, count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE, {"status": "alle"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 20
