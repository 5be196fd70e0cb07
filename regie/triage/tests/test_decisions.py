from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import NominationOutcome, NominationStatus
from regie.persons.models import FactKind, JusticeFact, OffenceRole
from regie.triage.models import DecisionStatus, Letter, LetterStatus, TriageDecision
from regie.triage.services import decision_confirm, decision_propose, decision_return


def events(nomination) -> list[str]:
    return list(
        CaseEvent.objects.filter(nomination_id=nomination.pk).values_list("type", flat=True)
    )


def test_same_user_can_never_confirm_their_own_proposal(
    in_triage, criteria, cases, triagist_en_voorzitter, propose_admission
) -> None:
    decision = propose_admission(in_triage, actor=triagist_en_voorzitter)

    with pytest.raises(ValidationError, match="Vier-ogenprincipe"):
        decision_confirm(actor=triagist_en_voorzitter, decision=decision)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED
    assert cases.opened == []


def test_database_refuses_a_decision_confirmed_by_its_proposer(
    in_triage, criteria, triagist, propose_admission
) -> None:
    decision = propose_admission(in_triage)

    with pytest.raises(IntegrityError), transaction.atomic():
        TriageDecision.objects.filter(pk=decision.pk).update(
            status=DecisionStatus.CONFIRMED, confirmed_by=triagist, confirmed_at=timezone.now()
        )


def test_a_triagist_without_the_chair_role_cannot_confirm(
    in_triage, criteria, make_user, acvz, propose_admission
) -> None:
    decision = propose_admission(in_triage)
    other_triagist = make_user(acvz, "triage")

    with pytest.raises(PermissionDenied):
        decision_confirm(actor=other_triagist, decision=decision)


def test_chair_confirms_admission_opening_case_and_letter(
    in_triage, criteria, cases, triagist, voorzitter, regisseur, propose_admission
) -> None:
    decision = propose_admission(in_triage)

    decision_confirm(actor=voorzitter, decision=decision)

    in_triage.refresh_from_db()
    assert in_triage.status == NominationStatus.DECIDED
    assert in_triage.outcome == NominationOutcome.ADMITTED
    assert cases.opened[0]["regisseur"] == regisseur
    assert cases.opened[0]["nomination"] == in_triage
    letter = Letter.objects.get(nomination=in_triage)
    assert (letter.status, letter.case_id, letter.to_parents) == (LetterStatus.TO_SEND, 4242, False)
    assert events(in_triage) == [
        EventType.TRIAGE_STARTED,
        EventType.DECISION_PROPOSED,
        EventType.DECISION_CONFIRMED,
    ]
    confirmed = CaseEvent.objects.get(type=EventType.DECISION_CONFIRMED)
    assert confirmed.actor == voorzitter
    assert confirmed.case_id == 4242
    assert confirmed.payload == {
        "decision": decision.pk,
        "outcome": "toegelaten",
        "target_group": "volwassenen",
        "hard_criteria": "met",
        "is_override": False,
        "criteria_set_id": 7,
        "criteria_set_version": "2026.1",
        "letter": letter.pk,
    }
    audits = AuditEvent.objects.filter(actor_id=voorzitter.pk).order_by("seq")
    assert [(a.action, a.object_type, a.object_id) for a in audits] == [
        ("create", "letter", str(letter.pk)),
        ("change", "triage_decision", str(decision.pk)),
    ]
    assert all(a.person_id == in_triage.person_id for a in audits)


def test_confirmed_decline_opens_no_case_and_sends_no_letter(
    in_triage, criteria, cases, voorzitter
) -> None:
    criteria.hard = "not_met"
    decision = decision_propose(
        actor=in_triage.assessment.updated_by,
        nomination=in_triage,
        kind=NominationOutcome.DECLINED,
        motivation="Eén leefgebied; de wijkaanpak volstaat.",
        reason="Geen problemen op meerdere leefgebieden.",
        referral_advice="Wijkteam Nieuw-West.",
    )

    decision_confirm(actor=voorzitter, decision=decision)

    in_triage.refresh_from_db()
    assert in_triage.outcome == NominationOutcome.DECLINED
    assert cases.opened == []
    assert not Letter.objects.exists()
    assert decision.is_override is False


