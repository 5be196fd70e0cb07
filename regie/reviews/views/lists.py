"""Pages across cases: "Toetsen en uitstroom" (what needs attention), deciding on an outflow
(four eyes) and "Overdrachten aan mijn organisatie" (the receiving side of a handover)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.cases.views.common import acting_user, apply_errors
from regie.core.http import require_any_role
from regie.reviews import selectors
from regie.reviews.explain import explanation
from regie.reviews.forms import OutflowConfirmForm, OutflowReturnForm
from regie.reviews.models import HandoverStatus, Outflow, OutflowStatus
from regie.reviews.services import handover_confirm, outflow_confirm, outflow_return

PAGE_SIZE = 50
RECEIVING_ROLES = ("partner", "regisseur", "teamlead")


@login_required
@require_any_role("regisseur", "teamlead", "triage_chair")
def overview(request: HttpRequest) -> HttpResponse:
    """A regisseur sees their own cases; a teamlead every case; a triage chair the outflows to
    confirm."""
    user = acting_user(request)
    mine = not user.has_role("teamlead")
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="review_list",
        detail={"view": "toetsen_en_uitstroom", "mine": mine},
    )
    return render(
        request,
        "reviews/overview.html",
        {
            "sections": selectors.attention(user, mine=mine),
            "mine": mine,
            "is_regisseur": user.has_role("regisseur"),
        },
    )


def _outflow_context(outflow: Outflow, **extra: object) -> dict[str, object]:
    review = outflow.review
    transition = selectors.transition_of(outflow.case)
    return {
        "outflow": outflow,
        "case": outflow.case,
        "review": review,
        "scores": review.scores.all(),
        "progress": review.progress.select_related("goal"),
        "handovers": selectors.handovers(outflow.case),
        "transition_evaluation": explanation(transition.evaluation) if transition else None,
        **extra,
    }


@login_required
def outflow_detail(request: HttpRequest, outflow_id: int) -> HttpResponse:
    user = acting_user(request)
    outflow = selectors.outflow_get(user, outflow_id)
    may_decide = (
        outflow.status == OutflowStatus.PROPOSED
        and outflow.proposed_by_id != user.pk
        and can(user, Act.DECIDE, outflow)
    )
    initial = {"case_version": outflow.case.version}
    return render(
        request,
        "reviews/outflow_detail.html",
        _outflow_context(
            outflow,
            may_decide=may_decide,
            confirm_form=OutflowConfirmForm(
                initial={**initial, "care_needed": outflow.care_needed}
            ),
            return_form=OutflowReturnForm(initial=initial),
        ),
    )


@login_required
@require_POST
def outflow_decide(request: HttpRequest, outflow_id: int, verdict: str) -> HttpResponse:
    """Confirm (``bevestigen``) or return (``terugsturen``) a proposal: a triage chair or
    teamlead, never the proposer."""
    user = acting_user(request)
    outflow = selectors.outflow_get(user, outflow_id, action=Act.DECIDE)
    confirming = verdict == "bevestigen"
    confirm_form = OutflowConfirmForm(request.POST if confirming else None)
    return_form = OutflowReturnForm(None if confirming else request.POST)
    form = confirm_form if confirming else return_form
    if form.is_valid():
        data = form.cleaned_data
        try:
            if confirming:
                outflow_confirm(
                    actor=user,
                    outflow=outflow,
                    seen_version=data["case_version"],
                    care_needed=data["care_needed"],
                )
            else:
                outflow_return(
                    actor=user,
                    outflow=outflow,
                    seen_version=data["case_version"],
                    note=data["note"],
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Uitstroom bevestigd.") if confirming else _("Voorstel teruggestuurd."),
            )
            return redirect("reviews:outflow", outflow.pk)
    return render(
        request,
        "reviews/outflow_detail.html",
        _outflow_context(
            outflow, may_decide=True, confirm_form=confirm_form, return_form=return_form
        ),
        status=400,
    )


@login_required
@require_any_role(*RECEIVING_ROLES)
def handovers_received(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.handovers_received(user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="handover_list",
        detail={"view": "overdrachten_aan_mijn_organisatie", "page": page.number},
    )
    return render(
        request, "reviews/handovers_received.html", {"page": page, "handovers": page.object_list}
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_received(request: HttpRequest, handover_id: int) -> HttpResponse:
    """One handover to the user's organisation, and confirming receipt. Anyone outside the
    receiving organisation gets "not found"."""
    user = acting_user(request)
    handover = selectors.handover_get(
        user, handover_id, action=Act.CONFIRM, audit=request.method == "GET"
    )
    if request.method == "POST":
        try:
            handover_confirm(actor=user, handover=handover)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Ontvangst bevestigd. Dank u wel."))
        return redirect("reviews:handover_received", handover.pk)
    return render(
        request,
        "reviews/handover_received.html",
        {"handover": handover, "may_confirm": handover.status == HandoverStatus.DONE},
    )
