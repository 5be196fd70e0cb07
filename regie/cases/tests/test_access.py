"""Need-to-know: who gets which case page and fragment, and who gets "not found"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from regie.access.policy import scope
from regie.access.rules import Action as Act
from regie.access.services import break_glass_grant
from regie.audit.models import AuditEvent
from regie.cases.models import Case, Participant, ScenarioKind
from regie.cases.selectors import participating_case_q
from regie.cases.services import (
    agreement_add,
    conference_record,
    family_contact_record,
    journal_entry_add,
    participant_add,
    participant_remove,
)
from regie.events.models import CaseEvent
from regie.persons.models import Person

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def urls(case, goal, action, regisseur, reclassering, acvz) -> dict[str, list[str]]:
    """Every URL of one case, grouped by who may open it."""
    conference = conference_record(
        actor=regisseur,
        case=case,
        held_on=date(2026, 3, 1),
        agenda="",
        minutes="",
        organisations=[acvz],
        attendees=[],
    )
    agreement = agreement_add(
        actor=regisseur,
        conference=conference,
        description="Afspraak",
        responsible_organisation=reclassering,
        due_date=date(2026, 4, 1),
    )
    journal_entry_add(actor=regisseur, case=case, text="Notitie", visibility="alle_deelnemers")
    participant = Participant.objects.get(case=case, organisation=reclassering)
    primary = goal.scenarios.get(kind=ScenarioKind.PRIMARY)
    alternative = goal.scenarios.get(kind=ScenarioKind.ALTERNATIVE)
    c = case.pk

    def u(name: str, *args: int) -> str:
        return reverse(f"cases:{name}", args=[c, *args])

    return {
        "view": [
            u("detail"),
            u("plan"),
            u("journal"),
            u("participants"),
            u("conferences"),
            u("conference", conference.pk),
            u("action", action.pk),
        ],
        "regisseur": [
            u("participant_new"),
            u("participant_remove", participant.pk),
            u("family_new"),
            u("goal_new"),
            u("goal_status", goal.pk),
            u("action_new", goal.pk),
            u("action_edit", action.pk),
            u("scenario_new", goal.pk),
            u("scenario_block", primary.pk),
            u("conference_new"),
        ],
        "post_only": [
            u("scenario_activate", alternative.pk),
            u("agreement_new", conference.pk),
            u("agreement_action", conference.pk, agreement.pk),
        ],
        "teamlead": [u("reassign")],
    }


def _all(urls: dict[str, list[str]]) -> list[str]:
    return [url for group in urls.values() for url in group]


def test_a_partner_outside_the_case_gets_not_found_for_every_page_and_fragment(
    urls, login, politie_medewerker
) -> None:
    client = login(politie_medewerker)
    events_before = CaseEvent.objects.count()
    for url in _all(urls):
        for headers in ({}, HTMX):
            assert client.get(url, **headers).status_code == 404, url
            assert (
                client.post(url, {"text": "x", "plan_version": 1}, **headers).status_code == 404
            ), url
    assert CaseEvent.objects.count() == events_before
    denied = AuditEvent.objects.filter(actor_id=politie_medewerker.pk, action="access_denied")
    assert denied.count() >= len(_all(urls)) * 4


def test_a_regisseur_of_other_cases_gets_not_found_too(urls, login, make_user, acvz) -> None:
    client = login(make_user(acvz, "regisseur"))
    for url in _all(urls):
        for headers in ({}, HTMX):
            assert client.get(url, **headers).status_code == 404, url


def test_a_participating_partner_sees_the_case_but_not_the_regisseurs_pages(
    urls, login, reclasseringswerker
) -> None:
    client = login(reclasseringswerker)
    for url in urls["view"]:
        assert client.get(url).status_code == 200, url
        assert client.get(url, **HTMX).status_code == 200, url
    for url in urls["regisseur"] + urls["teamlead"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post_only"]:
        assert client.post(url, {"plan_version": 1}).status_code == 404, url


def test_fragments_are_sections_not_whole_pages(urls, login, regisseur) -> None:
    client = login(regisseur)
    for url in urls["view"][1:]:
        body = client.get(url, **HTMX).content.decode()
        assert "<html" not in body, url
        assert "<html" in client.get(url).content.decode(), url


def test_removing_a_participant_closes_every_page_at_once(
    case, urls, login, regisseur, reclasseringswerker, reclassering
) -> None:
    client = login(reclasseringswerker)
    assert client.get(urls["view"][0]).status_code == 200
    participant_remove(
        actor=regisseur, participant=Participant.objects.get(case=case, organisation=reclassering)
    )
    for url in urls["view"]:
        assert client.get(url).status_code == 404, url


def test_a_teamlead_sees_every_case_and_may_reassign_but_not_change_the_plan(
    urls, login, teamleider
) -> None:
    client = login(teamleider)
    for url in urls["view"] + urls["teamlead"]:
        assert client.get(url).status_code == 200, url
    for url in urls["regisseur"]:
        assert client.get(url).status_code == 404, url


def test_break_glass_opens_one_case_for_one_hour(case, login, make_user, acvz) -> None:
    other = make_user(acvz, "regisseur")
    client = login(other)
    url = reverse("cases:detail", args=[case.pk])
    assert client.get(url).status_code == 404

    break_glass_grant(
        user=other,
        resource="case",
        object_id=case.pk,
        reason="Crisismelding in de nacht, eigen regisseur niet bereikbaar.",
    )

    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert login(other).get(url).status_code == 404


def test_participation_never_repeats_a_case(case, regisseur, reclassering, make_user) -> None:
    named = make_user(reclassering, "partner")
    participant_add(
        actor=regisseur, case=case, organisation=reclassering, user=named, role="hulpverlener"
    )
    # Taking part both as a named user and through the organisation: still one row.
    assert list(Case.objects.filter(participating_case_q(named))) == [case]
    assert scope(named, Act.VIEW, Case).count() == 1


def test_participants_see_their_regiepersoon_and_nobody_else_does(
    case, reclasseringswerker, politie_medewerker
) -> None:
    assert list(scope(reclasseringswerker, Act.VIEW, Person)) == [case.person]
    assert not scope(politie_medewerker, Act.VIEW, Person).exists()


def test_family_section_is_for_the_regisseur_alone(
    case, login, regisseur, reclasseringswerker, teamleider
) -> None:
    family_contact_record(
        actor=regisseur,
        case=case,
        relation="moeder",
        offered="Gezinscoach voor moeder",
        offered_on=date(2026, 3, 1),
        consent_given_by="gezinslid",
        consent_given_on=date(2026, 3, 1),
        parents_consulted=False,
        parents_consulted_on=None,
    )
    url = reverse("cases:detail", args=[case.pk])
    assert "Gezinscoach voor moeder" in login(regisseur).get(url).content.decode()
    for user in (reclasseringswerker, teamleider):
        body = login(user).get(url).content.decode()
        assert "Gezinscoach voor moeder" not in body
        assert 'id="gezin"' not in body
