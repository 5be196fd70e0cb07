"""allauth adapters: no self-service sign-up; accounts are made by functional administration."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user: Any) -> str:
        return str(user.username)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """SSO (OpenID Connect) only logs in accounts that functional administration already made."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False
