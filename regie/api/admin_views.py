"""Functional administration of API clients: list, create, rotate a token (shown once),
revoke a token, switch a client off or on."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.api.forms import ApiClientCreateForm, TokenRotateForm, end_of
from regie.api.models import ApiClient, ApiToken
from regie.api.selectors import api_clients
from regie.api.services import (
    api_client_create,
    api_client_set_active,
    api_token_revoke,
    api_token_rotate,
)
from regie.core.http import require_any_role


def _token_issued(request: HttpRequest, client: ApiClient, token: str) -> HttpResponse:
    # Rendered directly (never redirected or stored in the session): the only time it is shown.
    return render(request, "api/token_issued.html", {"client": client, "token": token})


@login_required
@require_any_role("admin")
def client_list(request: HttpRequest) -> HttpResponse:
    return render(request, "api/client_list.html", {"clients": api_clients()})


@login_required
@require_any_role("admin")
def client_new(request: HttpRequest) -> HttpResponse:
    form = ApiClientCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client, token = api_client_create(
            actor=request.user,  # type: ignore[arg-type]
            organisation=data["organisation"],
            name=data["name"],
            scopes=data["scopes"],
            expires_at=end_of(data["valid_through"]),
        )
        return _token_issued(request, client, token)
    return render(request, "api/client_form.html", {"form": form})


@login_required
@require_any_role("admin")
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(api_clients(), pk=pk)
    return render(
        request, "api/client_detail.html", {"client": client, "rotate_form": TokenRotateForm()}
    )


@login_required
@require_any_role("admin")
@require_POST
def client_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(api_clients(), pk=pk)
    form = TokenRotateForm(request.POST)
    if not form.is_valid():
        return render(
            request, "api/client_detail.html", {"client": client, "rotate_form": form}, status=400
        )
    _token, value = api_token_rotate(
        actor=request.user,  # type: ignore[arg-type]
        client=client,
        overlap=timedelta(hours=form.cleaned_data["overlap_hours"]),
        expires_at=end_of(form.cleaned_data["valid_through"]),
    )
    return _token_issued(request, client, value)


@login_required
@require_any_role("admin")
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    api_token_revoke(actor=request.user, token=token)  # type: ignore[arg-type]
    messages.success(request, _("Token %(prefix)s is ingetrokken.") % {"prefix": token.prefix})
    return redirect("api_clients:detail", pk=token.client_id)


@login_required
@require_any_role("admin")
@require_POST
def client_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(ApiClient, pk=pk)
    api_client_set_active(actor=request.user, client=client, active=not client.active)  # type: ignore[arg-type]
    messages.success(
        request, _("Client weer actief.") if client.active else _("Client uitgeschakeld.")
    )
    return redirect("api_clients:detail", pk=client.pk)
