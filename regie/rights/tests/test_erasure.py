"""Granted erasure deletes the person's data, keeps tombstones without personal data, and
leaves the audit chain verifiable."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from regie.access.policy import access
from regie.access.rules import Action
from regie.audit.models import AuditEvent
from regie.audit.selectors import audit_verify
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination
from regie.persons.models import JusticeFact, Person
from regie.persons.services import person_merge
from regie.rights.models import (
    AccessExport,
    BatchKind,
    DeletionBatch,
    Notification,
    NotificationKind,
    RequestStatus,
    SubjectRequest,
    Tombstone,
)
from regie.rights.services.erasure import person_erase
from regie.rights.services.inzage import access_export_generate
from regie.triage.models import Assessment, Letter, TriageDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased(fg, triagist, record, make_request):
    access(triagist, Action.VIEW, Person, pk=record.person.pk)
    export = access_export_generate(actor=fg, request=make_request("access"))
    request = make_request(
        "erasure",
        received_on=date(2022, 1, 3),
        requester_kind="ouder",
        requester_name="Moeder Jansen",
    )
    batch = person_erase(
        actor=fg,
        request=request,
        outcome="Alle gegevens gewist; de aanpak is beëindigd.",
        legal_ground="AVG art. 17 lid 1 sub a",
    )
    return request, batch, export.pk


def test_every_record_of_the_person_is_deleted(record, erased):
    assert not Person.objects.exists()
    for model in (JusticeFact, Nomination, Assessment, TriageDecision, Letter, AccessExport):
        assert not model.objects.exists(), model


def test_tombstones_name_kind_id_dates_ground_and_batch_only(record, erased):
    request, batch, export_id = erased

    stones = {(t.kind, t.record_id) for t in Tombstone.objects.all()}
    assert stones == {
        ("person", record.person.pk),
        ("nomination", record.nomination.pk),
        ("access_export", export_id),
    }
    assert {t.batch_id for t in Tombstone.objects.all()} == {batch.pk}
    person_stone = Tombstone.objects.get(kind="person")
    assert person_stone.ground == f"Wissing op verzoek PGR-V{request.pk} (AVG art. 17 lid 1 sub a)"
    assert person_stone.record_date == record.person.created_at.astimezone().date()
    assert person_stone.detail == {"persons.JusticeFact": 1}
    nomination_stone = Tombstone.objects.get(kind="nomination")
    assert nomination_stone.detail == {
        "nominations.NominationConcern": 1,
        "triage.Assessment": 1,
        "triage.AssessmentScore": 1,
        "triage.TriageDecision": 1,
        "triage.Letter": 1,
    }
    dump = json.dumps(list(Tombstone.objects.values()), default=str)
    for personal in ("Jansen", "Daan", record.person.bsn, "Moeder"):
        assert personal not in dump
    assert batch.kind == BatchKind.ERASURE
    assert batch.counts == {"access_export": 1, "nomination": 1, "person": 1}


def test_the_request_stays_closed_without_the_person_or_the_requesters_name(record, erased):
    request, _batch, _export = erased
    request.refresh_from_db()

    assert (request.status, request.person, request.person_ref) == (
        RequestStatus.DONE,
        None,
        record.person.pk,
    )
    assert (request.requester_name, request.description) == ("", "")
    assert request.legal_ground == "AVG art. 17 lid 1 sub a"
    assert (
        SubjectRequest.objects.filter(person_ref=record.person.pk, person__isnull=True).count() == 2
    )


def test_events_keep_no_person_and_the_audit_chain_verifies(record, erased):
    request, batch, _export = erased

    assert not CaseEvent.objects.filter(person__isnull=False).exists()
    erasure = CaseEvent.objects.get(type=EventType.PERSON_ERASED)
    assert erasure.payload == {"request": request.pk, "batch": batch.pk, "counts": batch.counts}
    deletes = AuditEvent.objects.filter(action="delete").order_by("seq")
    assert [(e.object_type, e.person_id) for e in deletes] == [
        ("nomination", record.person.pk),
        ("access_export", record.person.pk),
        ("person", record.person.pk),
    ]
    assert AuditEvent.objects.filter(person_id=record.person.pk, action="view").exists()
    assert audit_verify().ok
    call_command("audit", "verify")


def test_participants_are_told_before_the_data_goes(politie_medewerker, erased):
    notification = Notification.objects.get(kind=NotificationKind.ERASURE)

    assert notification.organisation == politie_medewerker.organisation
    assert notification.person is None
    assert notification.reference.startswith("voordracht ")


def test_merged_duplicates_are_erased_with_the_person(
    fg, triagist, record, make_record, make_request
):
    duplicate = make_record(first_name="Daan", last_name="Jansen", bsn=None)
    person_merge(actor=triagist, duplicate=duplicate.person, survivor=record.person)

    person_erase(
        actor=fg, request=make_request("erasure"), outcome="Gewist.", legal_ground="AVG art. 17"
    )

    assert not Person.objects.exists()
    assert Tombstone.objects.filter(kind="person").count() == 2


def test_erasure_needs_the_privacy_officer_an_open_erasure_request_and_a_ground(
    fg, triagist, record, make_request
):
    request = make_request("erasure")
    with pytest.raises(PermissionDenied):
        person_erase(actor=triagist, request=request, outcome="x", legal_ground="y")
    with pytest.raises(ValidationError):
        person_erase(actor=fg, request=request, outcome="", legal_ground="")
    with pytest.raises(ValidationError):
        person_erase(actor=fg, request=make_request("access"), outcome="x", legal_ground="y")
    assert Person.objects.exists()
    assert not DeletionBatch.objects.exists()
