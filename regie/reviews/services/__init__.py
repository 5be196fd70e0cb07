"""Every write on reviews, outflow and handover (DESIGN.md §6): keyword-only, transactional,
each writing its ``CaseEvent`` and audit event. The modules split by subject; import from here."""

from regie.reviews.services.drift import ScanResult, review_flags_scan
from regie.reviews.services.handover import (
    handover_confirm,
    handover_mark_done,
    handover_record,
)
from regie.reviews.services.outflow import (
    case_close,
    follow_up_record,
    outflow_confirm,
    outflow_return,
)
from regie.reviews.services.review import ReviewContent, review_correct, review_hold

__all__ = [
    "ReviewContent",
    "ScanResult",
    "case_close",
    "follow_up_record",
    "handover_confirm",
    "handover_mark_done",
    "handover_record",
    "outflow_confirm",
    "outflow_return",
    "review_correct",
    "review_flags_scan",
    "review_hold",
]
