"""The policy on real objects: scoping, "not found" for everything outside need-to-know, break-glass."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from regie.access.models import BreakGlassGrant, ReviewOutcome
from regie.access.policy import access, can, scope
from regie.access.rules import Action
from regie.access.services import break_glass_grant, break_glass_review
from regie.accounts.models import Organisation, User
from regie.audit.models import AuditEvent
from regie.persons.models import Gender, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person() -> Person:
    return Person.objects.create(
        first_name="Test",
        last_name="Persoon",
        date_of_birth="2004-05-06",
        gender=Gender.MAN,
        municipality="amsterdam",
    )


def test_every_role_sees_its_own_organisation_but_not_others(
    make_user, politie: Organisation, acvz: Organisation
) -> None:
    agent = make_user(politie, "partner")
    assert list(scope(agent, Action.VIEW, Organisation)) == [politie]
    assert can(agent, Action.VIEW, politie)
    assert not can(agent, Action.VIEW, acvz)


def test_functional_administrator_manages_every_account_but_others_see_none(
    make_user, beheerder: User, politie: Organisation
) -> None:
    agent = make_user(politie, "partner")
    assert can(beheerder, Action.DEACTIVATE, agent)
    assert not can(agent, Action.VIEW, beheerder)
    assert not scope(agent, Action.VIEW, User).exists()


def test_object_outside_scope_answers_not_found_and_the_refusal_is_audited(
    make_user, politie: Organisation, beheerder: User
) -> None:
    agent = make_user(politie, "partner")
    with pytest.raises(Http404):
        access(agent, Action.VIEW, User, pk=beheerder.pk)
    with pytest.raises(Http404):
        access(agent, Action.VIEW, User, pk=987654)
    refusals = AuditEvent.objects.filter(actor_id=agent.pk, action="access_denied")
    assert [e.object_id for e in refusals] == [str(beheerder.pk), "987654"]
    assert {e.outcome for e in refusals} == {"denied"}


def test_successful_view_is_audited_with_the_object(beheerder: User, politie: Organisation) -> None:
    found = access(beheerder, Action.VIEW, Organisation, pk=politie.pk)
    assert found == politie
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.object_type, event.object_id) == (
        "view",
        "organisation",
        str(politie.pk),
    )


def test_deactivated_or_organisationless_users_see_nothing(
    make_user, acvz: Organisation, politie: Organisation
) -> None:
    admin = make_user(acvz, "admin")
    admin.is_active = False
    admin.save()
    assert not scope(admin, Action.VIEW, Organisation).exists()


def test_regisseur_outside_the_case_does_not_see_the_person(
    regisseur: User, person: Person
) -> None:
    assert not can(regisseur, Action.VIEW, person)


def test_break_glass_gives_one_hour_of_reading_and_lands_in_the_review_queue(
    regisseur: User, fg: User, person: Person
) -> None:
    with time_machine.travel("2026-11-30 10:00 +0000", tick=False):
        grant = break_glass_grant(
            user=regisseur,
            resource="person",
            object_id=person.pk,
            reason="Acute melding van de politie over dreigend geweld in het gezin.",
            person_id=person.pk,
        )
        assert can(regisseur, Action.VIEW, person)
        assert not can(regisseur, Action.CHANGE, person)
        event = AuditEvent.objects.get(action="break_glass")
        assert (event.actor_id, event.person_id) == (regisseur.pk, person.pk)
    with time_machine.travel("2026-11-30 10:59 +0000", tick=False):
        assert can(regisseur, Action.VIEW, person)
    with time_machine.travel("2026-11-30 11:00:01 +0000", tick=False):
        assert not can(regisseur, Action.VIEW, person)
    assert list(BreakGlassGrant.objects.filter(reviewed_at__isnull=True)) == [grant]
    break_glass_review(reviewer=fg, grant=grant, outcome=ReviewOutcome.APPROVED, note="")
    grant.refresh_from_db()
    assert grant.review_outcome == "approved"
    assert grant.expires_at - grant.granted_at == timedelta(hours=1)


def test_break_glass_grants_are_read_inside_the_scoped_query_not_before_it(
    regisseur: User, person: Person, django_assert_num_queries
) -> None:
    other = Person.objects.create(
        first_name="Ander", last_name="Persoon", date_of_birth="2003-01-02",
        gender=Gender.MAN, municipality="amsterdam",
    )  # fmt: skip
    with time_machine.travel("2026-11-30 10:00 +0000", tick=False):
        break_glass_grant(
            user=regisseur,
            resource="person",
            object_id=person.pk,
            reason="Acute melding van de politie over dreigend geweld in het gezin.",
        )
        with django_assert_num_queries(1):
            visible = scope(regisseur, Action.VIEW, Person).filter(pk__in=[person.pk, other.pk])
            assert list(visible) == [person]
    with time_machine.travel("2026-11-30 11:00:01 +0000", tick=False):
        assert not scope(regisseur, Action.VIEW, Person).filter(pk=person.pk).exists()


def test_break_glass_needs_a_real_reason_and_a_role_that_may_use_it(
    make_user, politie: Organisation, regisseur: User, person: Person
) -> None:
    with pytest.raises(ValidationError):
        break_glass_grant(user=regisseur, resource="person", object_id=person.pk, reason="nodig")
    agent = make_user(politie, "partner")
    with pytest.raises(PermissionDenied):
        break_glass_grant(
            user=agent,
            resource="person",
            object_id=person.pk,
            reason="Een reden die lang genoeg is maar de rol mag het niet.",
        )
    assert not BreakGlassGrant.objects.exists()


def test_questioning_a_break_glass_use_needs_a_note(
    regisseur: User, fg: User, person: Person
) -> None:
    grant = break_glass_grant(
        user=regisseur,
        resource="person",
        object_id=person.pk,
        reason="Overleg met de wijkagent vraagt om actuele gegevens.",
    )
    with pytest.raises(ValidationError):
        break_glass_review(reviewer=fg, grant=grant, outcome=ReviewOutcome.QUESTIONED, note=" ")


def test_break_glass_pages_are_only_for_their_roles(
    login, regisseur: User, fg: User, person: Person
) -> None:
    url = f"/toegang/doorbraak/person/{person.pk}/"
    assert login(fg).get(url).status_code == 404
    response = login(regisseur).post(url, {"reason": "te kort"})
    assert response.status_code == 200
    assert "minstens 20 tekens" in response.content.decode()
    response = login(regisseur).post(
        url, {"reason": "Dringende vraag van de reclassering over een lopend traject."}
    )
    assert response.status_code == 302
    queue = login(fg).get("/toegang/doorbraken/")
    assert "Dringende vraag van de reclassering" in queue.content.decode()
    assert login(regisseur).get("/toegang/doorbraken/").status_code == 404


def test_a_second_role_never_narrows_what_the_first_one_grants(
    make_user, acvz: Organisation, politie: Organisation
) -> None:
    admin_and_partner = make_user(acvz, "admin", "partner")
    assert set(scope(admin_and_partner, Action.VIEW, Organisation)) == {acvz, politie}
