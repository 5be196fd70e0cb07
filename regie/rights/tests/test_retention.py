"""Retention: each kind expires the day after its term has passed since its trigger, leaves a
tombstone, respects extensions and legal holds, never deletes audit events and never breaks
the audit chain."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import CASCADE, Model

from regie.audit.models import AuditEvent
from regie.audit.selectors import audit_verify
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination, NominationStatus
from regie.persons.models import Person
from regie.rights.models import DeletionBatch, Notification, RetentionExtension, Tombstone
from regie.rights.retention.policy import kind, kinds
from regie.rights.retention.run import retention_run
from regie.rights.services.corrections import processing_restrict, processing_restriction_lift
from regie.rights.services.requests import subject_request_close, subject_request_receive
from regie.rights.services.retention import retention_extend
from regie.triage.models import Letter

pytestmark = pytest.mark.django_db

AMSTERDAM = "+0100"


def at(day: str):
    return time_machine.travel(f"{day} 10:00 {AMSTERDAM}", tick=False)


def deleted_kinds(report) -> list[tuple[str, int]]:
    return [(row.kind, row.record_id) for row in report.deleted]


@pytest.fixture
def declined(make_record):
    with at("2024-01-10"):
        return make_record(outcome="afgewezen")


def test_a_declined_nomination_goes_twelve_months_after_the_decision_with_its_person(declined):
    with at("2025-01-10"):
        assert retention_run().deleted == []
    with at("2025-01-11"):
        report = retention_run()

    assert deleted_kinds(report) == [
        ("nomination_declined", declined.nomination.pk),
        ("person_unused", declined.person.pk),
    ]
    assert not Nomination.objects.exists()
    assert not Person.objects.exists()
    stone = Tombstone.objects.get(kind="nomination_declined")
    assert (stone.record_id, stone.trigger_date, stone.record_date) == (
        declined.nomination.pk,
        date(2024, 1, 10),
        date(2024, 1, 10),
    )
    assert stone.ground == (
        "Bewaartermijn verstreken: Afgewezen voordracht (met beoordeling, besluit en brieven), "
        "1 jaar na het besluit"
    )
    assert stone.detail["triage.TriageDecision"] == 1
    assert Tombstone.objects.get(kind="person_unused").detail == {"persons.JusticeFact": 1}


@pytest.mark.parametrize(
    ("status", "field", "keep_on", "delete_on"),
    [
        (NominationStatus.WITHDRAWN, "withdrawn_at", "2024-07-10", "2024-07-11"),
        (NominationStatus.CONCEPT, "created_at", "2024-04-10", "2024-04-11"),
    ],
)
def test_withdrawn_and_never_submitted_nominations_expire_on_their_own_trigger(
    make_record, status, field, keep_on, delete_on
):
    with at("2024-01-10"):
        record = make_record()
        Nomination.objects.filter(pk=record.nomination.pk).update(
            status=status, outcome="", decided_at=None, withdrawn_at=record.nomination.created_at
        )
    with at(keep_on):
        assert not any(k.startswith("nomination") for k, _ in deleted_kinds(retention_run()))
    with at(delete_on):
        assert deleted_kinds(retention_run())[0] == (
            f"nomination_{status_key(status)}",
            record.nomination.pk,
        )


def status_key(status: str) -> str:
    return {"ingetrokken": "withdrawn", "concept": "concept"}[status]


def test_a_sent_letter_goes_five_years_after_sending_while_the_admission_stays(record):
    with at("2025-03-01"):
        Letter.objects.filter(pk=record.letter.pk).update(sent_at="2025-03-01T10:00:00+01:00")
    with at("2030-03-01"):
        assert "letter" not in dict(deleted_kinds(retention_run()))
    with at("2030-03-02"):
        report = retention_run()

    assert ("letter", record.letter.pk) in deleted_kinds(report)
    assert Nomination.objects.filter(pk=record.nomination.pk).exists()


def test_notifications_and_closed_requests_expire_on_their_terms(fg, record, make_request):
    with at("2024-01-10"):
        request = make_request("restriction")
        restriction = processing_restrict(actor=fg, request=request, ground="Betwist.")
        processing_restriction_lift(actor=fg, restriction=restriction, ground="Onderzocht.")
        subject_request_close(
            actor=fg, request=request, outcome="Beperkt en opgeheven.", legal_ground="AVG art. 18"
        )
    with at("2025-01-11"):
        assert [k for k, _ in deleted_kinds(retention_run())] == ["notification", "notification"]
    with at("2029-01-10"):
        assert retention_run().deleted == []
    with at("2029-01-11"):
        report = retention_run()

    assert deleted_kinds(report) == [("subject_request", request.pk)]
    assert Tombstone.objects.get(kind="subject_request").detail == {
        "rights.ProcessingRestriction": 1
    }


def test_an_extension_keeps_a_record_until_its_end_date(fg, declined):
    with at("2025-01-05"):
        retention_extend(
            actor=fg,
            kind="nomination_declined",
            record_id=declined.nomination.pk,
            justification="Klacht bij de Nationale ombudsman loopt nog.",
            until=date(2025, 6, 30),
        )
    with at("2025-06-30"):
        report = retention_run()
        assert report.deleted == []
        assert [(r.kind, r.held) for r in report.held] == [
            ("nomination_declined", "verlengd tot en met 30-06-2025")
        ]
    with at("2025-07-01"):
        assert ("nomination_declined", declined.nomination.pk) in deleted_kinds(retention_run())


def test_an_extension_needs_a_justification_and_a_future_end_date(fg, declined, triagist):
    with at("2025-01-05"), pytest.raises(ValidationError) as exc:
        retention_extend(
            actor=fg,
            kind="nomination_declined",
            record_id=999,
            justification="kort",
            until=date(2025, 1, 5),
        )
    assert set(exc.value.message_dict) == {"record_id", "justification", "until"}
    assert not RetentionExtension.objects.exists()


@pytest.mark.parametrize(
    ("restrict", "held"),
    [(False, "open verzoek van de betrokkene"), (True, "verwerking beperkt")],
)
def test_a_person_with_an_open_request_or_a_restriction_is_held(fg, declined, restrict, held):
    with at("2024-12-01"):
        request = subject_request_receive(
            actor=fg, person=declined.person, kind="restriction", received_on=date(2024, 12, 1)
        )
        if restrict:
            processing_restrict(actor=fg, request=request, ground="Nodig voor een rechtszaak.")
            subject_request_close(
                actor=fg, request=request, outcome="Beperkt.", legal_ground="AVG art. 18"
            )
    with at("2025-02-01"):
        report = retention_run()

    assert report.deleted == []
    assert {(r.kind, r.held) for r in report.held} == {("nomination_declined", held)}


def test_a_dry_run_lists_everything_and_deletes_nothing(declined):
    with at("2025-02-01"):
        report = retention_run(dry_run=True)

    assert deleted_kinds(report) == [
        ("nomination_declined", declined.nomination.pk),
        ("person_unused", declined.person.pk),
    ]
    assert Nomination.objects.exists()
    assert Person.objects.exists()
    assert not Tombstone.objects.exists()
    batch = DeletionBatch.objects.get()
    assert (batch.dry_run, batch.counts) == (True, {"nomination_declined": 1, "person_unused": 1})
    audit = AuditEvent.objects.get(object_type="retention_run")
    assert (audit.action, audit.detail["dry_run"], audit.detail["deleted"]) == ("view", True, 2)


def test_a_dry_run_only_reads_until_it_records_that_it_ran(declined):
    """No DELETE or UPDATE while it lists, so no row locks and (SQLite) no write lock; its only
    writes, after the listing, are the batch and the audit event with the chain's head."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(" ".join(sql.split()[:3]).replace('"', ""))
        return execute(sql, params, many, context)

    with at("2025-02-01"), connection.execute_wrapper(record):
        report = retention_run(dry_run=True)

    assert len(report.deleted) == 2
    writes = [sql for sql in statements if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == [
        "INSERT INTO rights_deletionbatch",
        "INSERT INTO audit_auditevent",
        "UPDATE audit_audithead SET",
    ]
    assert statements.index(writes[0]) > len(statements) // 2  # the listing came first


def _cascades_to(model: type[Model]) -> set[type[Model]]:
    """Every model whose rows Django deletes along with a row of ``model``."""
    found: set[type[Model]] = set()
    todo = [model]
    while todo:
        for rel in todo.pop()._meta.related_objects:
            related = rel.related_model
            if rel.on_delete is CASCADE and isinstance(related, type) and related not in found:
                found.add(related)
                todo.append(related)
    return found


def test_a_kind_whose_deletion_takes_a_later_kind_along_says_so_for_the_dry_run():
    ordered = [k for k in kinds() if k.deletes]
    models = {k.key: k.expired(date(2000, 1, 1)).model for k in ordered}
    for i, first in enumerate(ordered):
        later = {models[k.key] for k in ordered[i + 1 :]}
        if _cascades_to(models[first.key]) & later:
            assert first.takes_along is not None, first.key
    assert kind("nomination_declined").takes_along is not None  # its letters


def test_audit_events_are_kept_and_the_chain_verifies_after_a_run(declined):
    with at("2025-02-01"):
        report = retention_run()
    with at("2032-03-01"):
        later = retention_run()

    assert later.kept["audit_event"] > 0
    assert (
        AuditEvent.objects.filter(action="delete", object_type="nomination_declined").count() == 1
    )
    first_run = CaseEvent.objects.filter(type=EventType.RETENTION_RUN).first()
    assert report.batch is not None
    assert first_run is not None
    assert first_run.payload == {
        "batch": report.batch.pk,
        "counts": {"nomination_declined": 1, "person_unused": 1},
    }
    assert audit_verify().ok


def test_the_command_lists_shows_progress_and_deletes(declined):
    out, err = io.StringIO(), io.StringIO()
    with at("2025-02-01"):
        call_command("retention", "run", "--dry-run", stdout=out, stderr=err)
        assert Nomination.objects.exists()
        call_command("retention", "run", stdout=out, stderr=err)

    text = out.getvalue()
    assert f"zou verwijderen: nomination_declined {declined.nomination.pk}" in text
    assert f"verwijderd: person_unused {declined.person.pk}" in text
    assert "Proefdraai: 2 gegevens zouden worden verwijderd" in text
    assert "Afgewezen voordracht" in err.getvalue()
    assert not Nomination.objects.exists()
    assert Notification.objects.count() == 0


def test_terms_come_from_settings_when_configured(settings, declined):
    settings.REGIE_RETENTION = {"nomination_declined": 24}

    assert kind("nomination_declined").term_months == 24
    with at("2025-02-01"):
        assert retention_run().deleted == []


def test_a_dry_run_lists_exactly_what_the_run_then_deletes(fg, make_record, record, make_request):
    with at("2024-01-10"):
        make_record(outcome="afgewezen", bsn=None, last_name="Bakker")
        request = make_request("restriction")
        restriction = processing_restrict(actor=fg, request=request, ground="Betwist.")
        processing_restriction_lift(actor=fg, restriction=restriction, ground="Onderzocht.")
        subject_request_close(
            actor=fg, request=request, outcome="Beperkt en opgeheven.", legal_ground="AVG art. 18"
        )
    with at("2025-03-01"):
        Letter.objects.filter(pk=record.letter.pk).update(sent_at="2025-03-01T10:00:00+01:00")
    with at("2030-06-01"):
        dry = retention_run(dry_run=True)
        real = retention_run()

    assert {k for k, _ in deleted_kinds(dry)} >= {
        "nomination_declined", "person_unused", "letter", "subject_request", "notification"
    }  # fmt: skip
    assert sorted(deleted_kinds(dry)) == sorted(deleted_kinds(real))
    assert sorted(dry.held, key=str) == sorted(real.held, key=str)
