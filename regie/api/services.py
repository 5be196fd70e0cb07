"""Managing API clients and their tokens (functional administration).

Every function takes ``actor``: a user with the role ``admin``, or ``None`` for the system
itself (the ``regie api-client`` command). Tokens are returned in plain text exactly once, by
the function that issues them; only their hash is stored.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.accounts.services import user_create
from regie.api.models import ApiClient, ApiToken
from regie.api.tokens import token_generate
from regie.audit.models import AuditAction
from regie.audit.services import audit_record

# last_used_at is bookkeeping, not audit: written at most once per this interval.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.has_role("admin"):
        raise PermissionDenied


def _token_issue(client: ApiClient, expires_at: datetime | None) -> tuple[ApiToken, str]:
    new = token_generate()
    while ApiToken.objects.filter(prefix=new.prefix).exists():
        new = token_generate()
    token = ApiToken(client=client, prefix=new.prefix, token_hash=new.hash, expires_at=expires_at)
    token.full_clean()
    token.save()
    return token, new.value


def api_client_create(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
) -> tuple[ApiClient, str]:
    """A client for ``organisation`` with its service account (``api-<id>``, role ``partner``,
    no password) and a first token. Returns ``(client, token)``; show the token once.

    Raises ``PermissionDenied`` for a non-administrator, ``ValidationError`` for unknown scopes
    or a name the organisation already uses.
    """
    _require_admin(actor)
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=f"api-nieuw-{secrets.token_hex(8)}",
            organisation=organisation,
            roles=["partner"],
            password=None,
            first_name="API-client",
            last_name=name[:150],
        )
        client = ApiClient(organisation=organisation, name=name, scopes=list(scopes), user=user)
        client.full_clean()
        client.save()
        user.username = f"api-{client.pk}"
        user.save(update_fields=["username"])
        token, value = _token_issue(client, expires_at)
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="api_client",
            object_id=client.pk,
            detail={"api_client": client.pk, "scopes": client.scopes, "token": token.prefix},
        )
    return client, value


def api_token_rotate(
    *,
    actor: User | None,
    client: ApiClient,
    overlap: timedelta = timedelta(0),
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Issue a new token and retire the client's live ones: at once (``overlap`` zero) or after
    ``overlap``, so the partner can switch without downtime. Returns ``(token, value)``."""
    _require_admin(actor)
    now = timezone.now()
    with transaction.atomic():
        old = list(ApiToken.objects.select_for_update().filter(client=client).live())
        for token in old:
            if overlap:
                end = now + overlap
                token.expires_at = min(token.expires_at, end) if token.expires_at else end
                token.save(update_fields=["expires_at"])
            else:
                token.revoked_at = now
                token.save(update_fields=["revoked_at"])
        token, value = _token_issue(client, expires_at)
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="api_client",
            object_id=client.pk,
            detail={
                "api_client": client.pk,
                "token": token.prefix,
                "retired": [t.prefix for t in old],
                "overlap_seconds": int(overlap.total_seconds()),
            },
        )
    return token, value


def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke one token; the next call with it is refused. Revoking twice changes nothing."""
    _require_admin(actor)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                action=AuditAction.CHANGE,
                actor=actor,
                object_type="api_client",
                object_id=token.client_id,
                detail={"api_client": token.client_id, "revoked": token.prefix},
            )
    return token


def api_client_set_active(*, actor: User | None, client: ApiClient, active: bool) -> ApiClient:
    """Switch a client off (every call refused, tokens kept) or on again."""
    _require_admin(actor)
    with transaction.atomic():
        client.active = active
        client.save(update_fields=["active"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="api_client",
            object_id=client.pk,
            detail={"api_client": client.pk, "active": active},
        )
    return client


def api_client_mark_used(*, client: ApiClient) -> None:
    """Record that the client called (bookkeeping for the administrator; not audit)."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
