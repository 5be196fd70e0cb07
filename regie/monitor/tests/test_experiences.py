"""The analyst's register of experiences and their place in the monitor."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditAction, AuditEvent
from regie.monitor.models import Experience
from regie.monitor.services import experience_change, experience_create

pytestmark = pytest.mark.django_db

QUOTE = "De regisseur hield iedereen bij de les."


def _create(actor, **fields):
    defaults = {
        "kind": "professional",
        "year": 2025,
        "themes": ["samenwerking"],
        "text": QUOTE,
        "consent_given": True,
        "consent_date": date(2025, 3, 1),
        "included": True,
    }
    return experience_create(actor=actor, **{**defaults, **fields})


def test_analyst_records_an_experience_through_the_form_and_it_is_audited(login, analist) -> None:
    client = login(analist)
    form = client.get("/monitor/ervaringen/nieuw/").content.decode()
    assert "noem geen namen" in form.lower()
    response = client.post(
        "/monitor/ervaringen/nieuw/",
        {
            "kind": "ouder",
            "year": "2025",
            "themes": ["gezin", "vertrouwen"],
            "text": "Ik werd eindelijk gehoord.",
            "consent_given": "on",
            "consent_date": "2025-04-02",
            "included": "on",
        },
    )
    assert response.status_code == 302
    experience = Experience.objects.get()
    assert (experience.kind, experience.themes, experience.consent_recorded_by) == (
        "ouder",
        ["gezin", "vertrouwen"],
        analist,
    )
    audit = AuditEvent.objects.get(object_type="experience", action=AuditAction.CREATE)
    assert audit.person_id is None
    assert "Ik werd eindelijk gehoord." in client.get("/monitor/ervaringen/").content.decode()


def test_an_experience_without_consent_cannot_be_included(analist) -> None:
    with pytest.raises(ValidationError) as error:
        _create(analist, consent_given=False, consent_date=None, included=True)
    assert "toestemming" in str(error.value)
    with pytest.raises(ValidationError):
        _create(analist, themes=["onbekend_thema"])


def test_only_included_experiences_with_consent_appear_in_that_years_monitor(
    login, analist
) -> None:
    _create(analist)
    _create(analist, text="Niet opgenomen.", included=False)
    _create(analist, text="Ander jaar.", year=2024)
    html = login(analist).get("/monitor/?year=2025").content.decode()
    assert QUOTE in html
    assert "Niet opgenomen." not in html
    assert "Ander jaar." not in html


def test_the_analyst_can_change_an_experience_and_others_cannot(login, analist, teamleider) -> None:
    experience = _create(analist, included=False)
    experience_change(
        actor=analist,
        experience=experience,
        kind="professional",
        year=2025,
        themes=["plan"],
        text=QUOTE,
        consent_given=True,
        consent_date=date(2025, 3, 1),
        included=True,
    )
    assert Experience.objects.get().themes == ["plan"]
    with pytest.raises(PermissionDenied):
        _create(teamleider)
    assert login(teamleider).get("/monitor/ervaringen/").status_code == 404
    assert login(teamleider).get(f"/monitor/ervaringen/{experience.pk}/").status_code == 404
