"""Criteria governance: concept → voorgelegd → advies ontvangen → vastgesteld → vervallen,
only by oversight and admin, four eyes on adoption, every step recorded."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditEvent
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.selectors import criteria_set_in_force
from regie.events.models import CaseEvent, EventType
from regie.governance.models import CommitteeDocument, CriteriaTransition
from regie.governance.services import (
    committee_document_record,
    criteria_set_adopt,
    criteria_set_expire,
    criteria_set_propose,
    criteria_set_record_advice,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def toezicht(make_user, acvz):
    return make_user(acvz, "oversight", username="toezicht")


@pytest.fixture
def concept() -> CriteriaSet:
    return CriteriaSet.objects.get(target_group="volwassenen", version=1)


def advise(actor, criteria_set) -> CommitteeDocument:
    return criteria_set_record_advice(
        actor=actor,
        criteria_set=criteria_set,
        advice_date=date(2026, 2, 1),
        title="Advies over de criteria voor volwassenen",
        text="De commissie adviseert positief, mits de noodzaakregel wordt getoetst.",
    )


@time_machine.travel("2026-02-10 10:00 +0100", tick=False)
def test_a_set_goes_through_every_step_and_each_is_recorded(toezicht, beheerder, concept):
    criteria_set_propose(actor=toezicht, criteria_set=concept, note="Ter advies.")
    document = advise(beheerder, concept)
    criteria_set_adopt(actor=beheerder, criteria_set=concept, effective_from=date(2026, 3, 1))
    concept.refresh_from_db()

    assert (concept.status, concept.effective_from) == (CriteriaStatus.ADOPTED, date(2026, 3, 1))
    assert criteria_set_in_force("volwassenen", date(2026, 3, 1)) == concept
    assert list(
        CriteriaTransition.objects.filter(criteria_set=concept).values_list(
            "from_status", "to_status", "actor__username"
        )
    ) == [
        ("concept", "voorgelegd", "toezicht"),
        ("voorgelegd", "advies_ontvangen", "beheerder"),
        ("advies_ontvangen", "vastgesteld", "beheerder"),
    ]
    assert (document.date, document.criteria_set, document.kind) == (
        date(2026, 2, 1),
        concept,
        "advies",
    )
    assert list(
        CaseEvent.objects.filter(type__startswith="criteria").values_list("type", flat=True)
    ) == [
        EventType.CRITERIA_SET_PROPOSED,
        EventType.CRITERIA_ADVICE_RECEIVED,
        EventType.CRITERIA_SET_ADOPTED,
    ]
    adopted = AuditEvent.objects.filter(object_type="criteria_set").latest("seq")
    assert adopted.detail == {
        "status": "vastgesteld",
        "version": 1,
        "target_group": "volwassenen",
        "effective": "2026-03-01",
    }

    criteria_set_expire(
        actor=toezicht, criteria_set=concept, last_day=date(2026, 12, 31), note="Vervangen."
    )
    concept.refresh_from_db()
    assert (concept.status, concept.effective_until) == (CriteriaStatus.EXPIRED, date(2026, 12, 31))


def test_the_proposer_cannot_adopt_the_set(toezicht, beheerder, concept):
    criteria_set_propose(actor=toezicht, criteria_set=concept)
    advise(toezicht, concept)

    with pytest.raises(ValidationError, match="Vier-ogenprincipe"):
        criteria_set_adopt(actor=toezicht, criteria_set=concept, effective_from=date(2026, 3, 1))
    concept.refresh_from_db()
    assert concept.status == CriteriaStatus.ADVICE_RECEIVED


@pytest.mark.parametrize("role", ["triage_chair", "privacy_officer", "partner", "analyst"])
def test_only_oversight_and_admin_move_a_set(make_user, acvz, concept, role):
    with pytest.raises(PermissionDenied):
        criteria_set_propose(actor=make_user(acvz, role), criteria_set=concept)


def test_steps_cannot_be_skipped(toezicht, beheerder, concept):
    with pytest.raises(ValidationError, match="Concept"):
        criteria_set_adopt(actor=beheerder, criteria_set=concept, effective_from=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        advise(beheerder, concept)


def test_adopting_a_new_version_ends_the_previous_one_the_day_before(toezicht, beheerder, concept):
    criteria_set_propose(actor=toezicht, criteria_set=concept)
    advise(toezicht, concept)
    criteria_set_adopt(actor=beheerder, criteria_set=concept, effective_from=date(2026, 1, 1))
    document = dict(concept.document, version=2)
    newer = CriteriaSet.objects.create(
        target_group="volwassenen", version=2, title=concept.title, document=document
    )
    criteria_set_propose(actor=toezicht, criteria_set=newer)
    advise(toezicht, newer)
    criteria_set_adopt(actor=beheerder, criteria_set=newer, effective_from=date(2027, 1, 1))

    concept.refresh_from_db()
    assert concept.effective_until == date(2026, 12, 31)
    assert criteria_set_in_force("volwassenen", date(2026, 12, 31)) == concept
    assert criteria_set_in_force("volwassenen", date(2027, 1, 1)) == newer


def test_a_committee_document_is_linked_to_a_set_or_a_period(toezicht, concept):
    with pytest.raises(ValidationError, match="criteriaset of een periode"):
        committee_document_record(
            actor=toezicht,
            body="klankbordgroep",
            kind="advies",
            date=date(2026, 5, 1),
            title="Ervaringen ouders",
            text="Ouders willen eerder betrokken worden.",
        )
    document = committee_document_record(
        actor=toezicht,
        body="commissie_van_toezicht",
        kind="rapport",
        date=date(2026, 5, 1),
        title="Jaarrapport 2025",
        text="De commissie zag geen onrechtmatige verwerkingen.",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    assert document.period_end == date(2025, 12, 31)
    assert AuditEvent.objects.filter(object_type="committee_document", action="create").count() == 1
