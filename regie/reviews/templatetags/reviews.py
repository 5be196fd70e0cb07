"""Review sections other pages show: the case page's "Toetsen en uitstroom", the attention
block on "Mijn casussen" and the teamlead's overview, and the earlier history on a re-entry
nomination's triage file."""

from __future__ import annotations

from typing import Any

from django import template

from regie.cases.models import Case
from regie.nominations.models import Nomination
from regie.reviews import selectors
from regie.reviews.models import OutflowStatus
from regie.reviews.views.common import case_section

register = template.Library()


@register.inclusion_tag("reviews/_case_section.html", takes_context=True)
def case_reviews(context: template.Context, case: Case) -> dict[str, Any]:
    """The review part of the case page (five queries)."""
    user = context["request"].user
    return {**case_section(user, case), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("reviews/_attention.html", takes_context=True)
def review_attention(context: template.Context, *, mine: bool) -> dict[str, Any]:
    """Flags, outflows, handovers and follow-ups that need attention: the user's own cases
    (``mine``) or every case they may see. Overdue reviews are left out: the case lists on
    these pages mark them already."""
    user = context["request"].user
    sections = selectors.attention(
        user, mine=mine, overdue=False, size=selectors.START_PAGE_SECTION_SIZE
    )
    return {"sections": sections, "mine": mine, "start_page": True}


@register.inclusion_tag("reviews/_earlier_history.html")
def earlier_history(nomination: Nomination) -> dict[str, Any]:
    """For a re-entry: the earlier case's dates, outflow reason and follow-up (triage sees the
    outcome of the earlier regie, not its content)."""
    if not nomination.previous_case_id:
        return {"earlier": None}
    earlier = Case.objects.filter(pk=nomination.previous_case_id).first()
    outflow = (
        earlier.outflows.filter(status=OutflowStatus.CONFIRMED)
        .select_related("follow_up")
        .order_by("-pk")
        .first()
        if earlier
        else None
    )
    return {"earlier": earlier, "outflow": outflow}
