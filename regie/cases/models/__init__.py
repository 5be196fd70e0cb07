"""The case and everything around it (DESIGN.md §5). See each module's docstring."""

from regie.cases.models.case import (
    OPEN_STATUSES,
    Case,
    CaseOrigin,
    CaseStatus,
    Participant,
    ParticipantRole,
)
from regie.cases.models.family import ConsentGivenBy, FamilyContact, Relation
from regie.cases.models.plan import (
    PENDING_ACTION_STATUSES,
    Action,
    ActionStatus,
    Goal,
    GoalStatus,
    Plan,
    Scenario,
    ScenarioKind,
    ScenarioStatus,
    ShortageType,
)
from regie.cases.models.work import Agreement, CaseConference, JournalEntry, Visibility

__all__ = [
    "OPEN_STATUSES",
    "PENDING_ACTION_STATUSES",
    "Action",
    "ActionStatus",
    "Agreement",
    "Case",
    "CaseConference",
    "CaseOrigin",
    "CaseStatus",
    "ConsentGivenBy",
    "FamilyContact",
    "Goal",
    "GoalStatus",
    "JournalEntry",
    "Participant",
    "ParticipantRole",
    "Plan",
    "Relation",
    "Scenario",
    "ScenarioKind",
    "ScenarioStatus",
    "ShortageType",
    "Visibility",
]
