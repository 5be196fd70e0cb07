from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditAction, AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.nominations import services
from regie.nominations.models import Nomination, NominationStatus
from regie.nominations.services import (
    nomination_save_draft,
    nomination_submit,
    nomination_withdraw,
)
from regie.persons.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_draft_needs_nothing_but_the_person(politie_medewerker) -> None:
    person = make_person()
    draft = nomination_save_draft(actor=politie_medewerker, person=person)
    assert (draft.status, draft.person, draft.nominating_organisation) == (
        NominationStatus.CONCEPT,
        person,
        politie_medewerker.organisation,
    )
    audit = AuditEvent.objects.get(object_type="nomination")
    assert (audit.action, audit.person_id, audit.detail) == (
        AuditAction.CREATE,
        person.pk,
        {"status": "concept"},
    )
    assert not CaseEvent.objects.exists()


def test_saving_a_draft_keeps_one_concern_per_filled_in_domain(politie_medewerker) -> None:
    draft = nomination_save_draft(actor=politie_medewerker, person=make_person())
    nomination_save_draft(
        actor=politie_medewerker,
        nomination=draft,
        reasons="  Veel incidenten.  ",
        concerns={"huisvesting": "Dakloos.", "verslaving": " ", "financien": "Schulden."},
    )
    nomination_save_draft(
        actor=politie_medewerker,
        nomination=draft,
        concerns={"huisvesting": "Slaapt bij vrienden.", "onbekend": "genegeerd"},
    )
    draft.refresh_from_db()
    assert draft.reasons == ""
    assert list(draft.concerns.values_list("domain", "description")) == [
        ("huisvesting", "Slaapt bij vrienden.")
    ]


def test_submitting_names_every_missing_required_field(politie_medewerker) -> None:
    draft = nomination_save_draft(actor=politie_medewerker, person=make_person())
    with pytest.raises(ValidationError) as exc:
        nomination_submit(actor=politie_medewerker, nomination=draft)
    assert exc.value.message_dict == {
        "proposed_target_group": ["Kies de doelgroep die u voorstelt."],
        "reasons": ["Beschrijf waarom persoonsgerichte regie volgens u nodig is."],
        "concerns": ["Beschrijf op minstens één leefgebied welke zorgen u ziet."],
    }
    draft.refresh_from_db()
    assert draft.status == NominationStatus.CONCEPT


def test_a_complete_draft_is_submitted_with_its_event(politie_medewerker, make_nomination) -> None:
    draft = make_nomination(politie_medewerker, concerns={"justitie": "x", "adl": "y"})
    nomination = nomination_submit(actor=politie_medewerker, nomination=draft)
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.submitted_at is not None
    event = CaseEvent.objects.get()
    assert (event.type, event.nomination_id, event.person_id, event.actor) == (
        EventType.NOMINATION_SUBMITTED,
        nomination.pk,
        nomination.person_id,
        politie_medewerker,
    )
    assert event.occurred_at == nomination.submitted_at
    assert event.payload == {
        "target_group": "jeugd",
        "urgency": "normaal",
        "organisation_id": politie_medewerker.organisation_id,
        "domains": ["adl", "justitie"],
        "previous_case_id": None,
    }
    audit = AuditEvent.objects.get(object_type="nomination")
    assert (audit.action, audit.detail) == (AuditAction.CHANGE, {"status": "ingediend"})


def test_a_re_entry_links_the_persons_last_case(
    politie_medewerker, make_nomination, monkeypatch
) -> None:
    draft = make_nomination(politie_medewerker)
    asked = {}

    class Cases:
        @staticmethod
        def filter(person_id):
            asked["person_id"] = person_id
            return SimpleNamespace(
                order_by=lambda *a: SimpleNamespace(
                    values_list=lambda *a, **k: SimpleNamespace(first=lambda: 42)
                )
            )

    fake_apps = SimpleNamespace(
        is_installed=lambda name: name == "regie.cases",
        get_model=lambda app, model: SimpleNamespace(objects=Cases),
    )
    monkeypatch.setattr(services, "apps", fake_apps)
    nomination = nomination_submit(actor=politie_medewerker, nomination=draft)
    assert nomination.previous_case_id == 42
    assert asked == {"person_id": draft.person_id}
    assert CaseEvent.objects.get().payload["previous_case_id"] == 42


def test_a_submitted_nomination_can_no_longer_be_changed(
    politie_medewerker, make_nomination
) -> None:
    nomination = make_nomination(politie_medewerker, status=NominationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        nomination_save_draft(actor=politie_medewerker, nomination=nomination, reasons="anders")
    with pytest.raises(ValidationError):
        nomination_submit(actor=politie_medewerker, nomination=nomination)


@pytest.mark.parametrize(
    "status",
    [NominationStatus.CONCEPT, NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE],
)
def test_a_nomination_can_be_withdrawn_before_the_decision(
    politie_medewerker, make_nomination, status
) -> None:
    nomination = nomination_withdraw(
        actor=politie_medewerker, nomination=make_nomination(politie_medewerker, status=status)
    )
    assert nomination.status == NominationStatus.WITHDRAWN
    assert nomination.withdrawn_at is not None
    event = CaseEvent.objects.get()
    assert (event.type, event.nomination_id, event.payload) == (
        EventType.NOMINATION_WITHDRAWN,
        nomination.pk,
        {"from_status": status.value},
    )


@pytest.mark.parametrize("status", [NominationStatus.DECIDED, NominationStatus.WITHDRAWN])
def test_a_decided_or_withdrawn_nomination_cannot_be_withdrawn(
    politie_medewerker, make_nomination, status
) -> None:
    nomination = make_nomination(politie_medewerker, status=status, outcome="")
    with pytest.raises(ValidationError):
        nomination_withdraw(actor=politie_medewerker, nomination=nomination)
    assert not CaseEvent.objects.exists()


def test_another_organisation_cannot_withdraw_or_change_a_nomination(
    politie_medewerker, reclassering_medewerker, triagist, make_nomination
) -> None:
    nomination = make_nomination(politie_medewerker)
    for user in (reclassering_medewerker, triagist):
        with pytest.raises(PermissionDenied):
            nomination_withdraw(actor=user, nomination=nomination)
        with pytest.raises(PermissionDenied):
            nomination_submit(actor=user, nomination=nomination)
        with pytest.raises(PermissionDenied):
            nomination_save_draft(actor=user, nomination=nomination)
    assert Nomination.objects.get().status == NominationStatus.CONCEPT


def test_only_partners_nominate(triagist, regisseur) -> None:
    for user in (triagist, regisseur):
        with pytest.raises(PermissionDenied):
            nomination_save_draft(actor=user, person=make_person())
