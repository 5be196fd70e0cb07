"""What the review pages share: the review part of one case, as the case page's section and the
case's own review page show it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from regie.access.policy import can
from regie.access.rules import Action as Act
from regie.accounts.models import User
from regie.cases.models import Case, CaseOrigin, CaseStatus
from regie.reviews import selectors
from regie.reviews.models import OutflowStatus, Review
from regie.reviews.services.outflow import may_close

RECENT_REVIEWS = 3


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk]) + "#toetsen"


def case_section(user: User, case: Case, *, recent: int | None = RECENT_REVIEWS) -> dict[str, Any]:
    """The case's reviews, flags, transition review, outflow, handovers and follow-up, and what
    the user may do next. At most five queries; on the case page (``recent``) an active case
    has no outflow or handover under way and a new one no transition review, so those are not
    asked for."""
    today = timezone.localdate()
    is_regisseur = case.regisseur_id == user.pk
    summary = recent is not None and case.status == CaseStatus.ACTIVE
    outflows = [] if summary else list(selectors.outflows(case))
    current = next((o for o in outflows if o.status != OutflowStatus.RETURNED), None)
    reviews = Review.objects.filter(case=case, corrected_by__isnull=True).order_by(
        "-held_on", "-pk"
    )
    confirmed = current is not None and current.status == OutflowStatus.CONFIRMED
    follow_up_open = (
        confirmed
        and current is not None
        and not hasattr(current, "follow_up")
        and current.follow_up_due is not None
    )
    return {
        "case": case,
        "today": today,
        "is_regisseur": is_regisseur,
        "flags": list(selectors.open_flags(case)),
        "transition": None if case.origin == CaseOrigin.NEW else selectors.transition_of(case),
        "reviews": list(reviews[:recent] if recent else reviews),
        "outflow": current,
        "returned": [o for o in outflows if o.status == OutflowStatus.RETURNED],
        "handovers": [] if summary else list(selectors.handovers(case)),
        "review_overdue": case.status == CaseStatus.ACTIVE and case.next_review_date < today,
        "may_review": is_regisseur and case.status == CaseStatus.ACTIVE,
        "may_handover": is_regisseur and current is not None,
        "follow_up_open": follow_up_open,
        "may_follow_up": is_regisseur
        and follow_up_open
        and current is not None
        and current.follow_up_due is not None
        and current.follow_up_due <= today,
        "may_close": may_close(case, current) and (is_regisseur or can(user, Act.REASSIGN, case)),
    }
