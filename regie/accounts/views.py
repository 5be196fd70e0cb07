"""Functional administration: accounts and their roles."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.policy import access, scope
from regie.access.rules import Action
from regie.accounts.forms import TemporaryPasswordForm, UserCreateForm
from regie.accounts.models import User
from regie.accounts.services import (
    user_create,
    user_deactivate,
    user_reactivate,
    user_reset_mfa,
    user_set_temporary_password,
)
from regie.core.http import require_any_role


def _add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show the service's refusal at the field it concerns: a weak password (the validators
    raise a plain list) at the password, a model field at that field, the rest above the form."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error("password", message)
        return
    for field, errors in exc.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
@require_any_role("admin")
def user_list(request: HttpRequest) -> HttpResponse:
    users = (
        scope(request.user, Action.VIEW, User)
        .select_related("organisation")
        .prefetch_related("role_assignments")
        .order_by("organisation__name", "username")
    )
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
@require_any_role("admin")
def user_new(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_create(
                actor=request.user,  # type: ignore[arg-type]
                username=data["username"],
                organisation=data["organisation"],
                roles=data["roles"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Gebruiker aangemaakt. Bij de eerste login stelt de gebruiker de tweede factor in."
                ),
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@require_any_role("admin")
@require_POST
def user_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = access(request.user, Action.DEACTIVATE, User, pk=pk, audit=False)
    if target.pk == request.user.pk:
        messages.error(request, _("U kunt uw eigen account niet deactiveren."))
    elif target.is_active:
        user_deactivate(actor=request.user, user=target)  # type: ignore[arg-type]
        messages.success(request, _("Account gedeactiveerd; alle sessies zijn beëindigd."))
    else:
        user_reactivate(actor=request.user, user=target)  # type: ignore[arg-type]
        messages.success(request, _("Account weer geactiveerd."))
    return redirect("accounts:user_list")


@login_required
@require_any_role("admin")
def user_credentials(request: HttpRequest, pk: int) -> HttpResponse:
    """Help a user who forgot their password or lost their phone: a temporary password, or a
    reset of the second factor. Both end the user's sessions."""
    target = access(request.user, Action.CHANGE, User, pk=pk, audit=False)
    if target.pk == request.user.pk:
        messages.error(request, _("Uw eigen inloggegevens wijzigt u via uw eigen account."))
        return redirect("accounts:user_list")
    action = request.POST.get("action") if request.method == "POST" else None
    form = TemporaryPasswordForm(request.POST if action == "password" else None)
    if action == "password" and form.is_valid():
        try:
            user_set_temporary_password(
                actor=request.user,  # type: ignore[arg-type]
                user=target,
                password=form.cleaned_data["password"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Tijdelijk wachtwoord ingesteld; alle sessies van %(user)s zijn beëindigd.")
                % {"user": target.username},
            )
            return redirect("accounts:user_list")
    elif action == "mfa":
        user_reset_mfa(actor=request.user, user=target)  # type: ignore[arg-type]
        messages.success(
            request,
            _(
                "Tweede factor teruggezet; %(user)s stelt bij de volgende keer inloggen een nieuwe in."
            )
            % {"user": target.username},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/user_credentials.html", {"target": target, "form": form})
