"""Reviews, outflow and warm handover (DESIGN.md §6)."""

from regie.reviews.models.outflow import (
    FollowUp,
    Handover,
    HandoverStatus,
    Outflow,
    OutflowReason,
    OutflowStatus,
)
from regie.reviews.models.review import (
    Answer,
    Decision,
    FlagKind,
    FlagResolution,
    GoalProgress,
    Progress,
    Review,
    ReviewFlag,
    ReviewKind,
    ReviewScore,
    TransitionReview,
)

__all__ = [
    "Answer",
    "Decision",
    "FlagKind",
    "FlagResolution",
    "FollowUp",
    "GoalProgress",
    "Handover",
    "HandoverStatus",
    "Outflow",
    "OutflowReason",
    "OutflowStatus",
    "Progress",
    "Review",
    "ReviewFlag",
    "ReviewKind",
    "ReviewScore",
    "TransitionReview",
]
