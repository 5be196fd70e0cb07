"""Opening, reassigning, and who takes part: each transition with the events it writes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.access.policy import can, scope
from regie.access.rules import Action as Act
from regie.audit.models import AuditEvent
from regie.cases.models import Case, CaseStatus, Participant, ParticipantRole, Plan
from regie.cases.services import case_open, case_reassign, participant_add, participant_remove
from regie.cases.tests.helpers import audits_since, events_since, last_audit_seq, last_event_id
from regie.core.domain import TargetGroup
from regie.events.models import EventType

pytestmark = pytest.mark.django_db


def test_opening_a_case_creates_an_empty_plan_with_the_regisseur_as_participant(
    voorzitter, regisseur, make_person
) -> None:
    person = make_person()
    seq = last_audit_seq()

    case = case_open(
        actor=voorzitter,
        person=person,
        target_group=TargetGroup.YOUTH,
        regisseur=regisseur,
        origin="top600",
        start_date=date(2026, 2, 1),
        first_review_date=date(2026, 5, 1),
    )

    assert case.status == CaseStatus.ACTIVE
    assert case.next_review_date == date(2026, 5, 1)
    assert Plan.objects.get(case=case).version == 1
    participant = Participant.objects.get(case=case)
    assert (participant.user, participant.organisation, participant.role) == (
        regisseur,
        regisseur.organisation,
        ParticipantRole.REGISSEUR,
    )
    assert events_since(case) == [
        (
            EventType.CASE_OPENED,
            {
                "target_group": "jeugd",
                "origin": "top600",
                "regisseur_id": regisseur.pk,
                "start_date": "2026-02-01",
            },
        )
    ]
    assert audits_since(seq) == [("create", "case", "success")]
    assert AuditEvent.objects.get(seq=seq + 1).person_id == person.pk
    assert can(regisseur, Act.CHANGE, case)


def test_a_partner_cannot_open_a_case(politie_medewerker, regisseur, make_person) -> None:
    with pytest.raises(PermissionDenied):
        case_open(
            actor=politie_medewerker,
            person=make_person(),
            target_group=TargetGroup.YOUTH,
            regisseur=regisseur,
            start_date=date(2026, 2, 1),
            first_review_date=date(2026, 5, 1),
        )


def test_a_case_needs_a_real_regisseur_and_a_review_after_the_start(
    voorzitter, politie_medewerker, regisseur, make_person
) -> None:
    person = make_person()
    with pytest.raises(ValidationError, match="rol regisseur"):
        case_open(
            actor=voorzitter,
            person=person,
            target_group=TargetGroup.YOUTH,
            regisseur=politie_medewerker,
            start_date=date(2026, 2, 1),
            first_review_date=date(2026, 5, 1),
        )
    with pytest.raises(ValidationError, match="eerste toets"):
        case_open(
            actor=voorzitter,
            person=person,
            target_group=TargetGroup.YOUTH,
            regisseur=regisseur,
            start_date=date(2026, 2, 1),
            first_review_date=date(2026, 1, 1),
        )
    assert not Case.objects.exists()


def test_a_person_has_at_most_one_open_case(open_case, make_person) -> None:
    person = make_person()
    open_case(person=person)
    with pytest.raises(ValidationError, match="al een lopende casus"):
        open_case(person=person)
    assert Case.objects.filter(person=person).count() == 1


def test_teamlead_reassigns_and_access_moves_with_the_case(
    case, teamleider, regisseur, make_user, acvz
) -> None:
    other = make_user(acvz, "regisseur", username="regisseur_twee")
    after = last_event_id()

    case_reassign(actor=teamleider, case=case, regisseur=other, seen_version=case.version)

    case.refresh_from_db()
    assert (case.regisseur, case.version) == (other, 2)
    assert events_since(case, after) == [
        (
            EventType.CASE_REASSIGNED,
            {"from_regisseur_id": regisseur.pk, "to_regisseur_id": other.pk},
        )
    ]
    assert not scope(regisseur, Act.VIEW, Case).filter(pk=case.pk).exists()
    assert can(other, Act.CHANGE, case)
    old = Participant.objects.get(case=case, user=regisseur)
    assert old.removed_at is not None
    assert old.removed_by == teamleider


def test_reassigning_with_a_stale_case_version_changes_nothing(
    case, teamleider, regisseur, make_user, acvz
) -> None:
    other = make_user(acvz, "regisseur")
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        case_reassign(actor=teamleider, case=case, regisseur=other, seen_version=case.version + 1)
    case.refresh_from_db()
    assert case.regisseur == regisseur


def test_only_a_teamlead_reassigns(case, regisseur, make_user, acvz) -> None:
    other = make_user(acvz, "regisseur")
    with pytest.raises(PermissionDenied):
        case_reassign(actor=regisseur, case=case, regisseur=other, seen_version=case.version)


def test_adding_a_participant_gives_access_at_once(case, regisseur, politie, make_user) -> None:
    wijkagent = make_user(politie, "partner", username="wijkagent")
    assert not can(wijkagent, Act.VIEW, case)
    after = last_event_id()

    participant = participant_add(
        actor=regisseur, case=case, organisation=politie, user=wijkagent, role="wijkagent"
    )

    assert can(wijkagent, Act.VIEW, case)
    assert can(wijkagent, Act.CONTRIBUTE, case)
    assert events_since(case, after) == [
        (
            EventType.PARTICIPANT_ADDED,
            {
                "participant_id": participant.pk,
                "organisation_id": politie.pk,
                "user_id": wijkagent.pk,
                "role": "wijkagent",
            },
        )
    ]


def test_a_named_participant_does_not_open_the_case_to_their_colleagues(
    case, regisseur, politie, make_user
) -> None:
    wijkagent = make_user(politie, "partner")
    collega = make_user(politie, "partner")
    participant_add(
        actor=regisseur, case=case, organisation=politie, user=wijkagent, role="wijkagent"
    )
    assert can(wijkagent, Act.VIEW, case)
    assert not can(collega, Act.VIEW, case)


def test_removing_a_participant_ends_access_at_once(
    case, regisseur, reclasseringswerker, reclassering
) -> None:
    participant = Participant.objects.get(case=case, organisation=reclassering)
    assert can(reclasseringswerker, Act.VIEW, case)
    after = last_event_id()

    participant_remove(actor=regisseur, participant=participant)

    assert not can(reclasseringswerker, Act.VIEW, case)
    assert events_since(case, after) == [
        (
            EventType.PARTICIPANT_REMOVED,
            {"participant_id": participant.pk, "organisation_id": reclassering.pk, "user_id": None},
        )
    ]
    with pytest.raises(ValidationError, match="al verwijderd"):
        participant_remove(actor=regisseur, participant=participant)


def test_the_regisseur_cannot_be_removed_as_participant(case, regisseur) -> None:
    own = Participant.objects.get(case=case, user=regisseur)
    with pytest.raises(ValidationError, match="herverdelen"):
        participant_remove(actor=regisseur, participant=own)


def test_only_the_cases_regisseur_manages_participants(
    case, reclasseringswerker, politie, make_user, acvz
) -> None:
    with pytest.raises(PermissionDenied):
        participant_add(
            actor=reclasseringswerker, case=case, organisation=politie, user=None, role="wijkagent"
        )
    other_regisseur = make_user(acvz, "regisseur")
    with pytest.raises(PermissionDenied):
        participant_add(
            actor=other_regisseur, case=case, organisation=politie, user=None, role="wijkagent"
        )


def test_a_participant_user_must_work_at_the_organisation(
    case, regisseur, politie, reclasseringswerker
) -> None:
    with pytest.raises(ValidationError, match="werkt niet bij"):
        participant_add(
            actor=regisseur,
            case=case,
            organisation=politie,
            user=reclasseringswerker,
            role="wijkagent",
        )


def test_an_organisation_takes_part_as_a_whole_only_once(case, regisseur, reclassering) -> None:
    with pytest.raises(ValidationError, match="al als geheel deel"):
        participant_add(
            actor=regisseur,
            case=case,
            organisation=reclassering,
            user=None,
            role="reclasseringswerker",
        )
