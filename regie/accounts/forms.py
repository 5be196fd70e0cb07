from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.forms import AddEmailForm, ResetPasswordForm
from allauth.mfa.base.forms import AuthenticateForm
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation, Role, User
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MANAGED_BY_ADMINISTRATION = _(
    "Dit kan alleen via functioneel beheer van uw organisatie. Neem daarmee contact op."
)


def _password_for_someone_else(label: StrOrPromise) -> forms.CharField:
    """A password that an administrator types for another user."""
    return forms.CharField(
        label=label,
        # "new-password": the browser must not fill in the administrator's own password.
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
        max_length=128,
        strip=False,
    )


class UserCreateForm(forms.Form):
    username = forms.SlugField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Letters, cijfers, - en _."),
        error_messages={"invalid": _("Gebruik alleen letters (a-z), cijfers, - en _.")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(is_active=True),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één rol."),
            "invalid_choice": _("Kies alleen rollen uit de lijst."),
        },
    )
    password = _password_for_someone_else(_("Tijdelijk wachtwoord"))

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username


class TemporaryPasswordForm(forms.Form):
    password = _password_for_someone_else(_("Nieuw tijdelijk wachtwoord"))


class MFAAuthenticateForm(AuthenticateForm):
    """allauth's second login step, auditing the attempts refused by its throttle.

    Wrong codes are audited from allauth's ``authentication_failed`` signal
    (``regie.accounts.signals``); once five codes in a row were wrong, allauth refuses further
    attempts before checking the code and sends no signal, so those refusals are audited here."""

    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except forms.ValidationError as exc:
            if exc.code == "too_many_login_attempts":
                audit_record(
                    action=AuditAction.MFA_FAILED,
                    object_type="user",
                    object_id=self.user.pk,
                    outcome=AuditOutcome.DENIED,
                    detail={"reason": "locked"},
                )
            raise


class ClosedResetPasswordForm(ResetPasswordForm):
    """Self-service password reset is closed: Regie sends no mail; functional administration
    sets a temporary password instead."""

    def clean_email(self) -> str:
        raise forms.ValidationError(MANAGED_BY_ADMINISTRATION, code="closed")


class ClosedAddEmailForm(AddEmailForm):
    """E-mail addresses are kept by functional administration, not by the user."""

    def clean_email(self) -> str:
        raise forms.ValidationError(MANAGED_BY_ADMINISTRATION, code="closed")
