"""Functional administration deactivates accounts; that ends every session of the account."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client

from regie.accounts.models import UserSession
from regie.accounts.services import user_deactivate
from regie.accounts.tests.conftest import MFA_URL, password_step
from regie.audit.models import AuditEvent
from regie.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Groene-Kikker-Springt-Hoog-7"


def test_deactivation_ends_all_sessions_of_the_user_at_once(
    full_login, login, beheerder, fg
) -> None:
    laptop, phone = full_login(fg), login(fg)
    assert laptop.get("/").status_code == phone.get("/").status_code == 200

    user_deactivate(actor=beheerder, user=fg)

    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert not UserSession.objects.filter(user=fg).exists()
    event = AuditEvent.objects.get(action="user_deactivated")
    assert (event.actor_id, event.object_id, event.detail) == (
        beheerder.pk,
        str(fg.pk),
        {"sessions_ended": 2},
    )


def test_administrator_deactivates_through_the_user_list(full_login, login, beheerder, fg) -> None:
    fg_session = full_login(fg)
    key = fg_session.session.session_key

    response = login(beheerder).post(f"/beheer/gebruikers/{fg.pk}/actief/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert fg_session.get("/").status_code == 302
    fg.refresh_from_db()
    assert not fg.is_active
    assert fg.deactivated_at is not None


def test_deactivated_user_cannot_log_in_again(beheerder, fg) -> None:
    user_deactivate(actor=beheerder, user=fg)
    client = Client()

    response = password_step(client, "fg")

    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_reactivated_user_can_log_in_again(login, beheerder, fg) -> None:
    admin = login(beheerder)
    admin.post(f"/beheer/gebruikers/{fg.pk}/actief/")

    admin.post(f"/beheer/gebruikers/{fg.pk}/actief/")

    fg.refresh_from_db()
    assert fg.is_active
    assert fg.deactivated_at is None
    assert password_step(Client(), "fg")["Location"] == MFA_URL


def test_a_session_whose_key_changed_is_still_ended(full_login, beheerder, fg) -> None:
    """Changing the password gives the session a new key; deactivation must still find it."""
    client = full_login(fg)
    old_key = client.session.session_key
    client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert client.session.session_key != old_key
    assert client.get("/").status_code == 200

    user_deactivate(actor=beheerder, user=fg)

    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get("/").status_code == 302


def test_administrator_cannot_deactivate_themselves(login, beheerder) -> None:
    client = login(beheerder)

    response = client.post(f"/beheer/gebruikers/{beheerder.pk}/actief/", follow=True)

    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    beheerder.refresh_from_db()
    assert beheerder.is_active
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=beheerder, user=beheerder)


def test_only_functional_administration_may_deactivate(regisseur, fg) -> None:
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=regisseur, user=fg)
    fg.refresh_from_db()
    assert fg.is_active


def test_deactivation_needs_a_post(login, beheerder, fg) -> None:
    response = login(beheerder).get(f"/beheer/gebruikers/{fg.pk}/actief/")

    assert response.status_code == 405
    fg.refresh_from_db()
    assert fg.is_active


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/beheer/gebruikers/"),
        ("get", "/beheer/gebruikers/nieuw/"),
        ("post", "/beheer/gebruikers/nieuw/"),
        ("post", "/beheer/gebruikers/{pk}/actief/"),
        ("get", "/beheer/gebruikers/{pk}/actief/"),
        ("get", "/beheer/gebruikers/{pk}/inloggegevens/"),
        ("post", "/beheer/gebruikers/{pk}/inloggegevens/"),
    ],
)
def test_others_get_not_found_on_administration_pages_and_it_is_audited(
    login, regisseur, fg, method: str, path: str
) -> None:
    response = getattr(login(regisseur), method)(path.format(pk=fg.pk))

    assert response.status_code == 404
    denied = AuditEvent.objects.get(action="access_denied")
    assert (denied.actor_id, denied.outcome) == (regisseur.pk, "denied")
    fg.refresh_from_db()
    assert fg.is_active
