"""The monitor page and downloads: who sees them, what they show, what they never show."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.cases.services import case_open
from regie.core.domain import TargetGroup
from regie.fairness.models import MonitoringAttribute
from regie.persons.models import Person

pytestmark = pytest.mark.django_db

URL = "/monitor/eerlijkheid/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lives_under_the_monitor_and_is_named_fairness_overview() -> None:
    assert reverse("fairness:overview") == URL


@pytest.mark.parametrize("persona", ["analist", "toezicht"])
def test_analyst_and_oversight_see_the_page_with_the_flag_explained(
    persona, request, history
) -> None:
    history()
    response = _client(request.getfixturevalue(persona)).get(
        URL, {"jaar": "2025", "stap": "toegelaten"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "de verhouding ligt buiten 0,8–1,25 en het interval sluit 1 uit" in text
    assert "Deze monitor signaleert; mensen oordelen." in text
    assert "0,33 (0,15–0,73)" in text


@pytest.mark.parametrize(
    "persona", ["regisseur", "teamleider", "fg", "beheerder", "politie_medewerker"]
)
def test_other_roles_get_not_found_for_the_page_and_the_downloads(persona, request) -> None:
    client = _client(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.get(URL + "download/", {"formaat": "csv"}).status_code == 404


def test_the_navigation_shows_the_monitor_to_the_analyst_only_among_these(
    analist, regisseur
) -> None:
    assert "Eerlijkheidsmonitor" in _client(analist).get("/").content.decode()
    assert "Eerlijkheidsmonitor" not in _client(regisseur).get("/").content.decode()


def test_bad_parameters_give_a_dutch_message_not_an_error(analist, history) -> None:
    history()
    response = _client(analist).get(URL, {"jaar": "twintig", "stap": "onzin", "ref_gender": "q"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "geen geldig jaar" in text
    assert "Onbekende stap" in text
    bad = _client(analist).get(URL + "download/", {"jaar": "2025", "formaat": "pdf"})
    assert bad.status_code == 400
    assert "csv of json" in bad.content.decode()


def test_downloads_give_every_step_as_csv_and_json_and_are_audited(analist, history) -> None:
    history()
    client = _client(analist)
    as_csv = client.get(URL + "download/", {"jaar": "2025", "formaat": "csv"})
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    women = next(
        r for r in rows if (r["dimensie"], r["stap"], r["groep"]) == ("gender", "toegelaten", "v")
    )
    assert (women["aantal"], women["basis"], women["signaal"]) == ("5", "20", "True")
    document = json.loads(
        client.get(URL + "download/", {"jaar": "2025", "formaat": "json"}).content
    )
    assert document["jaar"] == 2025
    assert document["drempel_kleine_aantallen"] == 5
    assert {"voorgedragen", "criteria_voldaan", "toegelaten", "afwijking"} <= set(
        document["stappen"]
    )
    exports = AuditEvent.objects.filter(object_type="fairness_monitor", action="export")
    assert exports.count() == 2
    assert all(e.person_id is None for e in exports)


def test_no_name_bsn_or_date_of_birth_of_any_person_reaches_an_output(analist, history) -> None:
    persons = history()
    Person.objects.filter(pk=persons[0].pk).update(bsn="111222333")
    client = _client(analist)
    outputs = [
        client.get(URL, {"jaar": "2025", "stap": step}).content.decode()
        for step in ("voorgedragen", "toegelaten", "afwijking", "uitstroom_doelen_bereikt")
    ]
    outputs += [
        client.get(URL + "download/", {"jaar": "2025", "formaat": f}).content.decode()
        for f in ("csv", "json")
    ]
    forbidden = {"111222333", "2004-03-09", "09-03-2004"}
    for person in Person.objects.all():
        forbidden |= {person.first_name, person.last_name}
    for output in outputs:
        assert not [word for word in forbidden if word in output]
        assert "Voornaamuniek" not in output


def test_monitoring_attributes_never_appear_in_case_or_person_pages(
    make_user, acvz, regisseur
) -> None:
    chair = make_user(acvz, "triage_chair")
    triagist = make_user(acvz, "triage")
    person = Person.objects.create(
        first_name="Ties", last_name="Kenmerk", date_of_birth=date(1999, 1, 2),
        gender="m", municipality="amsterdam",
    )  # fmt: skip
    MonitoringAttribute.objects.create(
        person=person, dimension="achtergrond", value="GEHEIMKENMERK",
        recorded_at=date(2025, 1, 1), source="BRONKENMERK",
    )  # fmt: skip
    case = case_open(
        actor=chair, person=person, target_group=TargetGroup.ADULT_VIOLENCE,
        regisseur=regisseur, start_date=date(2026, 1, 5), first_review_date=date(2026, 7, 5),
    )  # fmt: skip
    pages = [
        _client(regisseur).get(f"/casussen/{case.pk}/"),
        _client(triagist).get(f"/personen/{person.pk}/"),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert "Kenmerk" in text  # the person's own name is there: the page really rendered
        assert "GEHEIMKENMERK" not in text
        assert "BRONKENMERK" not in text
        assert "achtergrond" not in text.lower()
