"""MFA secrets at rest: the TOTP key and the recovery-code seed are stored encrypted, older
plain secrets are encrypted by the migration, and keys can be rotated."""

from __future__ import annotations

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from regie.accounts import secret_box
from regie.audit.models import AuditEvent
from regie.conftest import totp_now

pytestmark = pytest.mark.django_db

migration = importlib.import_module("regie.accounts.migrations.0002_encrypt_mfa_secrets")


def stored(user, type_: str) -> dict:
    return Authenticator.objects.get(user=user, type=type_).data


def test_the_totp_key_is_stored_encrypted_and_still_checks_codes(regisseur) -> None:
    data = stored(regisseur, Authenticator.Type.TOTP)

    assert data["secret"].startswith("fernet:")
    assert regisseur.totp_secret not in str(data)
    totp = TOTP(Authenticator.objects.get(user=regisseur, type=Authenticator.Type.TOTP))
    assert totp.validate_code(totp_now(regisseur.totp_secret))


def test_the_recovery_code_seed_is_stored_encrypted(regisseur) -> None:
    codes = RecoveryCodes.activate(regisseur)
    seed = stored(regisseur, Authenticator.Type.RECOVERY_CODES)["seed"]

    assert seed.startswith("fernet:")
    assert len(codes.get_unused_codes()) == 10


def test_the_migration_encrypts_secrets_stored_in_plain_text(regisseur) -> None:
    authenticator = Authenticator.objects.get(user=regisseur, type=Authenticator.Type.TOTP)
    authenticator.data = {"secret": regisseur.totp_secret}
    authenticator.save(update_fields=["data"])

    migration.encrypt_plain(apps, None)
    migration.encrypt_plain(apps, None)  # idempotent: never encrypted twice

    secret = stored(regisseur, Authenticator.Type.TOTP)["secret"]
    assert secret.startswith("fernet:")
    assert secret_box.decrypt(secret) == regisseur.totp_secret


def test_a_new_key_in_front_and_reencrypt_lets_the_old_key_go(make_user, acvz) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(REGIE_MFA_KEYS=[old]):
        user = make_user(acvz, "regisseur")
    with override_settings(REGIE_MFA_KEYS=[new]), pytest.raises(InvalidToken):
        secret_box.decrypt(stored(user, Authenticator.Type.TOTP)["secret"])

    with override_settings(REGIE_MFA_KEYS=[new, old]):
        call_command("mfa_reencrypt", stdout=None)

    with override_settings(REGIE_MFA_KEYS=[new]):
        assert secret_box.decrypt(stored(user, Authenticator.Type.TOTP)["secret"]) == (
            user.totp_secret
        )
    assert AuditEvent.objects.filter(object_type="mfa_secrets").count() == 1
