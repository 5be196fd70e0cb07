"""Functional administration of API clients: services, screens and the command."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.accounts.models import Organisation
from regie.api.models import ApiClient, ApiToken
from regie.api.services import api_client_create, api_token_rotate
from regie.api.tokens import token_hash
from regie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_client_acts_through_its_own_partner_account_of_its_organisation(
    beheerder, politie: Organisation
) -> None:
    client, token = api_client_create(
        actor=beheerder, organisation=politie, name="BVH-koppeling", scopes=["nominations:read"]
    )
    user = client.user
    assert user.username == f"api-{client.pk}"
    assert user.organisation == politie
    assert user.role_codes == frozenset({"partner"})
    assert not is_password_usable(user.password)
    stored = ApiToken.objects.get(client=client)
    assert token.startswith(f"{stored.prefix}_")
    assert stored.token_hash == token_hash(token)
    assert token not in stored.token_hash
    created = AuditEvent.objects.get(action="create", object_type="api_client")
    assert created.actor_id == beheerder.pk
    assert created.detail == {
        "api_client": client.pk,
        "scopes": ["nominations:read"],
        "token": stored.prefix,
    }


def test_only_the_functional_administrator_manages_clients(
    make_user, politie: Organisation
) -> None:
    partner = make_user(politie, "partner")
    with pytest.raises(PermissionDenied):
        api_client_create(actor=partner, organisation=politie, name="x", scopes=["facts:write"])
    client, _token = api_client_create(
        actor=None, organisation=politie, name="x", scopes=["facts:write"]
    )
    with pytest.raises(PermissionDenied):
        api_token_rotate(actor=partner, client=client)


@pytest.mark.parametrize("scopes", [[], ["alles"], ["facts:write", "facts:write"]])
def test_scopes_must_be_known_and_given_once(beheerder, politie: Organisation, scopes) -> None:
    with pytest.raises(ValidationError) as exc:
        api_client_create(actor=beheerder, organisation=politie, name="x", scopes=scopes)
    assert "scopes" in exc.value.message_dict
    assert not ApiClient.objects.exists()


def test_the_command_prints_the_token_once_and_only_the_token(politie: Organisation) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api-client",
        "create",
        "--organisation",
        politie.name,
        "--name",
        "Demo",
        "--scopes",
        "nominations:read,nominations:write",
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    client = ApiClient.objects.get()
    assert client.scopes == ["nominations:read", "nominations:write"]
    assert ApiToken.objects.get().token_hash == token_hash(token)
    assert "niet opnieuw getoond" in err.getvalue()
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command(
            "api-client", "create", "--organisation", "Geen", "--name", "x", "--scopes", "a"
        )


def test_administrator_creates_a_client_and_sees_the_token_once(
    login, beheerder, politie: Organisation
) -> None:
    web = login(beheerder)
    assert web.get("/beheer/api-clients/").status_code == 200
    response = web.post(
        "/beheer/api-clients/nieuw/",
        {"organisation": politie.pk, "name": "BVH", "scopes": ["nominations:read"]},
    )
    assert response.status_code == 200
    token = response.context["token"]
    assert token in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    client = ApiClient.objects.get()
    for page in ("/beheer/api-clients/", f"/beheer/api-clients/{client.pk}/"):
        html = web.get(page).content.decode()
        assert "BVH" in html
        assert token not in html


def test_administrator_rotates_and_revokes_tokens(login, beheerder, politie: Organisation) -> None:
    client, first = api_client_create(
        actor=None, organisation=politie, name="BVH", scopes=["facts:write"]
    )
    web = login(beheerder)
    rotated = web.post(f"/beheer/api-clients/{client.pk}/token/", {"overlap_hours": "24"})
    assert rotated.status_code == 200
    second = rotated.context["token"]
    assert second != first
    assert [t.is_live for t in client.tokens.order_by("created_at")] == [True, True]

    old = client.tokens.order_by("created_at").first()
    assert old is not None
    revoked = web.post(f"/beheer/api-clients/tokens/{old.pk}/intrekken/")
    assert revoked.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    toggled = web.post(f"/beheer/api-clients/{client.pk}/actief/")
    assert toggled.status_code == 302
    client.refresh_from_db()
    assert client.active is False


def test_a_duplicate_name_is_refused_on_the_form(login, beheerder, politie: Organisation) -> None:
    api_client_create(actor=None, organisation=politie, name="BVH", scopes=["facts:write"])
    response = login(beheerder).post(
        "/beheer/api-clients/nieuw/",
        {"organisation": politie.pk, "name": "BVH", "scopes": ["facts:write"]},
    )
    assert response.status_code == 200
    assert "al een client met deze naam" in response.content.decode()
    assert ApiClient.objects.count() == 1


def test_other_roles_do_not_find_the_client_screens(
    login, make_user, politie: Organisation
) -> None:
    client, _token = api_client_create(
        actor=None, organisation=politie, name="BVH", scopes=["facts:write"]
    )
    web = login(make_user(politie, "partner"))
    assert web.get("/beheer/api-clients/").status_code == 404
    assert (
        web.post(f"/beheer/api-clients/{client.pk}/token/", {"overlap_hours": "0"}).status_code
        == 404
    )
    assert client.tokens.count() == 1
