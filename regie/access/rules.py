"""The access table: role × organisation (own/other) × participation × action, per resource.

This table is the single statement of who may do what. ``docs/access.md`` renders it (``regie
access table``) and a matrix test checks every cell of that document against ``decide``.

- *organisation* ``own``: the object belongs to the user's organisation (a nomination it made,
  a user who works there); ``other``: it does not; ``*``: either.
- *participation* ``yes``: the user's organisation (or the user) takes part in the case the
  object belongs to; ``no``: it does not; ``*``: either.

Anything not granted here is refused, and refused objects answer "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import product


class Org(StrEnum):
    OWN = "own"
    OTHER = "other"
    ANY = "*"


class Part(StrEnum):
    YES = "yes"
    NO = "no"
    ANY = "*"


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DEACTIVATE = "deactivate"
    EXPORT = "export"
    WITHDRAW = "withdraw"
    ASSESS = "assess"
    DECIDE = "decide"
    MERGE = "merge"
    REASSIGN = "reassign"
    CONTRIBUTE = "contribute"
    REVIEW = "review"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class Rule:
    resource: str
    role: str
    org: Org
    part: Part
    actions: frozenset[Action]


def _rule(resource: str, role: str, org: Org, part: Part, *actions: Action) -> Rule:
    return Rule(resource, role, org, part, frozenset(actions))


A = Action
RULES: tuple[Rule, ...] = (
    # Organisations: everyone sees their own; functional administration manages all.
    _rule("organisation", "admin", Org.ANY, Part.ANY, A.VIEW, A.CREATE, A.CHANGE),
    *(
        _rule("organisation", role, Org.OWN, Part.ANY, A.VIEW)
        for role in (
            "partner",
            "triage",
            "triage_chair",
            "regisseur",
            "teamlead",
            "privacy_officer",
            "oversight",
            "analyst",
            "municipality",
        )
    ),
    # User accounts: administration manages; the FG may look up any employee for the audit log;
    # a teamlead sees the colleagues in their own organisation.
    _rule("user", "admin", Org.ANY, Part.ANY, A.VIEW, A.CREATE, A.CHANGE, A.DEACTIVATE),
    _rule("user", "privacy_officer", Org.ANY, Part.ANY, A.VIEW),
    _rule("user", "teamlead", Org.OWN, Part.ANY, A.VIEW),
    # The audit log and the break-glass review queue belong to the privacy officer.
    _rule("audit_event", "privacy_officer", Org.ANY, Part.ANY, A.VIEW, A.EXPORT),
    _rule("break_glass", "privacy_officer", Org.ANY, Part.ANY, A.VIEW, A.REVIEW),
    # Persons: triage works on every nominated person; case participants see their regiepersoon.
    _rule("person", "triage", Org.ANY, Part.ANY, A.VIEW, A.CREATE, A.CHANGE, A.MERGE),
    _rule("person", "triage_chair", Org.ANY, Part.ANY, A.VIEW, A.MERGE),
    _rule("person", "regisseur", Org.ANY, Part.YES, A.VIEW),
    _rule("person", "partner", Org.ANY, Part.YES, A.VIEW),
    _rule("person", "partner", Org.OWN, Part.ANY, A.VIEW, A.CREATE),
    # Nominations: a partner works on its own organisation's; triage assesses, the chair decides.
    _rule("nomination", "partner", Org.OWN, Part.ANY, A.VIEW, A.CREATE, A.CHANGE, A.WITHDRAW),
    _rule("nomination", "triage", Org.ANY, Part.ANY, A.VIEW, A.ASSESS),
    _rule("nomination", "triage_chair", Org.ANY, Part.ANY, A.VIEW, A.DECIDE),
    # Cases: participation is what gives access (need-to-know, not organisation-wide).
    _rule("case", "regisseur", Org.ANY, Part.YES, A.VIEW, A.CHANGE, A.CONTRIBUTE),
    _rule("case", "partner", Org.ANY, Part.YES, A.VIEW, A.CONTRIBUTE),
    _rule("case", "teamlead", Org.ANY, Part.ANY, A.VIEW, A.REASSIGN),
    _rule("case", "triage_chair", Org.ANY, Part.YES, A.VIEW, A.DECIDE),
    # Outflow: the regisseur proposes (through a review); a triage chair or teamlead confirms it
    # (four eyes), whether or not they take part in the case.
    _rule("outflow", "regisseur", Org.ANY, Part.YES, A.VIEW, A.CREATE),
    _rule("outflow", "teamlead", Org.ANY, Part.ANY, A.VIEW, A.DECIDE),
    _rule("outflow", "triage_chair", Org.ANY, Part.ANY, A.VIEW, A.DECIDE),
    # Warm handover: *own* organisation is the receiving one, whose users confirm receipt; the
    # case's participants follow it, the teamlead chases unconfirmed ones.
    _rule("handover", "regisseur", Org.ANY, Part.YES, A.VIEW, A.CREATE, A.CHANGE),
    _rule("handover", "partner", Org.ANY, Part.YES, A.VIEW),
    _rule("handover", "teamlead", Org.ANY, Part.ANY, A.VIEW),
    *(
        _rule("handover", role, Org.OWN, Part.ANY, A.VIEW, A.CONFIRM)
        for role in ("partner", "regisseur", "teamlead")
    ),
    # Subject requests go to one contact point: the privacy officer registers, handles and
    # decides them and generates the access export (DESIGN.md §7).
    _rule(
        "subject_request",
        "privacy_officer",
        Org.ANY,
        Part.ANY,
        A.VIEW,
        A.CREATE,
        A.CHANGE,
        A.DECIDE,
        A.EXPORT,
    ),
    # Criteria governance: oversight and functional administration move a set through
    # voorgelegd → advies → vastgesteld → vervallen (four eyes on adoption in the service) and
    # record the committees' documents. Reading the adopted criteria needs no rule.
    _rule("criteria_set", "oversight", Org.ANY, Part.ANY, A.VIEW, A.CHANGE, A.DECIDE),
    _rule("criteria_set", "admin", Org.ANY, Part.ANY, A.VIEW, A.CHANGE, A.DECIDE),
    _rule("committee_document", "oversight", Org.ANY, Part.ANY, A.VIEW, A.CREATE),
    _rule("committee_document", "admin", Org.ANY, Part.ANY, A.VIEW, A.CREATE),
    # The yearly monitor: aggregate, suppressed figures. "own" means the residents of the user's
    # organisation's municipality: a municipal contact sees only those (regie.monitor.selectors).
    *(
        _rule("monitor", role, Org.ANY, Part.ANY, A.VIEW, A.EXPORT)
        for role in ("analyst", "oversight", "teamlead")
    ),
    _rule("monitor", "municipality", Org.OWN, Part.ANY, A.VIEW, A.EXPORT),
    # Experiences (quotes with consent, no link to a person) are recorded by the analyst.
    _rule("experience", "analyst", Org.ANY, Part.ANY, A.VIEW, A.CREATE, A.CHANGE),
    # Fairness monitor (aggregates only): the analyst and oversight view and export it. The
    # analyst and functional administration import the reference population and the
    # monitoring attributes, which no case or person view ever shows.
    _rule("fairness_monitor", "analyst", Org.ANY, Part.ANY, A.VIEW, A.EXPORT),
    _rule("fairness_monitor", "oversight", Org.ANY, Part.ANY, A.VIEW, A.EXPORT),
    _rule("reference_population", "analyst", Org.ANY, Part.ANY, A.CREATE),
    _rule("reference_population", "admin", Org.ANY, Part.ANY, A.CREATE),
    _rule("monitoring_attribute", "analyst", Org.ANY, Part.ANY, A.CREATE),
    _rule("monitoring_attribute", "admin", Org.ANY, Part.ANY, A.CREATE),
    # Research (docs/research.md): functioneel beheer registers and ends the approved projects;
    # functioneel beheer or the analyst makes a project's pseudonymised, k-anonymous export.
    _rule("research_project", "admin", Org.ANY, Part.ANY, A.CREATE, A.CHANGE),
    _rule("research_export", "admin", Org.ANY, Part.ANY, A.EXPORT),
    _rule("research_export", "analyst", Org.ANY, Part.ANY, A.EXPORT),
)

RESOURCES: tuple[str, ...] = tuple(dict.fromkeys(rule.resource for rule in RULES))
ROLES: tuple[str, ...] = (
    "partner",
    "triage",
    "triage_chair",
    "regisseur",
    "teamlead",
    "privacy_officer",
    "oversight",
    "analyst",
    "municipality",
    "admin",
)
# Roles that may open one object outside their scope with a written reason (break-glass).
BREAK_GLASS_ROLES = frozenset({"regisseur", "teamlead"})
BREAK_GLASS_RESOURCES = frozenset({"person", "case"})


def _matches(rule: Rule, org: Org, part: Part) -> bool:
    return rule.org in (Org.ANY, org) and rule.part in (Part.ANY, part)


def decide(
    roles: frozenset[str] | set[str], resource: str, org: Org, part: Part, action: Action
) -> bool:
    """Pure table lookup for one concrete situation (``org`` and ``part`` not ``*``)."""
    return any(
        rule.resource == resource
        and rule.role in roles
        and action in rule.actions
        and _matches(rule, org, part)
        for rule in RULES
    )


def rules_for(resource: str, roles: frozenset[str], action: Action) -> list[Rule]:
    return [r for r in RULES if r.resource == resource and r.role in roles and action in r.actions]


def render_markdown() -> str:
    """The table as Markdown: one row per resource × role × organisation × participation that
    grants anything. Every combination that is not listed grants nothing."""
    lines = [
        "| resource | role | organisation | participant | actions |",
        "|---|---|---|---|---|",
    ]
    for resource, role, org, part in product(
        RESOURCES, ROLES, (Org.OWN, Org.OTHER), (Part.YES, Part.NO)
    ):
        allowed = [a.value for a in Action if decide({role}, resource, org, part, a)]
        if allowed:
            lines.append(
                f"| {resource} | {role} | {org.value} | {part.value} | {', '.join(allowed)} |"
            )
    return "\n".join(lines) + "\n"
