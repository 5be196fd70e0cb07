"""Rectification keeps the old value and tells every organisation that holds the data."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination
from regie.rights.models import Notification, NotificationKind, Rectification
from regie.rights.services.corrections import person_rectify

pytestmark = pytest.mark.django_db


@pytest.fixture
def rectification_request(make_request):
    return make_request("rectification", description="Mijn achternaam is Janssen, met dubbel s.")


def test_the_old_value_is_kept_with_the_new_one_and_the_ground(fg, record, rectification_request):
    rectification = person_rectify(
        actor=fg,
        request=rectification_request,
        field="last_name",
        new_value="Janssen",
        ground="Kopie paspoort gezien bij het contactpunt.",
    )

    record.person.refresh_from_db()
    assert record.person.last_name == "Janssen"
    assert (rectification.field, rectification.old_value, rectification.new_value) == (
        "last_name",
        "Jansen",
        "Janssen",
    )
    assert CaseEvent.objects.get(type=EventType.PERSON_RECTIFIED).payload == {
        "request": rectification_request.pk,
        "field": "last_name",
    }
    audit = AuditEvent.objects.filter(object_type="person", action="change").get()
    assert audit.detail == {
        "field": "last_name",
        "request": rectification_request.pk,
        "rectification": rectification.pk,
    }


def test_every_participating_organisation_gets_one_notification(
    fg, record, reclassering, make_user, rectification_request
):
    colleague = make_user(reclassering, "partner")
    Nomination.objects.create(
        person=record.person, nominating_organisation=reclassering, nominated_by=colleague
    )

    person_rectify(
        actor=fg,
        request=rectification_request,
        field="date_of_birth",
        new_value="2004-05-18",
        ground="Geboorteakte.",
    )

    rows = Notification.objects.order_by("organisation__name")
    assert [(n.organisation.name, n.kind) for n in rows] == [
        ("Politie (test)", NotificationKind.RECTIFICATION),
        ("Reclassering (test)", NotificationKind.RECTIFICATION),
    ]
    assert [n.rectification.old_value for n in rows if n.rectification] == ["2004-05-17"] * 2
    assert rows[0].reference.startswith(f"voordracht {record.nomination.pk}")


def test_the_notification_page_shows_old_and_new_only_to_who_may_see_the_person(
    fg, login, politie_medewerker, reclassering, make_user, record, rectification_request
):
    outsider = make_user(reclassering, "partner")
    Nomination.objects.create(
        person=record.person, nominating_organisation=reclassering, nominated_by=outsider
    )
    Nomination.objects.filter(nominating_organisation=reclassering).update(status="ingetrokken")
    person_rectify(
        actor=fg,
        request=rectification_request,
        field="last_name",
        new_value="Janssen",
        ground="Paspoort.",
    )

    own = login(politie_medewerker).get(reverse("rights:notifications")).content.decode()
    assert "Jansen" in own
    assert "Janssen" in own
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    notification = Notification.objects.get(organisation=politie_medewerker.organisation)
    login(politie_medewerker).post(reverse("rights:notification_read", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_by == politie_medewerker
    assert (
        login(outsider)
        .post(reverse("rights:notification_read", args=[notification.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bsn", "123456789", "elfproef"),
        ("date_of_birth", "2999-01-01", "toekomst"),
        ("last_name", "Jansen", "gelijk aan de oude"),
        ("facts", "x", "niet worden gerectificeerd"),
        ("municipality", "Atlantis", "geldige keuze"),
    ],
)
def test_invalid_rectifications_are_refused_and_change_nothing(
    fg, record, rectification_request, field, value, message
):
    with pytest.raises(ValidationError, match=message):
        person_rectify(
            actor=fg, request=rectification_request, field=field, new_value=value, ground="Bron."
        )

    assert not Rectification.objects.exists()
    record.person.refresh_from_db()
    assert (record.person.last_name, record.person.date_of_birth) == ("Jansen", date(2004, 5, 17))


def test_a_choice_may_be_given_by_its_dutch_label(fg, record, rectification_request):
    person_rectify(
        actor=fg, request=rectification_request, field="gender", new_value="Vrouw", ground="BRP."
    )

    record.person.refresh_from_db()
    assert record.person.gender == "v"


def test_rectifying_needs_an_open_rectification_request(fg, record, make_request):
    with pytest.raises(ValidationError, match="rectificatieverzoek"):
        person_rectify(
            actor=fg,
            request=make_request("access"),
            field="last_name",
            new_value="X",
            ground="Bron.",
        )
