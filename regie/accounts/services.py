"""Creating, changing and deactivating accounts (functional administration)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from regie.access.policy import can
from regie.access.rules import Action
from regie.accounts.models import Organisation, RoleAssignment, User, UserSession
from regie.audit.models import AuditAction
from regie.audit.services import audit_record


def user_create(
    *,
    actor: User | None,
    username: str,
    organisation: Organisation,
    roles: Iterable[str],
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create an account with roles. ``actor`` None is for the system itself (demo, fixtures).

    Raises ``PermissionDenied`` when the actor may not create users, ``ValidationError`` for a
    weak password or a taken username.
    """
    if actor is not None and not actor.has_role("admin"):
        raise PermissionDenied
    with transaction.atomic():
        user = User(
            username=username,
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        if password is None:
            user.set_unusable_password()
        else:
            validate_password(password, user)
            user.set_password(password)
        user.full_clean()
        user.save()
        user_set_roles(actor=actor, user=user, roles=roles)
        audit_record(action=AuditAction.CREATE, actor=actor, object_type="user", object_id=user.pk)
    return user


def user_set_roles(*, actor: User | None, user: User, roles: Iterable[str]) -> None:
    wanted = set(roles)
    with transaction.atomic():
        RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
        existing = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, role=r) for r in sorted(wanted - existing)
        )
        user.__dict__.pop("role_codes", None)
        if actor is not None:
            audit_record(
                action=AuditAction.CHANGE,
                actor=actor,
                object_type="user",
                object_id=user.pk,
                detail={"roles": sorted(wanted)},
            )


def _end_sessions(user: User) -> int:
    """Delete every server-side session of ``user``; returns how many there were."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def _check_manages_other(actor: User, user: User, action: Action) -> None:
    if actor.pk == user.pk or not can(actor, action, user):
        raise PermissionDenied


def user_deactivate(*, actor: User, user: User) -> User:
    """Deactivate an account and end all of its sessions at once.

    Raises ``PermissionDenied`` unless ``actor`` is functional administration and not ``user``.
    """
    _check_manages_other(actor, user, Action.DEACTIVATE)
    with transaction.atomic():
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.save(update_fields=["is_active", "deactivated_at"])
        ended = _end_sessions(user)
        audit_record(
            action=AuditAction.USER_DEACTIVATED,
            actor=actor,
            object_type="user",
            object_id=user.pk,
            detail={"sessions_ended": ended},
        )
    return user


def user_set_temporary_password(*, actor: User, user: User, password: str) -> User:
    """Give a user who forgot their password a new one, to hand over in person or by phone.

    Ends all of the user's sessions. Raises ``PermissionDenied`` unless ``actor`` is functional
    administration and not ``user``; ``ValidationError`` for a weak or breached password.
    """
    _check_manages_other(actor, user, Action.CHANGE)
    with transaction.atomic():
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = _end_sessions(user)
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="user",
            object_id=user.pk,
            detail={"password": "reset", "sessions_ended": ended},
        )
    return user


def user_reset_mfa(*, actor: User, user: User) -> User:
    """Remove a user's authenticator app and recovery codes (a lost or new phone).

    Ends all of the user's sessions; at the next login the user sets up a new authenticator
    before anything else. Raises ``PermissionDenied`` unless ``actor`` is functional
    administration and not ``user``.
    """
    from allauth.mfa.models import Authenticator

    _check_manages_other(actor, user, Action.CHANGE)
    with transaction.atomic():
        removed, _ = Authenticator.objects.filter(user=user).delete()
        ended = _end_sessions(user)
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="user",
            object_id=user.pk,
            detail={"mfa": "reset", "authenticators_removed": removed, "sessions_ended": ended},
        )
    return user


def user_reactivate(*, actor: User, user: User) -> User:
    """Let a deactivated account log in again. Raises ``PermissionDenied`` unless ``actor`` is
    functional administration."""
    if not can(actor, Action.CHANGE, user):
        raise PermissionDenied
    with transaction.atomic():
        user.is_active = True
        user.deactivated_at = None
        user.save(update_fields=["is_active", "deactivated_at"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="user",
            object_id=user.pk,
            detail={"is_active": True},
        )
    return user
