"""Demo subject requests (demo mode only): every kind and state the contact point meets, made
through the services by the demo privacy officer ``fg``, with dates moved back afterwards.

One request is on time, one overdue, one extended, one refused, one rectified, one restricted
(that person's pages then show the restriction message) and one open erasure request.
Idempotent: nothing is added once any request exists.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.events.models import CaseEvent, EventType
from regie.persons.models import Person
from regie.rights.dates import add_months
from regie.rights.models import SubjectRequest
from regie.rights.services.corrections import person_rectify, processing_restrict
from regie.rights.services.requests import (
    deadline_for,
    subject_request_close,
    subject_request_extend,
    subject_request_receive,
    subject_request_refuse,
    subject_request_start,
)


def _receive(fg: User, person: Person, kind: str, received: date, **kwargs: str) -> SubjectRequest:
    return subject_request_receive(
        actor=fg, person=person, kind=kind, received_on=received, **kwargs
    )


def _closed_on(request: SubjectRequest, day: date) -> None:
    SubjectRequest.objects.filter(pk=request.pk).update(closed_on=day)


def _backdate(requests: list[SubjectRequest]) -> None:
    """Each request's events at the moments they would have happened: receipt on the day it
    was received, later steps a day later, closing on the day it was closed (so figures such
    as "requests answered in time" come out right for any peildatum)."""
    for request in SubjectRequest.objects.filter(pk__in=[r.pk for r in requests]):
        received = timezone.make_aware(datetime.combine(request.received_on, time(10)))
        for event in CaseEvent.objects.filter(payload__request=request.pk).order_by("pk"):
            if event.type == EventType.SUBJECT_REQUEST_RECEIVED:
                moment = received
            elif request.closed_on and event.type in CLOSING:
                moment = timezone.make_aware(datetime.combine(request.closed_on, time(16)))
            else:
                moment = received + timedelta(days=1)
            CaseEvent.objects.filter(pk=event.pk).update(occurred_at=moment)


CLOSING = (EventType.SUBJECT_REQUEST_CLOSED, EventType.SUBJECT_REQUEST_REFUSED)


def build_demo(*, seed: int) -> None:
    fg = User.objects.filter(username="fg").first()
    if fg is None or SubjectRequest.objects.exists():
        return
    persons = list(
        Person.objects.filter(merged_into__isnull=True, nominations__isnull=False)
        .distinct()
        .order_by("pk")[seed % 5 : seed % 5 + 7]
    )
    if len(persons) < 7:
        return
    today = timezone.localdate()
    with transaction.atomic():
        done = _receive(fg, persons[0], "access", today - timedelta(days=50))
        subject_request_start(actor=fg, request=done)
        subject_request_close(
            actor=fg,
            request=done,
            outcome="Inzage gegeven: overzicht per post verstuurd.",
            legal_ground="AVG art. 15",
        )
        _closed_on(done, today - timedelta(days=30))

        overdue = _receive(fg, persons[1], "access", today - timedelta(days=40))

        extended = _receive(fg, persons[2], "access", today - timedelta(days=20))
        subject_request_extend(
            actor=fg,
            request=extended,
            notice_on=today - timedelta(days=10),
            notice_text="Uw verzoek betreft gegevens van vijf partners; u krijgt uiterlijk "
            f"{add_months(deadline_for(today - timedelta(days=20)), 2):%d-%m-%Y} antwoord.",
        )

        objection = _receive(fg, persons[3], "objection", today - timedelta(days=25))
        subject_request_refuse(
            actor=fg,
            request=objection,
            outcome="Het bezwaar is afgewezen: de aanpak is noodzakelijk en proportioneel.",
            legal_ground="AVG art. 21 lid 1; WGS",
        )

        rectification = _receive(
            fg,
            persons[4],
            "rectification",
            today - timedelta(days=12),
            description="De woongemeente klopt niet meer.",
        )
        subject_request_start(actor=fg, request=rectification)
        person_rectify(
            actor=fg,
            request=rectification,
            field="gender",
            new_value="x",
            ground="Betrokkene heeft dit zelf aangegeven bij het contactpunt.",
        )

        restriction = _receive(
            fg,
            persons[5],
            "restriction",
            today - timedelta(days=5),
        )
        processing_restrict(
            actor=fg,
            request=restriction,
            ground="Juistheid van de registraties wordt betwist en onderzocht (AVG art. 18 lid 1 sub a).",
        )

        erasure = _receive(fg, persons[6], "erasure", today - timedelta(days=3))
        _closed_on(objection, today - timedelta(days=20))
        _backdate([done, overdue, extended, objection, rectification, restriction, erasure])
