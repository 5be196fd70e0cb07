"""Restriction of processing: while set, only storage. Every page, export and change on the
person is refused with a clear Dutch message; lists leave the person out; lifting restores."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from regie.access.policy import ProcessingRestricted, access, can, ensure_not_restricted, scope
from regie.access.rules import Action
from regie.api.models import ApiScope
from regie.api.services import api_client_create
from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination
from regie.nominations.services import nomination_save_draft
from regie.persons.models import Person
from regie.persons.services import fact_create
from regie.rights.models import Notification, NotificationKind
from regie.rights.services.corrections import processing_restrict, processing_restriction_lift
from regie.rights.services.inzage import access_export_generate
from regie.triage.selectors import triage_nominations

pytestmark = pytest.mark.django_db

MESSAGE = "De verwerking van de gegevens van deze persoon is beperkt"


@pytest.fixture
def restricted(fg, record, make_request):
    request = make_request("restriction")
    restriction = processing_restrict(
        actor=fg,
        request=request,
        ground="Juistheid betwist, in onderzoek (AVG art. 18 lid 1 sub a).",
    )
    return restriction


def refused(response) -> bool:
    return response.status_code == 403 and MESSAGE in response.content.decode()


def test_the_person_page_is_refused_with_a_clear_message(login, triagist, record, restricted):
    response = login(triagist).get(reverse("persons:detail", args=[record.person.pk]))

    assert refused(response)
    denial = AuditEvent.objects.filter(action="access_denied").latest("seq")
    assert (denial.object_type, denial.person_id, denial.detail) == (
        "person",
        record.person.pk,
        {"requested_action": "view", "restricted": True},
    )


def test_the_partners_nomination_page_is_refused(login, politie_medewerker, record, restricted):
    response = login(politie_medewerker).get(
        reverse("nominations:detail", args=[record.nomination.pk])
    )

    assert refused(response)


def test_the_triage_file_and_the_letter_export_are_refused(login, voorzitter, record, restricted):
    client = login(voorzitter)

    assert refused(client.get(reverse("triage:file", args=[record.nomination.pk])))
    assert refused(client.get(reverse("triage:letter_pdf", args=[record.nomination.pk])))


def test_a_change_is_refused_in_the_view_and_in_the_service(
    login, triagist, politie_medewerker, record, restricted
):
    response = login(triagist).post(
        reverse("persons:fact_add", args=[record.person.pk]),
        {
            "kind": "deceased",
            "date": "2026-01-01",
            "source_organisation": politie_medewerker.organisation_id,
        },
    )

    assert refused(response)
    with pytest.raises(PermissionDenied):
        fact_create(
            actor=triagist,
            person=record.person,
            kind="deceased",
            date=date(2026, 1, 1),
            source_organisation=politie_medewerker.organisation,
        )
    with pytest.raises(ProcessingRestricted):
        ensure_not_restricted(record.person)
    assert record.person.facts.count() == 1


def test_lists_and_scopes_leave_the_person_out(
    triagist, voorzitter, record, make_record, restricted
):
    other = make_record(first_name="Noor", last_name="Bakker", bsn="123456782")

    assert list(scope(triagist, Action.VIEW, Person)) == [other.person]
    assert list(triage_nominations(voorzitter)) == [other.nomination]
    assert not can(triagist, Action.VIEW, record.person)
    with pytest.raises(ProcessingRestricted):
        access(voorzitter, Action.VIEW, Nomination, pk=record.nomination.pk)


def test_a_user_without_access_still_gets_not_found(login, toezicht, record, restricted):
    response = login(toezicht).get(reverse("persons:detail", args=[record.person.pk]))

    assert response.status_code == 404


def test_the_person_may_still_get_access_to_their_data(fg, record, restricted, make_request):
    export = access_export_generate(actor=fg, request=make_request("access"))

    assert "Juistheid betwist" in str(export.data)


def test_restricting_notifies_participants_and_lifting_restores_every_use(
    fg, login, triagist, politie_medewerker, record, restricted
):
    assert list(Notification.objects.values_list("organisation", "kind")) == [
        (politie_medewerker.organisation_id, NotificationKind.RESTRICTION)
    ]
    assert CaseEvent.objects.filter(
        type=EventType.PROCESSING_RESTRICTED, person=record.person
    ).exists()

    processing_restriction_lift(actor=fg, restriction=restricted, ground="Gegevens bleken juist.")

    assert (
        login(triagist).get(reverse("persons:detail", args=[record.person.pk])).status_code == 200
    )
    assert Notification.objects.filter(kind=NotificationKind.RESTRICTION_LIFTED).count() == 1
    with pytest.raises(ValidationError, match="al opgeheven"):
        processing_restriction_lift(actor=fg, restriction=restricted, ground="Nogmaals.")


def test_only_some_request_kinds_lead_to_a_restriction_and_never_twice(
    fg, record, make_request, restricted
):
    with pytest.raises(ValidationError, match="bij een verzoek om beperking"):
        processing_restrict(actor=fg, request=make_request("access"), ground="Zomaar.")
    with pytest.raises(ValidationError, match="al beperkt"):
        processing_restrict(actor=fg, request=make_request("objection"), ground="Bezwaar loopt.")


def test_the_partner_api_refuses_the_nomination_of_a_restricted_person(politie, record, restricted):
    _client, token = api_client_create(
        actor=None, organisation=politie, name="politiesysteem", scopes=tuple(ApiScope.values)
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api.get(reverse("api:nomination", args=[record.nomination.pk]))

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:regie:problem:processing-restricted"
    assert "Jansen" not in response.content.decode()


def test_a_new_nomination_of_a_restricted_person_is_refused(politie_medewerker, record, restricted):
    with pytest.raises(ProcessingRestricted):
        nomination_save_draft(actor=politie_medewerker, person=record.person)

    assert Nomination.objects.filter(person=record.person).count() == 1
