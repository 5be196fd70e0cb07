"""Bearer tokens: ``rg_<12 hex prefix>_<43 url-safe characters>``.

The prefix finds the stored row; the SHA-256 of the whole token proves possession. The secret
part carries 256 bits of randomness, so a plain (unsalted) hash is safe against guessing.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

TOKEN_RE = re.compile(r"^(rg_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class NewToken:
    prefix: str
    value: str

    @property
    def hash(self) -> str:
        return token_hash(self.value)


def token_generate() -> NewToken:
    prefix = f"rg_{secrets.token_hex(6)}"
    return NewToken(prefix=prefix, value=f"{prefix}_{secrets.token_urlsafe(32)}")


def token_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def token_prefix(value: str) -> str | None:
    """The lookup prefix of a well-formed token, or ``None``."""
    match = TOKEN_RE.match(value)
    return match.group(1) if match else None


def token_matches(value: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(value), stored_hash)
