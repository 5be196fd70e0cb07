"""Audit events hold ids, never names, BSNs or free text."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.http import Http404
from django.test import Client

from regie.access.policy import access
from regie.access.rules import Action
from regie.access.services import break_glass_grant
from regie.accounts.models import Organisation, User
from regie.accounts.services import user_create, user_deactivate, user_set_roles
from regie.audit.models import AuditAction, AuditEvent
from regie.audit.services import audit_record
from regie.persons.models import Person

# Synthetic names and a synthetic BSN that passes the elfproef.
NAMES = ["Fatima", "El Amrani", "fatima.elamrani", "Jeroen", "Vliet", "123456782"]


@pytest.mark.parametrize(
    "detail",
    [
        {"person": {"naam": "x"}},
        {"ratio": 0.5},
        {"when": date(2026, 1, 1)},
        {"ids": [1, [2]]},
        {"ids": (1, 2)},
        {1: "numeric key"},
    ],
)
def test_detail_values_must_be_plain_scalars_with_text_keys(db: None, detail: Any) -> None:
    with pytest.raises(TypeError):
        audit_record(action=AuditAction.VIEW, detail=detail)
    assert not AuditEvent.objects.exists()


def test_person_id_must_be_a_whole_number(db: None) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        audit_record(action=AuditAction.VIEW, person_id="Jan")  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()


def test_the_foundation_writes_no_names_or_bsns_into_audit_events(
    acvz: Organisation,
    politie: Organisation,
    make_user: Callable[..., User],
    beheerder: User,
    fg: User,
    login: Callable[[User], Client],
) -> None:
    employee = user_create(
        actor=beheerder,
        username="fatima.elamrani",
        first_name="Fatima",
        last_name="El Amrani",
        email="fatima@example.org",
        organisation=politie,
        roles=["partner"],
        password="Paarse-Olifant-Fietst-Snel-42",
    )
    user_set_roles(actor=beheerder, user=employee, roles=["partner", "teamlead"])
    person = Person.objects.create(
        bsn="123456782",
        first_name="Jeroen",
        name_prefix="van",
        last_name="Vliet",
        date_of_birth=date(2004, 5, 6),
        gender="m",
        municipality="amstelveen",
    )
    triagist = make_user(acvz, "triage")
    regisseur = make_user(acvz, "regisseur")

    Client().post("/account/login/", {"login": "fatima.elamrani", "password": "fout"})
    Client().post("/account/login/", {"login": "Jeroen van Vliet", "password": "fout"})
    client = login(employee)
    client.get("/audit/?person=1")
    client.post("/account/logout/")
    access(triagist, Action.VIEW, Person, pk=person.pk)
    with pytest.raises(Http404):
        access(employee, Action.VIEW, Person, pk=person.pk)
    break_glass_grant(
        user=regisseur,
        resource="person",
        object_id=person.pk,
        person_id=person.pk,
        reason="Jeroen van Vliet (BSN 123456782) is vannacht aangehouden",
    )
    fg_client = login(fg)
    fg_client.get(f"/audit/?person={person.pk}&employee={employee.pk}")
    fg_client.get(f"/audit/export.csv?person={person.pk}").getvalue()
    user_deactivate(actor=beheerder, user=employee)

    events = list(AuditEvent.objects.order_by("seq"))
    actions = {e.action for e in events}
    assert actions >= {
        AuditAction.CREATE,
        AuditAction.CHANGE,
        AuditAction.LOGIN,
        AuditAction.LOGIN_FAILED,
        AuditAction.LOGOUT,
        AuditAction.VIEW,
        AuditAction.ACCESS_DENIED,
        AuditAction.BREAK_GLASS,
        AuditAction.SEARCH,
        AuditAction.EXPORT,
        AuditAction.USER_DEACTIVATED,
    }
    for event in events:
        text = " ".join(
            [
                event.role,
                event.object_type,
                event.object_id,
                event.purpose,
                event.client_ip or "",
                json.dumps(event.detail, ensure_ascii=False),
            ]
        ).lower()
        for name in NAMES:
            assert name.lower() not in text, (event.seq, event.action, name)