def test_admitting_while_hard_criteria_not_met_is_an_override_needing_motivation(
    in_triage, criteria, propose_admission
) -> None:
    criteria.hard = "not_met"

    with pytest.raises(ValidationError) as raised:
        propose_admission(in_triage)
    assert "override_motivation" in raised.value.message_dict
    assert "wijkt af van de harde criteria" in raised.value.message_dict["override_motivation"][0]

    decision = propose_admission(
        in_triage, override_motivation="Twee registraties, maar ernstig geweld en acute zorgen."
    )
    assert decision.is_override is True
    assert decision.hard_criteria == "not_met"
    event = CaseEvent.objects.get(type=EventType.DECISION_PROPOSED)
    assert event.payload["is_override"] is True


def test_declining_while_hard_criteria_met_is_an_override_needing_motivation(
    in_triage, criteria, triagist
) -> None:
    criteria.hard = "met"
    arguments = {
        "actor": triagist,
        "nomination": in_triage,
        "kind": NominationOutcome.DECLINED,
        "motivation": "Zorg loopt al via de reclassering.",
        "reason": "Lichtere aanpak volstaat.",
    }
    with pytest.raises(ValidationError, match="motiveer"):
        decision_propose(**arguments)

    decision = decision_propose(
        **arguments, override_motivation="Reclasseringstoezicht dekt alle leefgebieden."
    )
    assert decision.is_override is True


def test_decision_along_the_criteria_or_on_unknown_is_no_override(
    in_triage, criteria, propose_admission
) -> None:
    criteria.hard = "unknown"

    decision = propose_admission(in_triage, override_motivation="genegeerd")

    assert decision.is_override is False
    assert decision.override_motivation == ""


def test_frozen_snapshot_keeps_why_on_the_list_after_facts_change(
    in_triage, criteria, politie, propose_admission
) -> None:
    criteria.by_facts = True
    for n in range(3):
        JusticeFact.objects.create(
            person=in_triage.person,
            kind=FactKind.OFFENCE,
            category="straatroof",
            role=OffenceRole.SUSPECT,
            date=date(2025, 1, 1 + n),
            source_organisation=politie,
            external_key=f"feit-{n}",
        )
    decision = propose_admission(in_triage)
    frozen = decision.evaluation

    JusticeFact.objects.filter(person=in_triage.person).delete()

    decision.refresh_from_db()
    assert decision.evaluation == frozen
    assert decision.hard_criteria == "met"
    assert (decision.criteria_set_id, decision.criteria_set_version) == (7, "2026.1")
    assert decision.evaluation["rules"][0]["sentence"] == "3 van 3 vereiste registraties in 5 jaar."


def test_proposal_needs_a_complete_assessment(
    make_nomination, criteria, triagist, propose_admission
) -> None:
    from regie.triage.services import triage_start

    nomination = triage_start(actor=triagist, nomination=make_nomination())

    with pytest.raises(ValidationError, match="niet compleet"):
        propose_admission(nomination)


def test_admission_needs_regisseur_target_group_and_future_review(
    in_triage, criteria, propose_admission
) -> None:
    with pytest.raises(ValidationError) as raised:
        propose_admission(
            in_triage, target_group="", regisseur=None, first_review_date=timezone.localdate()
        )
    assert set(raised.value.message_dict) == {"target_group", "regisseur", "first_review_date"}


def test_chair_returns_a_proposal_and_triage_can_propose_again(
    in_triage, criteria, triagist, voorzitter, propose_admission
) -> None:
    first = propose_admission(in_triage)

    with pytest.raises(ValidationError):
        decision_return(actor=voorzitter, decision=first, note="  ")
    decision_return(actor=voorzitter, decision=first, note="Vraag de wijkagent om aanvulling.")

    first.refresh_from_db()
    assert first.status == DecisionStatus.RETURNED
    in_triage.refresh_from_db()
    assert in_triage.status == NominationStatus.IN_TRIAGE
    second = propose_admission(in_triage)
    assert second.status == DecisionStatus.PROPOSED
    assert events(in_triage)[-2:] == [EventType.DECISION_RETURNED, EventType.DECISION_PROPOSED]


def test_only_one_open_decision_per_nomination(in_triage, criteria, propose_admission) -> None:
    propose_admission(in_triage)

    with pytest.raises(ValidationError, match="al een besluit"):
        propose_admission(in_triage)
