"""Case conferences, agreements, the journal and family support: transitions and events."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.cases.models import Action, FamilyContact, JournalEntry
from regie.cases.services import (
    agreement_add,
    agreement_to_action,
    conference_record,
    family_contact_record,
    journal_entry_add,
)
from regie.cases.tests.helpers import events_since, last_event_id
from regie.events.models import CaseEvent, EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(case, regisseur, acvz, reclassering, reclasseringswerker):
    return conference_record(
        actor=regisseur,
        case=case,
        held_on=date(2026, 3, 10),
        agenda="Woonsituatie",
        minutes="Besproken: urgentie en alternatieven.",
        organisations=[acvz, reclassering],
        attendees=[regisseur, reclasseringswerker],
    )


def test_recording_a_conference(case, regisseur, acvz, reclassering) -> None:
    after = last_event_id()
    conference = conference_record(
        actor=regisseur,
        case=case,
        held_on=date(2026, 3, 10),
        agenda="",
        minutes="",
        organisations=[reclassering, acvz],
        attendees=[regisseur],
    )
    assert set(conference.organisations.all()) == {acvz, reclassering}
    assert list(conference.attendees.all()) == [regisseur]
    assert events_since(case, after) == [
        (
            EventType.CONFERENCE_HELD,
            {
                "conference_id": conference.pk,
                "held_on": "2026-03-10",
                "organisation_ids": sorted([acvz.pk, reclassering.pk]),
            },
        )
    ]


def test_a_partner_does_not_record_conferences(case, reclasseringswerker) -> None:
    with pytest.raises(PermissionDenied):
        conference_record(
            actor=reclasseringswerker,
            case=case,
            held_on=date(2026, 3, 10),
            agenda="",
            minutes="",
            organisations=[],
            attendees=[],
        )


def test_an_agreement_becomes_an_action_in_one_step(
    case, goal, conference, regisseur, reclassering
) -> None:
    after = last_event_id()
    agreement = agreement_add(
        actor=regisseur,
        conference=conference,
        description="Reclassering meldt aan bij schuldhulp",
        responsible_organisation=reclassering,
        due_date=date(2026, 4, 1),
    )
    case.plan.refresh_from_db()

    action = agreement_to_action(
        actor=regisseur, agreement=agreement, goal=goal, seen_version=case.plan.version
    )

    assert (action.description, action.responsible_organisation, action.due_date) == (
        "Reclassering meldt aan bij schuldhulp",
        reclassering,
        date(2026, 4, 1),
    )
    agreement.refresh_from_db()
    assert agreement.action == action
    assert Action.objects.get(pk=action.pk).case_id == case.pk
    assert events_since(case, after) == [
        (
            EventType.AGREEMENT_RECORDED,
            {
                "conference_id": conference.pk,
                "agreement_id": agreement.pk,
                "organisation_id": reclassering.pk,
            },
        ),
        (
            EventType.PLAN_CHANGED,
            {
                "change": "action_added",
                "version": 3,
                "action_id": action.pk,
                "goal_id": goal.pk,
                "agreement_id": agreement.pk,
                "organisation_id": reclassering.pk,
            },
        ),
    ]
    with pytest.raises(ValidationError, match="al een actie"):
        agreement_to_action(actor=regisseur, agreement=agreement, goal=goal, seen_version=3)


def test_a_partner_writes_in_the_journal_and_the_event_holds_no_text(
    case, reclasseringswerker
) -> None:
    after = last_event_id()
    entry = journal_entry_add(
        actor=reclasseringswerker,
        case=case,
        text="Meldplicht nagekomen.",
        visibility="alle_deelnemers",
    )
    assert entry.organisation_id == reclasseringswerker.organisation_id
    assert events_since(case, after) == [
        (EventType.JOURNAL_ENTRY_ADDED, {"entry_id": entry.pk, "visibility": "alle_deelnemers"})
    ]
    assert "Meldplicht" not in str(CaseEvent.objects.values_list("payload", flat=True))


def test_a_partner_outside_the_case_cannot_write_in_its_journal(case, politie_medewerker) -> None:
    with pytest.raises(PermissionDenied):
        journal_entry_add(
            actor=politie_medewerker, case=case, text="x", visibility="alle_deelnemers"
        )
    assert not JournalEntry.objects.exists()


def test_family_support_is_recorded_by_the_regisseur_with_consent(case, regisseur) -> None:
    after = last_event_id()
    contact = family_contact_record(
        actor=regisseur,
        case=case,
        relation="moeder",
        offered="Opvoedondersteuning via het buurtteam",
        offered_on=date(2026, 3, 1),
        consent_given_by="gezinslid",
        consent_given_on=date(2026, 3, 1),
        parents_consulted=False,
        parents_consulted_on=None,
    )
    assert events_since(case, after) == [
        (EventType.FAMILY_SUPPORT_RECORDED, {"family_contact_id": contact.pk, "relation": "moeder"})
    ]


def test_support_to_the_family_of_a_minor_needs_the_parents_consulted(
    open_case, make_person, regisseur
) -> None:
    minor_case = open_case(person=make_person(born=date(2010, 6, 1)))
    arguments = {
        "actor": regisseur,
        "case": minor_case,
        "relation": "broer_zus",
        "offered": "Huiswerkbegeleiding",
        "offered_on": date(2026, 3, 1),
        "consent_given_by": "ouder",
        "consent_given_on": date(2026, 3, 1),
    }
    with pytest.raises(ValidationError, match="minderjarig"):
        family_contact_record(**arguments, parents_consulted=False, parents_consulted_on=None)
    with pytest.raises(ValidationError, match="minderjarig"):
        family_contact_record(**arguments, parents_consulted=True, parents_consulted_on=None)
    family_contact_record(
        **arguments, parents_consulted=True, parents_consulted_on=date(2026, 2, 20)
    )
    assert FamilyContact.objects.filter(case=minor_case).count() == 1


def test_partners_cannot_record_family_support(case, reclasseringswerker) -> None:
    with pytest.raises(PermissionDenied):
        family_contact_record(
            actor=reclasseringswerker,
            case=case,
            relation="moeder",
            offered="x",
            offered_on=date(2026, 3, 1),
            consent_given_by="gezinslid",
            consent_given_on=date(2026, 3, 1),
            parents_consulted=False,
            parents_consulted_on=None,
        )
