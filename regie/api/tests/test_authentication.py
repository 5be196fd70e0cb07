"""Tokens: who gets in, rotation, revocation, scopes, throttling, and the audit of it all."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from regie.accounts.models import Organisation
from regie.accounts.services import user_deactivate
from regie.api.models import ApiScope, ApiToken
from regie.api.services import api_client_set_active, api_token_revoke, api_token_rotate
from regie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/nominations/"


def test_without_a_token_the_answer_is_a_401_problem(client) -> None:
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="regie"'
    problem = response.json()
    assert problem["type"] == "urn:regie:problem:not-authenticated"
    assert problem["status"] == 401
    assert problem["instance"] == URL
    assert problem["detail_en"] == "Send a token: 'Authorization: Bearer <token>'."


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer rg_0123456789ab_" + "x" * 43, "Bearer", "Bearer a b"],
)
def test_an_unknown_token_is_a_401_and_audited(client, header) -> None:
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["type"] == "urn:regie:problem:invalid-token"
    event = AuditEvent.objects.get(action="login_failed")
    assert event.detail == {"channel": "api", "reason": "unknown_token", "api_client": None}


def test_a_revoked_token_is_refused_at_once(make_client, politie: Organisation, bearer) -> None:
    client, value = make_client(politie)
    api = bearer(value)
    assert api.get(URL).status_code == 200
    api_token_revoke(actor=None, token=client.tokens.get())
    response = api.get(URL)
    assert response.status_code == 401
    failed = AuditEvent.objects.get(action="login_failed")
    assert failed.detail == {"channel": "api", "reason": "revoked", "api_client": client.pk}


def test_rotation_without_overlap_switches_tokens_at_once(
    make_client, politie: Organisation, bearer
) -> None:
    client, old = make_client(politie)
    _token, new = api_token_rotate(actor=None, client=client)
    assert bearer(old).get(URL).status_code == 401
    assert bearer(new).get(URL).status_code == 200
    rotated = AuditEvent.objects.get(action="change", object_type="api_client")
    assert rotated.detail["retired"] == [client.tokens.order_by("created_at").first().prefix]


def test_rotation_with_overlap_keeps_the_old_token_until_it_ends(
    make_client, politie: Organisation, bearer
) -> None:
    client, old = make_client(politie)
    with time_machine.travel("2026-03-01 09:00 +01:00", tick=False):
        _token, new = api_token_rotate(actor=None, client=client, overlap=timedelta(hours=24))
        assert bearer(old).get(URL).status_code == 200
        assert bearer(new).get(URL).status_code == 200
    with time_machine.travel("2026-03-02 09:01 +01:00", tick=False):
        assert bearer(old).get(URL).status_code == 401
        assert bearer(new).get(URL).status_code == 200


def test_an_expired_token_is_refused(make_client, politie: Organisation, bearer) -> None:
    client, value = make_client(politie)
    ApiToken.objects.filter(client=client).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(value).get(URL).status_code == 401
    assert AuditEvent.objects.get(action="login_failed").detail["reason"] == "expired"


def test_a_switched_off_client_deactivated_account_or_organisation_is_refused(
    make_client, politie: Organisation, bearer, beheerder
) -> None:
    client, value = make_client(politie)
    api = bearer(value)
    api_client_set_active(actor=beheerder, client=client, active=False)
    assert api.get(URL).status_code == 401
    api_client_set_active(actor=beheerder, client=client, active=True)
    assert api.get(URL).status_code == 200
    Organisation.objects.filter(pk=politie.pk).update(is_active=False)
    assert api.get(URL).status_code == 401
    Organisation.objects.filter(pk=politie.pk).update(is_active=True)
    user_deactivate(actor=beheerder, user=client.user)
    assert api.get(URL).status_code == 401


def test_use_is_recorded_on_the_client(make_client, politie: Organisation, bearer) -> None:
    client, value = make_client(politie)
    assert client.last_used_at is None
    bearer(value).get(URL)
    client.refresh_from_db()
    assert client.last_used_at is not None


ENDPOINTS = [
    ("get", "/api/v1/nominations/", ApiScope.NOMINATIONS_READ),
    ("post", "/api/v1/nominations/", ApiScope.NOMINATIONS_WRITE),
    ("get", "/api/v1/nominations/{pk}/", ApiScope.NOMINATIONS_READ),
    ("post", "/api/v1/nominations/{pk}/submit/", ApiScope.NOMINATIONS_WRITE),
    ("post", "/api/v1/nominations/{pk}/withdraw/", ApiScope.NOMINATIONS_WRITE),
    ("post", "/api/v1/facts/", ApiScope.FACTS_WRITE),
    ("get", "/api/v1/criteria/", ApiScope.CRITERIA_READ),
    ("get", "/api/v1/actions/", ApiScope.ACTIONS_WRITE),
    ("post", "/api/v1/actions/{pk}/status/", ApiScope.ACTIONS_WRITE),
]


@pytest.mark.parametrize(("method", "path", "required"), ENDPOINTS)
@pytest.mark.parametrize("scope", list(ApiScope))
def test_every_endpoint_needs_its_own_scope(
    make_client, politie: Organisation, bearer, make_user, method, path, required, scope
) -> None:
    from regie.api.tests.conftest import make_nomination

    _client, value = make_client(politie, scope)
    nomination = make_nomination(politie, make_user(politie, "partner"))
    response = getattr(bearer(value), method)(path.format(pk=nomination.pk), {}, format="json")
    if scope == required:
        assert response.status_code != 403
    else:
        assert response.status_code == 403
        problem = response.json()
        assert (problem["type"], problem["scope"]) == (
            "urn:regie:problem:insufficient-scope",
            required.value,
        )
        refusal = AuditEvent.objects.get(action="access_denied", object_type="api")
        assert refusal.detail["required_scope"] == required.value


@override_settings(REGIE_API_RATE="3/min")
def test_each_client_is_throttled_on_its_own(make_client, politie: Organisation, bearer) -> None:
    _a, first = make_client(politie)
    _b, second = make_client(politie)
    api = bearer(first)
    assert [api.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    throttled = api.get(URL)
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["type"] == "urn:regie:problem:too-many-requests"
    assert bearer(second).get(URL).status_code == 200


@override_settings(REGIE_API_FAILED_AUTH_PER_MINUTE=2)
def test_an_address_that_keeps_failing_is_throttled_without_filling_the_audit_log(client) -> None:
    codes = [client.get(URL, HTTP_AUTHORIZATION="Bearer fout").status_code for _ in range(4)]
    assert codes == [401, 401, 429, 429]
    assert AuditEvent.objects.filter(action="login_failed").count() == 2
