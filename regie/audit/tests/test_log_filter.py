"""The privacy officer filters the audit log by an employee's username."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record


@pytest.mark.django_db
def test_privacy_officer_filters_the_log_by_username(
    fg: User, regisseur: User, login: Callable[[User], Client]
) -> None:
    audit_record(action=AuditAction.VIEW, actor=regisseur, object_type="case", object_id=1)
    response = login(fg).get("/audit/", {"employee": regisseur.username})
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["employee"] == regisseur


@pytest.mark.django_db
def test_an_unknown_username_is_a_form_error_not_a_crash(
    fg: User, login: Callable[[User], Client]
) -> None:
    response = login(fg).get("/audit/", {"employee": "niemand"})
    assert response.status_code == 200
    assert "Er is geen medewerker met deze gebruikersnaam." in response.content.decode()
