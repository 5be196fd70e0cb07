"""allauth adapters: no self-service sign-up, formal Dutch messages, audited lockouts.

Accounts are made by functional administration. Every answer to a failed login is the same
message whether the account exists, is deactivated or the password is wrong, so the login page
never tells an attacker which accounts exist.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regie.accounts import secret_box
from regie.accounts.middleware import SESSION_STARTED_KEY
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record

LOGIN_FAILED_MESSAGE = _("De combinatie van gebruikersnaam en wachtwoord is onjuist.")
LOCKED_MESSAGE = _(
    "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd, ten hoogste 15 minuten. "
    "Probeer het daarna opnieuw, of neem contact op met functioneel beheer."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": LOGIN_FAILED_MESSAGE,
        "too_many_login_attempts": LOCKED_MESSAGE,
        "incorrect_code": _("Deze code is onjuist of al gebruikt."),
        "incorrect_password": _("Het wachtwoord is onjuist."),
        "enter_current_password": _("Dit is niet uw huidige wachtwoord."),
        "rate_limited": _("U doet te veel verzoeken achter elkaar. Wacht even en probeer opnieuw."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refuse (and audit) an attempt on an account name that is locked out.

        The lockout counts per account name, whether that account exists or not."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit_record(
                action=AuditAction.LOGIN_FAILED,
                outcome=AuditOutcome.DENIED,
                detail={"reason": "locked"},
            )
            raise

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Sensitive account pages (recovery codes, the authenticator) ask for the password or
        a code again, unless the user logged in within the last few minutes: a new user then
        sets up the second factor right after logging in, without typing the password twice."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        started = request.session.get(SESSION_STARTED_KEY) if request is not None else None
        return started is None or time.time() - started >= account_settings.REAUTHENTICATION_TIMEOUT

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """A deactivated account answers exactly like a wrong password.

        Django already reported the failure (``user_login_failed``, audited) because no backend
        accepted the inactive user; allauth would otherwise show an "account inactive" page and
        so confirm that the password was right."""
        user = super().authenticate(request, **credentials)
        if user is not None and not user.is_active:
            return None
        return user


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("Deze code is onjuist of al gebruikt."),
        "cannot_delete_authenticator": _(
            "De tweede factor is verplicht en kan niet worden uitgeschakeld. Raakt u uw "
            "telefoon kwijt, neem dan contact op met functioneel beheer."
        ),
    }

    def encrypt(self, text: str) -> str:
        return secret_box.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_box.decrypt(encrypted_text)

    def get_totp_label(self, user: Any) -> str:
        return str(user.username)

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # MFA is mandatory; functional administration resets a lost authenticator.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """SSO (OpenID Connect) only logs in accounts that functional administration already made."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False
