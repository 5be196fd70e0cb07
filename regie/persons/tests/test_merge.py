from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditAction, AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination
from regie.persons.models import JusticeFact
from regie.persons.selectors import person_search
from regie.persons.services import person_merge, person_unmerge
from regie.persons.signals import facts_imported
from regie.persons.tests.factories import BSN_A, BSN_B, make_fact, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(politie, politie_medewerker):
    survivor = make_person(first_name="Daan", last_name="Jansen")
    duplicate = make_person(first_name="Daan", last_name="Janssen")
    kept = make_fact(survivor, politie, "PV-1")
    moved = [make_fact(duplicate, politie, "PV-2"), make_fact(duplicate, politie, "PV-3")]
    nomination = Nomination.objects.create(
        person=duplicate, nominating_organisation=politie, nominated_by=politie_medewerker
    )
    return survivor, duplicate, kept, moved, nomination


def _person_of(*objects):
    return [type(o).objects.get(pk=o.pk).person_id for o in objects]


def test_merging_moves_facts_and_nominations_to_the_survivor(triagist, pair) -> None:
    survivor, duplicate, kept, moved, nomination = pair
    event = person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert _person_of(kept, *moved, nomination) == [survivor.pk] * 4
    assert (event.type, event.person, event.actor) == (EventType.PERSON_MERGED, duplicate, triagist)
    assert event.payload == {
        "survivor_id": survivor.pk,
        "duplicate_id": duplicate.pk,
        "fact_ids": sorted(f.pk for f in moved),
        "nomination_ids": [nomination.pk],
    }
    audits = AuditEvent.objects.filter(action=AuditAction.CHANGE, object_type="person")
    assert {a.person_id for a in audits} == {survivor.pk, duplicate.pk}
    assert all(a.detail["merge"] and a.detail["facts"] == 2 for a in audits)


def test_unmerging_moves_back_exactly_what_the_merge_moved(
    triagist, voorzitter, pair, politie
) -> None:
    survivor, duplicate, kept, moved, nomination = pair
    person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    added_since = make_fact(survivor, politie, "PV-4")
    event = person_unmerge(actor=voorzitter, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert _person_of(*moved, nomination) == [duplicate.pk] * 3
    assert _person_of(kept, added_since) == [survivor.pk, survivor.pk]
    assert event.type == EventType.PERSON_UNMERGED
    assert event.payload["fact_ids"] == sorted(f.pk for f in moved)
    assert event.payload["merge_event_id"] == CaseEvent.objects.get(type=EventType.PERSON_MERGED).pk


def test_a_merge_can_be_done_again_after_an_unmerge(triagist, pair) -> None:
    survivor, duplicate, *_ = pair
    person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    person_unmerge(actor=triagist, duplicate=duplicate)
    person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    person_unmerge(actor=triagist, duplicate=duplicate)
    assert JusticeFact.objects.filter(person=duplicate).count() == 2


def test_a_merged_person_disappears_from_searches(triagist, pair) -> None:
    survivor, duplicate, *_ = pair
    person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    found = person_search(
        user=triagist, first_name="Daan", last_name="Jansen", date_of_birth=survivor.date_of_birth
    )
    assert [c.person for c in found] == [survivor]


def test_a_partner_cannot_merge_persons(politie_medewerker, pair) -> None:
    survivor, duplicate, *_ = pair
    with pytest.raises(PermissionDenied):
        person_merge(actor=politie_medewerker, duplicate=duplicate, survivor=survivor)


def test_persons_with_different_bsns_are_not_merged(triagist) -> None:
    a, b = make_person(bsn=BSN_A), make_person(bsn=BSN_B)
    with pytest.raises(ValidationError):
        person_merge(actor=triagist, duplicate=a, survivor=b)


def test_a_person_is_not_merged_with_itself_or_twice(triagist, pair) -> None:
    survivor, duplicate, *_ = pair
    with pytest.raises(ValidationError):
        person_merge(actor=triagist, duplicate=survivor, survivor=survivor)
    person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    with pytest.raises(ValidationError):
        person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
    with pytest.raises(ValidationError):
        person_merge(actor=triagist, duplicate=make_person(), survivor=duplicate)


def test_a_person_that_was_not_merged_cannot_be_unmerged(triagist) -> None:
    with pytest.raises(ValidationError):
        person_unmerge(actor=triagist, duplicate=make_person())


def test_merge_and_unmerge_announce_the_changed_facts(
    triagist, pair, django_capture_on_commit_callbacks
) -> None:
    survivor, duplicate, *_ = pair
    received = []

    def receiver(sender, person_ids, **kwargs):
        received.append(person_ids)

    facts_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            person_merge(actor=triagist, duplicate=duplicate, survivor=survivor)
            person_unmerge(actor=triagist, duplicate=duplicate)
    finally:
        facts_imported.disconnect(receiver)
    expected = sorted([survivor.pk, duplicate.pk])
    assert received == [expected, expected]
