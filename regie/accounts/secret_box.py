"""Encryption of the MFA secrets at rest (the TOTP key and the recovery-code seed).

allauth stores these in ``mfa_authenticator.data`` and passes them through the MFA adapter's
``encrypt``/``decrypt`` hooks (``regie.accounts.adapters.MFAAdapter``). Regie encrypts them with
Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) so a copy of the database alone does
not let anyone generate a professional's login codes.

Keys: ``REGIE_MFA_KEYS`` (comma-separated Fernet keys; the first encrypts, every one decrypts,
so a key can be rotated by putting the new one first and running ``regie mfa_reencrypt``).
Without it, one key is derived from ``SECRET_KEY`` with HKDF-SHA256 — fine for development and
the demo; a deployment sets its own keys (docs/security.md), because changing ``SECRET_KEY``
would otherwise make every authenticator unreadable.

Stored values carry the prefix ``fernet:``; a value without it is a secret stored before
encryption was switched on (migration ``accounts.0002`` encrypts those) and is read as is.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet:"


def _derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"regie-mfa-secrets")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


@cache
def _box(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    fernets = [Fernet(key.encode()) for key in keys] or [Fernet(_derived_key())]
    return MultiFernet(fernets)


def box() -> MultiFernet:
    return _box(tuple(settings.REGIE_MFA_KEYS), settings.SECRET_KEY)


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + box().encrypt(text.encode()).decode()


def decrypt(value: str) -> str:
    if not is_encrypted(value):
        return value
    return box().decrypt(value.removeprefix(PREFIX).encode()).decode()


def reencrypt(value: str) -> str:
    """``value`` encrypted with the current first key (plain values are encrypted)."""
    if not is_encrypted(value):
        return encrypt(value)
    return PREFIX + box().rotate(value.removeprefix(PREFIX).encode()).decode()


def map_secrets(data: dict[str, object], convert: Callable[[str], str]) -> dict[str, object]:
    """``data`` of an authenticator with every secret it holds passed through ``convert``:
    the TOTP ``secret``, the recovery-code ``seed`` and any ``migrated_codes``."""
    out = dict(data)
    for key in ("secret", "seed"):
        value = out.get(key)
        if isinstance(value, str):
            out[key] = convert(value)
    codes = out.get("migrated_codes")
    if isinstance(codes, list):
        out["migrated_codes"] = [convert(c) if isinstance(c, str) else c for c in codes]
    return out
