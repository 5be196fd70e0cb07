"""The key pages send the same number of queries whatever the size of the data: measured on a
small dataset from the scale generator, then again after it has grown eightfold."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regie.accounts.models import Organisation, User
from regie.api.services import api_client_create
from regie.cases.models import Case
from regie.demo.region import build_region
from regie.demo.scale import build_scale
from regie.persons.models import Person


def _pages() -> list[tuple[str, str, dict[str, Any]]]:
    case = Case.objects.filter(regisseur__username="regisseur", status="actief").order_by("pk")[0]
    person = Person.objects.get(pk=case.person_id)
    admin = User.objects.get(username="beheer")
    politie = Organisation.objects.get(name="Politie Eenheid Amsterdam")
    _client, token = api_client_create(
        actor=admin,
        organisation=politie,
        name=f"test {Person.objects.count()}",
        scopes=["nominations:read"],
    )
    search = f"/personen/?last_name={person.last_name}&date_of_birth={person.date_of_birth}"
    return [
        ("regisseur", "/casussen/", {}),
        ("regisseur", f"/casussen/{case.pk}/", {}),
        ("teamleider", "/casussen/overzicht/", {}),
        ("triagist", "/triage/", {}),
        ("triagist", search, {}),
        ("fg", f"/audit/?person={person.pk}", {}),
        ("", "/api/v1/nominations/", {"HTTP_AUTHORIZATION": f"Bearer {token}"}),
    ]


def _query_counts(pages: list[tuple[str, str, dict[str, Any]]]) -> dict[str, int]:
    counts = {}
    for username, url, headers in pages:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        client.get(url, **headers)  # warm: first-request work (session, caches) is not counted
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        assert response.status_code == 200, url
        counts[f"{username or 'api'} {url}"] = len(queries)
    return counts


@pytest.mark.django_db
def test_key_pages_send_as_many_queries_for_400_persons_as_for_50() -> None:
    build_region(seed=1)
    build_scale(persons=50, years=3, seed=1, progress=False)
    pages = _pages()
    small = _query_counts(pages)
    build_scale(persons=350, years=3, seed=2, progress=False)
    assert Person.objects.count() == 400
    assert _query_counts(pages) == small
