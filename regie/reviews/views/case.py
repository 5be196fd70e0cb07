"""Review work on one case: holding and correcting reviews, the handover, "nog in beeld?" and
closing. Every page fetches the case through the policy (``case_get``); pages that change
something exist only for the case's own regisseur (others: "not found", audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.access.rules import Action as Act
from regie.cases.models import Goal
from regie.cases.selectors import CURRENT_GOAL_STATUSES, case_get
from regie.cases.views.common import acting_user, apply_errors, deny, require_case_regisseur
from regie.reviews import selectors
from regie.reviews.config import next_review_due
from regie.reviews.explain import explanation
from regie.reviews.forms import (
    CaseVersionForm,
    FollowUpForm,
    HandoverDoneForm,
    HandoverForm,
    ReviewForm,
    initial_for,
)
from regie.reviews.models import Decision, Review
from regie.reviews.services import (
    case_close,
    follow_up_record,
    handover_mark_done,
    handover_record,
    review_correct,
    review_hold,
)
from regie.reviews.services.outflow import confirmed_outflow
from regie.reviews.services.review import review_last
from regie.reviews.views.common import case_section, case_url


@login_required
def case_reviews(request: HttpRequest, case_id: int) -> HttpResponse:
    """All reviews of a case, with flags, transition review, outflow and handovers."""
    user = acting_user(request)
    case = case_get(user, case_id)
    context = case_section(user, case, recent=None)
    transition = context["transition"]
    context["transition_evaluation"] = explanation(transition.evaluation) if transition else None
    return render(request, "reviews/case_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    goals = Goal.objects.filter(plan_id=case.pk, status__in=CURRENT_GOAL_STATUSES).order_by(
        "created_at", "pk"
    )
    last = review_last(case)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        goals=goals,
        previous_scores={s.domain: s.score for s in last.scores.all()} if last else None,
        initial=initial_for(
            held_on=today,
            next_date=next_review_due(case.target_group, today),
            case_version=case.version,
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_hold(
                actor=user,
                case=case,
                seen_version=data["case_version"],
                content=form.content(),
                decision=data["decision"],
                outflow_reason=data["outflow_reason"],
                outflow_reason_text=data["outflow_reason_text"],
                care_needed=data["care_needed"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if data["decision"] == Decision.OUTFLOW:
                messages.success(
                    request,
                    _("Toets vastgelegd. De uitstroom is voorgesteld en wacht op bevestiging."),
                )
            else:
                messages.success(request, _("Toets vastgelegd."))
            return redirect(case_url(case))
    transition = selectors.transition_of(case)
    return render(
        request,
        "reviews/review_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Toets vastleggen"),
            "flags": selectors.open_flags(case),
            "transition": transition,
            "transition_evaluation": explanation(transition.evaluation)
            if transition and transition.review_id is None
            else None,
        },
    )


@login_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = selectors.review_get(user, review_id)
    corrected_by = Review.objects.filter(corrects=review).first()
    outflow = getattr(review, "outflow", None)
    return render(
        request,
        "reviews/review_detail.html",
        {
            "case": review.case,
            "review": review,
            "corrected_by": corrected_by,
            "outflow": outflow,
            "evaluation": explanation(review.evaluation),
            "may_correct": corrected_by is None and review.case.regisseur_id == user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_correct_view(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = selectors.review_get(user, review_id)
    case = review.case
    require_case_regisseur(request, case)
    goals = [p.goal for p in review.progress.all()]
    initial = {
        "case_version": case.version,
        "held_on": review.held_on,
        "next_review_date": review.next_review_date,
        "added_value": review.added_value,
        "added_value_motivation": review.added_value_motivation,
        "proportional": review.proportional,
        "proportionality_motivation": review.proportionality_motivation,
        **{f"score_{s.domain}": s.score for s in review.scores.all()},
        **{f"progress_{p.goal_id}": p.progress for p in review.progress.all()},
        **{f"note_{p.goal_id}": p.note for p in review.progress.all()},
    }
    form = ReviewForm(
        request.POST or None,
        goals=goals,
        correction=True,
        decision=review.decision,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            correction = review_correct(
                actor=user,
                review=review,
                seen_version=form.cleaned_data["case_version"],
                content=form.content(),
                reason=form.cleaned_data["correction_reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Correctie vastgelegd; de eerdere vastlegging blijft bewaard.")
            )
            return redirect("reviews:review", correction.pk)
    return render(
        request,
        "reviews/review_form.html",
        {"case": case, "form": form, "review": review, "title": _("Toets corrigeren")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    form = HandoverForm(request.POST or None, initial={"handover_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            handover_record(actor=user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Warme overdracht vastgelegd."))
            return redirect(case_url(case))
    return render(
        request,
        "reviews/form_page.html",
        {
            "case": case,
            "form": form,
            "title": _("Warme overdracht vastleggen"),
            "intro": _(
                "De ontvangende organisatie ziet deze overdracht en bevestigt de ontvangst in "
                "Regie. Zonder bevestiging wordt de overdracht nagelopen."
            ),
            "submit": _("Overdracht vastleggen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_done(request: HttpRequest, handover_id: int) -> HttpResponse:
    user = acting_user(request)
    handover = selectors.handover_get(user, handover_id, action=Act.CHANGE)
    case = handover.case
    require_case_regisseur(request, case)
    form = HandoverDoneForm(request.POST or None, initial={"handed_over_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            handover_mark_done(actor=user, handover=handover, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("De overdracht is uitgevoerd; de ontvanger kan bevestigen.")
            )
            return redirect(case_url(case))
    return render(
        request,
        "reviews/form_page.html",
        {
            "case": case,
            "form": form,
            "title": _("Overdracht uitgevoerd aan %(org)s")
            % {"org": handover.receiving_organisation},
            "submit": _("Vastleggen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    outflow = confirmed_outflow(case)
    if outflow is None:
        deny(request, object_type="follow_up", object_id=case.pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_record(actor=user, outflow=outflow, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Nacontrole vastgelegd."))
            return redirect(case_url(case))
    return render(
        request,
        "reviews/form_page.html",
        {
            "case": case,
            "form": form,
            "title": _("Nog in beeld?"),
            "intro": _(
                "Uitgestroomd op %(d)s. Is de persoon nog in beeld bij zorg of ondersteuning?"
            )
            % {"d": outflow.outflow_date.strftime("%d-%m-%Y") if outflow.outflow_date else "—"},
            "submit": _("Vastleggen"),
        },
    )


@login_required
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = case_get(user, case_id, audit=False)
    form = CaseVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Laad de pagina opnieuw en probeer het nog eens."))
        return redirect(case_url(case))
    try:
        case_close(actor=user, case=case, seen_version=form.cleaned_data["case_version"])
    except PermissionDenied:
        deny(request, object_type="case", object_id=case.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De casus is afgesloten."))
    return redirect(case_url(case))
