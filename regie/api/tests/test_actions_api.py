"""Actions in cases: a partner system lists its organisation's actions in the cases it takes
part in, and updates their status and note through the case service."""

from __future__ import annotations

from datetime import date

import pytest

from regie.accounts.models import Organisation, User
from regie.api.tests.conftest import add_action, add_goal, open_case
from regie.audit.models import AuditEvent
from regie.cases.models import Action, Case, CaseStatus, Goal, Participant, Visibility
from regie.cases.services import journal_entry_add, participant_add, participant_remove
from regie.events.models import CaseEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/actions/"


@pytest.fixture
def case(make_user, acvz: Organisation, reclassering: Organisation) -> Case:
    """A case directed from AcVZ in which the Reclassering takes part as an organisation."""
    return open_case(make_user, acvz, reclassering)


@pytest.fixture
def goal(case: Case) -> Goal:
    return add_goal(case)


@pytest.fixture
def ours(case: Case, goal: Goal, reclassering: Organisation) -> Action:
    return add_action(case, goal, reclassering, date(2026, 3, 1))


@pytest.fixture
def theirs(case: Case, goal: Goal, politie: Organisation, make_user) -> Action:
    """An action of the police, which takes part through one named colleague only."""
    wijkagent: User = make_user(politie, "partner")
    participant_add(
        actor=case.regisseur, case=case, organisation=politie, user=wijkagent, role="wijkagent"
    )
    return add_action(case, goal, politie, date(2026, 2, 1))


def test_a_partner_system_lists_its_organisations_actions_in_cases_it_takes_part_in(
    reclassering_api, case: Case, goal: Goal, ours: Action, theirs: Action, reclassering
) -> None:
    later = add_action(case, goal, reclassering, date(2026, 4, 1))

    response = reclassering_api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert [a["id"] for a in body["results"]] == [ours.pk, later.pk]
    case.plan.refresh_from_db()
    assert body["results"][0] == {
        "id": ours.pk,
        "case": case.pk,
        "person": {
            "first_name": "Sam",
            "name_prefix": "",
            "last_name": "Proefpersoon",
            "date_of_birth": "2000-05-17",
        },
        "description": "Actie van Reclassering (test)",
        "due_date": "2026-03-01",
        "status": "open",
        "note": "",
        "completed_at": None,
        "created_at": body["results"][0]["created_at"],
        "plan_version": case.plan.version,
    }
    audit = AuditEvent.objects.get(action="view", object_type="action")
    assert audit.detail == {
        "api_client": reclassering_api.api_client.pk,
        "ids": [ours.pk, later.pk],
    }


def test_nothing_else_of_the_case_is_shown(reclassering_api, case: Case, ours: Action) -> None:
    journal_entry_add(
        actor=case.regisseur,
        case=case,
        text="Vertrouwelijke journaaltekst",
        visibility=Visibility.ALL_PARTICIPANTS,
    )
    content = reclassering_api.get(URL).content.decode()
    for secret in ("Vertrouwelijke journaaltekst", "Een eigen, stabiele woonplek", "huurcontract"):
        assert secret not in content


def test_a_colleague_named_in_a_case_does_not_open_it_to_the_organisations_system(
    politie_api, theirs: Action
) -> None:
    assert politie_api.get(URL).json()["count"] == 0
    response = politie_api.post(f"{URL}{theirs.pk}/status/", {"status": "bezig"}, format="json")
    assert response.status_code == 404


def test_an_organisation_that_no_longer_takes_part_sees_no_actions(
    reclassering_api, case: Case, ours: Action, reclassering: Organisation
) -> None:
    participation = Participant.objects.get(case=case, organisation=reclassering)
    participant_remove(actor=case.regisseur, participant=participation)
    assert reclassering_api.get(URL).json()["count"] == 0
    response = reclassering_api.post(f"{URL}{ours.pk}/status/", {"status": "bezig"}, format="json")
    assert response.status_code == 404


def test_the_list_shows_open_cases_only_and_filters_by_status(
    reclassering_api, case: Case, ours: Action
) -> None:
    assert reclassering_api.get(URL, {"status": "bezig"}).json()["count"] == 0
    assert reclassering_api.get(URL, {"status": "open"}).json()["count"] == 1
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.OUTFLOWN)
    assert reclassering_api.get(URL).json()["count"] == 0


