"""Oversight sees aggregates and pseudonymised samples only: "not found" for every person page,
and no name or BSN anywhere in what it is shown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.cases.models import Case
from regie.criteria.models import CriteriaSet
from regie.demo.region import build_domain, build_region
from regie.governance.oversight import PROJECT, pseudonym_key, redact, samples
from regie.monitor.kanon import keyed_pseudonym
from regie.nominations.models import Nomination
from regie.persons.models import Person
from regie.rights.services.corrections import processing_restrict
from regie.rights.services.requests import subject_request_receive
from regie.rights.tests.conftest import Record, build_record
from regie.triage.models import DecisionStatus, TriageDecision

pytestmark = pytest.mark.django_db

PERSON_PAGES = ("persons:detail", "persons:unmerge")
CASE_PAGES = ("cases:detail", "cases:journal", "cases:plan", "cases:participants")
NOMINATION_PAGES = (
    "nominations:detail",
    "nominations:edit",
    "triage:file",
    "triage:assessment",
    "triage:propose",
    "triage:letter_pdf",
)


@pytest.fixture
def region_records(politie_medewerker, make_user, acvz) -> list[Record]:
    triagist = make_user(acvz, "triage")
    chair = make_user(acvz, "triage_chair")
    return [
        build_record(
            partner=politie_medewerker,
            triagist=triagist,
            chair=chair,
            first_name=f"Sam{n}",
            last_name=f"Synthetisch{n}",
            bsn=None,
        )
        for n in range(12)
    ]


@pytest.fixture
def make_request_for(fg):
    def make(person: Person):
        return subject_request_receive(
            actor=fg, person=person, kind="restriction", received_on=timezone.localdate()
        )

    return make


@pytest.fixture
def region():
    build_region(seed=1)
    build_domain(seed=1)
    return User.objects.get(username="toezicht")


def _pages(client) -> str:
    urls = [
        reverse("governance:oversight"),
        reverse("governance:samples") + "?size=100",
        reverse("governance:criteria"),
        reverse("governance:documents"),
        reverse("criteria:list"),
        reverse("home"),
    ]
    urls += [
        reverse("governance:history", args=[pk])
        for pk in CriteriaSet.objects.values_list("pk", flat=True)
    ]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_oversight_gets_not_found_for_every_person_page_and_sees_no_name_or_bsn(login, region):
    """One demo region (it takes a while to build) for both promises."""
    client = login(region)
    for person in Person.objects.order_by("pk")[:10]:
        for name in PERSON_PAGES:
            assert client.get(reverse(name, args=[person.pk])).status_code == 404, name
        assert client.post(reverse("persons:fact_add", args=[person.pk])).status_code == 404
    for nomination in Nomination.objects.order_by("pk")[:10]:
        for name in NOMINATION_PAGES:
            assert client.get(reverse(name, args=[nomination.pk])).status_code == 404, name
    assert Case.objects.count() >= 10
    for case in Case.objects.order_by("pk")[:10]:
        for name in CASE_PAGES:
            assert client.get(reverse(name, args=[case.pk])).status_code == 404, name
    for name in ("persons:search", "triage:queue", "cases:mine", "cases:overview"):
        assert client.get(reverse(name)).status_code == 404, name
    for nomination in Nomination.objects.order_by("pk")[:3]:
        api = client.get(reverse("api:nomination", args=[nomination.pk]))
        assert api.status_code in (401, 404)
        assert nomination.person.last_name not in api.content.decode()

    output = _pages(client)

    assert "Steekproef van triagebesluiten" in output
    assert TriageDecision.objects.filter(status=DecisionStatus.CONFIRMED).count() > 20
    assert output.count("Pseudoniem ") >= 20
    for person in Person.objects.all():
        assert person.full_name not in output
        assert not re.search(rf"\b{re.escape(person.last_name)}\b", output), person.last_name
        if person.bsn:
            assert person.bsn not in output
    assert "Voordrachten per status en voorgestelde doelgroep" in output
    assert "&lt;5" in output


def test_the_sample_is_stable_and_pseudonyms_hide_the_person(region_records):
    first = samples(size=10)
    again = samples(size=10)

    assert first == again
    assert len({s.pseudonym for s in first}) == len(first)
    assert all(re.fullmatch(r"[0-9a-f]{16}", s.pseudonym) for s in first)
    person_ids = {str(pk) for pk in Person.objects.values_list("pk", flat=True)}
    assert not {s.pseudonym for s in first} & person_ids
    assert all(s.age_band for s in first)


def test_motivations_are_stripped_of_the_persons_names_and_numbers():
    person = Person(first_name="Daan", name_prefix="de", last_name="Vries", bsn="111222333")

    text = redact("Daan de Vries (BSN 111222333) en DAAN zelf; Vriesland blijft.", person)

    assert text == "[naam] (BSN [nummer]) en [naam] zelf; Vriesland blijft."


def test_restricted_persons_never_appear_in_a_sample(fg, region_records, make_request_for):
    restricted = region_records[0]
    processing_restrict(actor=fg, request=make_request_for(restricted.person), ground="Betwist.")

    pseudonyms = {s.pseudonym for s in samples(size=100)}

    assert keyed_pseudonym(pseudonym_key(), restricted.person.pk, PROJECT) not in pseudonyms
    assert len(pseudonyms) == len(region_records) - 1
