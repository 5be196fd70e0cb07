"""Subject requests: one month to answer, one extension by two months with a notice, overdue
requests shown to the privacy officer, and a ground for every outcome."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.rights.dates import add_months
from regie.rights.models import RequesterKind, RequestStatus
from regie.rights.selectors import overdue_requests
from regie.rights.services.requests import (
    subject_request_close,
    subject_request_extend,
    subject_request_receive,
    subject_request_refuse,
    subject_request_start,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 10), 1, date(2026, 4, 10)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 4, 10), 2, date(2026, 6, 10)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@time_machine.travel("2026-03-10 09:00 +0100", tick=False)
def test_a_received_request_is_due_one_month_later_and_is_recorded(fg, record):
    request = subject_request_receive(
        actor=fg, person=record.person, kind="access", received_on=date(2026, 3, 9)
    )

    assert request.deadline == date(2026, 4, 9)
    assert request.status == RequestStatus.RECEIVED
    assert request.person_ref == record.person.pk
    event = CaseEvent.objects.get(type=EventType.SUBJECT_REQUEST_RECEIVED)
    assert (event.person_id, event.payload) == (
        record.person.pk,
        {"request": request.pk, "kind": "access", "requester": "betrokkene"},
    )
    audit = AuditEvent.objects.get(object_type="subject_request")
    assert (audit.action, audit.object_id, audit.person_id, audit.actor_id) == (
        "create",
        str(request.pk),
        record.person.pk,
        fg.pk,
    )


def test_only_the_privacy_officer_registers_requests(triagist, record):
    with pytest.raises(PermissionDenied):
        subject_request_receive(
            actor=triagist, person=record.person, kind="access", received_on=date(2026, 1, 1)
        )


def test_a_parent_may_make_the_request_of_a_minor_only(fg, record):
    with pytest.raises(ValidationError) as adult:
        subject_request_receive(
            actor=fg,
            person=record.person,
            kind="access",
            received_on=date(2026, 1, 1),
            requester_kind=RequesterKind.PARENT,
            requester_name="Ouder (synthetisch)",
        )
    minor = subject_request_receive(
        actor=fg,
        person=record.person,
        kind="access",
        received_on=date(2022, 5, 16),
        requester_kind=RequesterKind.PARENT,
        requester_name="Ouder (synthetisch)",
    )

    assert "meerderjarig" in adult.value.message_dict["requester_kind"][0]
    assert (minor.requester_kind, minor.requester_name) == ("ouder", "Ouder (synthetisch)")


def test_a_parent_must_be_named_and_receipt_cannot_lie_in_the_future(fg, record):
    with pytest.raises(ValidationError) as exc:
        subject_request_receive(
            actor=fg,
            person=record.person,
            kind="access",
            received_on=date(2999, 1, 1),
            requester_kind=RequesterKind.PARENT,
        )
    assert set(exc.value.message_dict) == {"received_on", "requester_name"}


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_extension_once_by_two_months_with_the_notice_given_in_the_first_month(fg, make_request):
    request = make_request(received_on=date(2026, 3, 1))
    subject_request_start(actor=fg, request=request)

    extended = subject_request_extend(
        actor=fg,
        request=request,
        notice_on=date(2026, 3, 20),
        notice_text="Het verzoek vraagt gegevens van vier partners; wij antwoorden vóór 1 juni.",
    )

    assert (extended.status, extended.deadline) == (RequestStatus.EXTENDED, date(2026, 6, 1))
    assert extended.extension_notice_on == date(2026, 3, 20)
    with pytest.raises(ValidationError, match="maar één keer"):
        subject_request_extend(
            actor=fg, request=extended, notice_on=date(2026, 3, 20), notice_text="Nogmaals."
        )
    assert CaseEvent.objects.get(type=EventType.SUBJECT_REQUEST_EXTENDED).payload["deadline"] == (
        "2026-06-01"
    )


def test_extension_after_the_first_month_or_without_a_notice_is_refused(fg, make_request):
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        request = make_request(received_on=date(2026, 3, 1))
    with time_machine.travel("2026-04-03 10:00 +0200", tick=False):
        with pytest.raises(ValidationError) as late:
            subject_request_extend(
                actor=fg, request=request, notice_on=date(2026, 4, 2), notice_text="Te laat."
            )
        with pytest.raises(ValidationError) as empty:
            subject_request_extend(
                actor=fg, request=request, notice_on=date(2026, 3, 30), notice_text=" "
            )
    assert "binnen de eerste maand" in late.value.message_dict["extension_notice_on"][0]
    assert "extension_notice_text" in empty.value.message_dict
    request.refresh_from_db()
    assert (request.deadline, request.status) == (date(2026, 4, 1), RequestStatus.RECEIVED)


def test_overdue_requests_are_listed_with_deadline_and_days_overdue(fg, make_request):
    with time_machine.travel("2026-01-05 10:00 +0100", tick=False):
        late = make_request(received_on=date(2026, 1, 5))
        on_time = make_request(received_on=date(2026, 1, 5))
    with time_machine.travel("2026-02-05 23:00 +0100", tick=False):
        assert overdue_requests(fg) == []
        subject_request_close(
            actor=fg, request=on_time, outcome="Inzage verstrekt.", legal_ground="AVG art. 15"
        )
    with time_machine.travel("2026-02-08 10:00 +0100", tick=False):
        rows = overdue_requests(fg)

    assert [(r.request.pk, r.request.deadline, r.days_overdue) for r in rows] == [
        (late.pk, date(2026, 2, 5), 3)
    ]


def test_an_extended_request_is_overdue_only_after_the_extended_deadline(fg, make_request):
    with time_machine.travel("2026-01-05 10:00 +0100", tick=False):
        request = make_request(received_on=date(2026, 1, 5))
        subject_request_extend(
            actor=fg, request=request, notice_on=date(2026, 1, 5), notice_text="Complex verzoek."
        )
    with time_machine.travel("2026-04-05 10:00 +0200", tick=False):
        assert overdue_requests(fg) == []
    with time_machine.travel("2026-04-06 10:00 +0200", tick=False):
        assert [r.days_overdue for r in overdue_requests(fg)] == [1]


def test_closing_needs_an_outcome_and_a_legal_ground(fg, make_request):
    request = make_request()

    with pytest.raises(ValidationError) as exc:
        subject_request_close(actor=fg, request=request, outcome="", legal_ground=" ")

    assert set(exc.value.message_dict) == {"outcome", "legal_ground"}


@time_machine.travel("2026-05-10 10:00 +0200", tick=False)
def test_closing_records_the_day_whether_it_was_in_time_and_who_handled_it(fg, make_request):
    request = make_request("objection", received_on=date(2026, 4, 30))

    closed = subject_request_refuse(
        actor=fg,
        request=request,
        outcome="Het bezwaar is afgewezen: dwingende gerechtvaardigde gronden.",
        legal_ground="AVG art. 21 lid 1",
    )

    assert (closed.status, closed.closed_on, closed.closed_in_time) == (
        RequestStatus.REFUSED,
        date(2026, 5, 10),
        True,
    )
    assert closed.handler == fg
    event = CaseEvent.objects.get(type=EventType.SUBJECT_REQUEST_REFUSED)
    assert event.payload == {
        "request": request.pk,
        "kind": "objection",
        "status": "afgewezen",
        "in_time": True,
    }
    with pytest.raises(ValidationError, match="al gesloten"):
        subject_request_close(actor=fg, request=closed, outcome="x", legal_ground="y")


def test_an_erasure_request_is_granted_only_by_erasing(fg, make_request):
    request = make_request("erasure")

    with pytest.raises(ValidationError, match="Gegevens wissen"):
        subject_request_close(actor=fg, request=request, outcome="Gewist.", legal_ground="art. 17")