def test_updating_status_and_note_goes_through_the_case_service(
    reclassering_api, case: Case, ours: Action
) -> None:
    case.plan.refresh_from_db()
    seen = case.plan.version
    response = reclassering_api.post(
        f"{URL}{ours.pk}/status/",
        {"status": "afgerond", "note": "Aanvraag ingediend.", "plan_version": seen},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["note"], body["plan_version"]) == (
        "afgerond",
        "Aanvraag ingediend.",
        seen + 1,
    )
    assert body["completed_at"] is not None
    event = CaseEvent.objects.filter(type="action_updated").get()
    assert (event.case_id, event.actor_id) == (case.pk, reclassering_api.api_client.user_id)
    assert event.payload == {
        "action_id": ours.pk,
        "goal_id": ours.goal_id,
        "organisation_id": ours.responsible_organisation_id,
        "previous_status": "open",
        "status": "afgerond",
        "version": seen + 1,
    }
    change = AuditEvent.objects.get(action="change", object_type="action")
    assert change.detail == {"case": case.pk, "status": "afgerond", "version": seen + 1}


def test_without_a_note_the_note_is_kept_and_without_a_version_the_current_plan_is_used(
    reclassering_api, ours: Action
) -> None:
    Action.objects.filter(pk=ours.pk).update(note="Gebeld met woningcorporatie.")
    response = reclassering_api.post(f"{URL}{ours.pk}/status/", {"status": "bezig"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["note"]) == (
        "bezig",
        "Gebeld met woningcorporatie.",
    )


def test_a_stale_plan_version_is_a_conflict_and_changes_nothing(
    reclassering_api, case: Case, ours: Action
) -> None:
    case.plan.refresh_from_db()
    response = reclassering_api.post(
        f"{URL}{ours.pk}/status/",
        {"status": "bezig", "plan_version": case.plan.version - 1},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["detail_en"] == (
        "The plan has changed since plan_version; fetch the action again and retry."
    )
    ours.refresh_from_db()
    assert ours.status == "open"
    failed = AuditEvent.objects.get(outcome="failed")
    assert failed.detail == {"api_client": reclassering_api.api_client.pk, "status": 409}


def test_an_action_in_a_case_that_has_ended_cannot_be_updated(
    reclassering_api, case: Case, ours: Action
) -> None:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.OUTFLOWN)
    response = reclassering_api.post(f"{URL}{ours.pk}/status/", {"status": "bezig"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Deze casus is niet meer actief; het plan kan niet meer wijzigen."
    )
    assert response.json()["detail_en"] == (
        "This case is no longer active; its plan can no longer change."
    )


def test_other_organisations_actions_and_unknown_ids_are_not_found_and_audited(
    reclassering_api, ours: Action, theirs: Action
) -> None:
    for pk in (theirs.pk, ours.pk + 1000):
        response = reclassering_api.post(f"{URL}{pk}/status/", {"status": "bezig"}, format="json")
        assert response.status_code == 404
        assert response.json()["type"] == "urn:regie:problem:not-found"
    refusals = AuditEvent.objects.filter(action="access_denied", object_type="action")
    assert [(e.object_id, e.detail) for e in refusals.order_by("seq")] == [
        (
            str(pk),
            {"requested_action": "contribute", "api_client": reclassering_api.api_client.pk},
        )
        for pk in (theirs.pk, ours.pk + 1000)
    ]
    theirs.refresh_from_db()
    assert theirs.status == "open"


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ({"status": "klaar"}, ["status"]),
        ({}, ["status"]),
        ({"status": "bezig", "note": "x" * 1001}, ["note"]),
        ({"status": "bezig", "description": "Anders"}, ["description"]),
        ({"status": "bezig", "plan_version": 0}, ["plan_version"]),
    ],
)
def test_bad_input_is_a_400_naming_each_field(reclassering_api, ours: Action, body, paths) -> None:
    response = reclassering_api.post(f"{URL}{ours.pk}/status/", body, format="json")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == paths


def test_the_list_costs_a_bounded_number_of_queries(
    reclassering_api,
    case: Case,
    goal: Goal,
    reclassering: Organisation,
    django_assert_max_num_queries,
) -> None:
    for day in range(1, 8):
        add_action(case, goal, reclassering, date(2026, 3, day))
    with django_assert_max_num_queries(14):
        body = reclassering_api.get(URL, {"page_size": 5}).json()
    assert (body["count"], len(body["results"])) == (7, 5)
