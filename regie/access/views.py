from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regie.access.forms import BreakGlassForm, BreakGlassReviewForm
from regie.access.models import BreakGlassGrant, ReviewOutcome
from regie.access.policy import access, scope
from regie.access.rules import BREAK_GLASS_RESOURCES, Action
from regie.access.services import break_glass_grant, break_glass_review
from regie.core.http import require_any_role


@login_required
@require_any_role("regisseur", "teamlead")
def break_glass_request(request: HttpRequest, resource: str, object_id: int) -> HttpResponse:
    if resource not in BREAK_GLASS_RESOURCES:
        raise Http404
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_grant(
                user=request.user,  # type: ignore[arg-type]
                resource=resource,
                object_id=object_id,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("reason", message)
        else:
            messages.warning(
                request, _("Doorbraak vastgelegd: u heeft één uur inzage. De FG beoordeelt dit.")
            )
            return redirect(request.GET.get("next") or "home")
    return render(request, "access/break_glass_request.html", {"form": form})


@login_required
@require_any_role("privacy_officer")
def break_glass_queue(request: HttpRequest) -> HttpResponse:
    grants = scope(request.user, Action.VIEW, BreakGlassGrant).select_related(
        "user__organisation", "reviewed_by"
    )
    open_grants = grants.filter(reviewed_at__isnull=True).order_by("granted_at")
    done = grants.filter(reviewed_at__isnull=False).order_by("-reviewed_at")[:50]
    return render(
        request,
        "access/break_glass_queue.html",
        {"open_grants": open_grants, "done": done, "form": BreakGlassReviewForm()},
    )


@login_required
@require_any_role("privacy_officer")
def break_glass_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access(request.user, Action.REVIEW, BreakGlassGrant, pk=pk, audit=False)
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_review(
                reviewer=request.user,  # type: ignore[arg-type]
                grant=grant,
                outcome=ReviewOutcome(form.cleaned_data["outcome"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("note", message)
        else:
            messages.success(request, _("Beoordeling opgeslagen."))
            return redirect("access:break_glass_queue")
    return render(request, "access/break_glass_review.html", {"grant": grant, "form": form})
