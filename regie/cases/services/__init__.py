"""Every write on a case (DESIGN.md §5): keyword-only, transactional, each writing its
``CaseEvent`` and audit event. The modules split by subject; import from here."""

from regie.cases.services.case import (
    case_open,
    case_reassign,
    participant_add,
    participant_remove,
)
from regie.cases.services.plan import (
    action_add,
    action_update,
    goal_add,
    goal_set_status,
    scenario_add,
)
from regie.cases.services.scenario import scenario_activate, scenario_block
from regie.cases.services.work import (
    agreement_add,
    agreement_to_action,
    conference_record,
    family_contact_record,
    journal_entry_add,
)

__all__ = [
    "action_add",
    "action_update",
    "agreement_add",
    "agreement_to_action",
    "case_open",
    "case_reassign",
    "conference_record",
    "family_contact_record",
    "goal_add",
    "goal_set_status",
    "journal_entry_add",
    "participant_add",
    "participant_remove",
    "scenario_activate",
    "scenario_add",
    "scenario_block",
]
