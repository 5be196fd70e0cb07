"""Scale generator, stage 3: a case for every admission, with participants, a plan (goals,
scenarios — some blocked by a shortage — and actions), journal, conferences with agreements and
now and then support to a family member; every change with the event and audit row its service
writes (payload shapes as in ``regie.cases.services``)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from regie.cases.demo import JOURNAL_LINES, PLANS
from regie.cases.models import (
    Action,
    Agreement,
    Case,
    CaseConference,
    FamilyContact,
    Goal,
    JournalEntry,
    Participant,
    Plan,
    Scenario,
)
from regie.core.domain import LifeDomain
from regie.demo.bulk import Bulk
from regie.demo.scale_base import DAY, HOUR, Scale, Staff, Trail, at, day_of
from regie.demo.scale_intake import Admission
from regie.demo.scale_reviews import CaseStory, GoalSpan, Reviews

# Which partners take part, per target group: (organisation type, role in the case).
PARTNERS = {
    "jeugd": (("politie", "wijkagent"), ("jeugdbescherming", "jeugdbeschermer"),
              ("stadsdeel", "casemanager")),
    "volwassenen": (("reclassering", "reclasseringswerker"), ("politie", "wijkagent"),
                    ("forensische_zorg", "hulpverlener")),
    "doorgroeiers": (("politie", "wijkagent"), ("om", "om"), ("reclassering",
                                                               "reclasseringswerker")),
}  # fmt: skip
COLUMNS: dict[type, tuple[str, ...]] = {
    Case: ("id", "person_id", "target_group", "regisseur_id", "start_date", "origin", "status",
           "first_review_date", "next_review_date", "nomination_id", "version", "created_at"),
    Participant: ("id", "case_id", "organisation_id", "user_id", "role", "added_at",
                  "added_by_id"),
    Plan: ("case_id", "version", "changed_at", "changed_by_id"),
    Goal: ("id", "plan_id", "domain", "description", "indicator", "target_date", "status",
           "status_reason", "status_changed_at", "created_at"),
    Scenario: ("id", "goal_id", "kind", "description", "status", "shortage_type",
               "shortage_other", "blocked_on", "expected_wait_days", "activated_alternative_id",
               "activated_on", "created_at"),
    Action: ("id", "goal_id", "case_id", "description", "responsible_organisation_id",
             "owner_id", "due_date", "status", "note", "completed_at", "created_at"),
    JournalEntry: ("id", "case_id", "author_id", "organisation_id", "text", "visibility",
                   "created_at"),
    CaseConference: ("id", "case_id", "held_on", "agenda", "minutes", "recorded_by_id",
                     "created_at"),
    Agreement: ("id", "conference_id", "description", "responsible_organisation_id", "due_date",
                "created_at"),
    FamilyContact: ("id", "case_id", "relation", "offered", "offered_on", "consent_given_by",
                    "consent_given_on", "recorded_by_id", "created_at"),
}  # fmt: skip


class CaseLife:
    """Where a case stands for the audit stage: who works on it and for how long."""

    __slots__ = ("end_us", "id", "orgs", "person", "regisseur", "start_us")

    def __init__(self, id: int, person: int, regisseur: int, start_us: int, end_us: int) -> None:
        self.id, self.person, self.regisseur = id, person, regisseur
        self.start_us, self.end_us = start_us, end_us
        self.orgs: list[int] = []


class Cases:
    def __init__(self, scale: Scale, bulk: Bulk, trail: Trail, staff: Staff) -> None:
        self.scale, self.bulk, self.trail, self.staff = scale, bulk, trail, staff
        self.rng = random.Random(scale.seed * 7 + 3)
        self.rows: dict[type, list[tuple]] = {model: [] for model in COLUMNS}
        self.lives: list[CaseLife] = []
        self.acvz = staff.orgs["acvz"][0]
        self.reviews = Reviews(scale, bulk, trail, staff)
        self.goals: list[GoalSpan] = []

    def build(self, admissions: list[Admission], progress: Any) -> list[CaseLife]:
        for admission in progress(admissions, desc="casussen"):
            self._case(admission)
        through = CaseConference.organisations.through
        conference_orgs = self.rows.pop(through, [])
        for model, columns in COLUMNS.items():
            self.bulk.insert(model, columns, self.rows[model])
        self.reviews.write()
        self.bulk.insert(
            through,
            ("id", "caseconference_id", "organisation_id"),
            ((pk, *row) for pk, row in zip(self.bulk.ids(through, len(conference_orgs)),
                                           conference_orgs, strict=True)),
        )  # fmt: skip
        return self.lives

    def _id(self, model: type) -> int:
        return self.bulk.ids(model, 1)[0]

    def _case(self, a: Admission) -> None:
        rng, scale, trail = self.rng, self.scale, self.trail
        start = a.confirmed_us + HOUR
        closed = a.person.fate == "closed"
        status = (
            rng.choices(("uitgestroomd", "afgesloten"), (70, 30))[0]
            if closed
            else rng.choices(("actief", "uitstroom_voorbereid"), (92, 8))[0]
        )
        end = min(start + rng.randint(365, 900) * DAY, scale.now_us - 10 * DAY) if closed else None
        if end is not None and status == "afgesloten":
            # Closing waits for the follow-up "nog in beeld?", six months after the outflow.
            end = min(end, scale.now_us - 230 * DAY)
            if end < start + 120 * DAY:
                end, status = min(start + 365 * DAY, scale.now_us - 10 * DAY), "uitgestroomd"
        person = a.person.id
        life = CaseLife(a.case, person, a.regisseur, start, end or scale.now_us)
        self.lives.append(life)
        version = 0

        def change(us: int, type_: str, actor: int, payload: dict, audit: str, object_type: str,
                   object_id: int, detail: dict | None = None) -> None:  # fmt: skip
            trail.event(us, type_, actor, person, payload, case=a.case, nomination=a.nomination)
            trail.audit(us, actor, audit, object_type, object_id, person,
                        {"case": a.case, **(detail or {})})  # fmt: skip

        start_day = day_of(start)
        change(start, "case_opened", a.chair,
               {"target_group": a.target_group, "origin": "nieuw", "regisseur_id": a.regisseur,
                "start_date": start_day.isoformat()}, "create", "case", a.case)  # fmt: skip
        add = self.rows
        add[Participant].append((self._id(Participant), a.case, self.acvz, a.regisseur,
                                 "regisseur", at(start), a.chair))  # fmt: skip
        for org_type, role in rng.sample(PARTNERS[a.target_group], rng.randint(1, 3)):
            org = self.staff.orgs[org_type][0]
            user = rng.choice(self.staff.partners[org]) if rng.random() < 0.3 else None
            pk = self._id(Participant)
            add[Participant].append((pk, a.case, org, user, role, at(start + HOUR), a.regisseur))
            life.orgs.append(org)
            change(start + HOUR, "participant_added", a.regisseur,
                   {"participant_id": pk, "organisation_id": org, "user_id": user, "role": role},
                   "create", "case_participant", pk, {"organisation": org, "user": user})  # fmt: skip
        span = (end or scale.now_us) - start
        self.goals = []
        for domain in rng.sample(sorted(PLANS), rng.randint(2, 4)):
            version = self._goal(a, life, domain, start + 2 * DAY, span, closed, version, change)
        for _ in range(min(15, 2 + span // (45 * DAY))):
            when = start + rng.randrange(max(1, span))
            text, visibility = rng.choice(JOURNAL_LINES)
            author, org = a.regisseur, self.acvz
            if life.orgs and rng.random() < 0.3:
                org = rng.choice(life.orgs)
                author = rng.choice(self.staff.partners[org])
            pk = self._id(JournalEntry)
            add[JournalEntry].append((pk, a.case, author, org, text, visibility, at(when)))
            change(when, "journal_entry_added", author, {"entry_id": pk, "visibility": visibility},
                   "create", "journal_entry", pk, {"visibility": visibility})  # fmt: skip
        for _ in range(max(1, span // (180 * DAY))):
            held = start + rng.randrange(max(1, span))
            pk, agreement = self._id(CaseConference), self._id(Agreement)
            orgs = sorted({self.acvz, *life.orgs})
            add[CaseConference].append((pk, a.case, day_of(held), "Voortgang plan van aanpak.",
                                        "Afspraken gemaakt over de volgende stappen.",
                                        a.regisseur, at(held)))  # fmt: skip
            self.rows.setdefault(CaseConference.organisations.through, []).extend(
                (pk, org) for org in orgs
            )
            responsible = rng.choice(orgs)
            add[Agreement].append((agreement, pk, "Contact opnemen over de voortgang.",
                                   responsible, day_of(held) + timedelta(days=14), at(held)))  # fmt: skip
            change(held, "conference_held", a.regisseur,
                   {"conference_id": pk, "held_on": day_of(held).isoformat(),
                    "organisation_ids": orgs}, "create", "case_conference", pk)  # fmt: skip
            change(held + HOUR, "agreement_recorded", a.regisseur,
                   {"conference_id": pk, "agreement_id": agreement, "organisation_id": responsible},
                   "create", "agreement", agreement)  # fmt: skip
        if rng.random() < 0.05:
            when = start + rng.randrange(max(1, span))
            pk = self._id(FamilyContact)
            relation = rng.choice(("moeder", "broer_zus", "partner", "vader"))
            add[FamilyContact].append((pk, a.case, relation, "Opvoedondersteuning aangeboden.",
                                       day_of(when), "gezinslid", day_of(when), a.regisseur,
                                       at(when)))  # fmt: skip
            change(
                when,
                "family_support_recorded",
                a.regisseur,
                {"family_contact_id": pk, "relation": relation},
                "create",
                "family_contact",
                pk,
            )
        outcome = self.reviews.story(
            CaseStory(case=a.case, person=person, nomination=a.nomination, regisseur=a.regisseur,
                      target_group=a.target_group, start_us=start,
                      first_review=start_day + timedelta(days=90), status=status, end_us=end,
                      zrm=a.zrm or dict.fromkeys(LifeDomain.values, 2), goals=self.goals)
        )  # fmt: skip
        add[Case].append((a.case, person, a.target_group, a.regisseur, start_day, "nieuw",
                          outcome.status, start_day + timedelta(days=90), outcome.next_review,
                          a.nomination, outcome.updates + 1, at(start)))  # fmt: skip
        add[Plan].append((a.case, version, at(start), a.regisseur))

    def _action_fate(self, when: int, due: int, life: CaseLife, closed: bool, goal_status: str,
                     goal_closed: int | None) -> tuple[str, int | None]:  # fmt: skip
        """An action's status and when it was settled (None while pending). As in a case that
        is worked on, most actions are done around their due date and some dropped; a few stay
        pending past it (the overdue actions on the regisseur's lists). A closed goal or case
        has its actions settled by the time it closed."""
        rng = self.rng
        ended = goal_closed if goal_closed is not None else life.end_us
        settle = max(when + 3 * DAY, min(due + rng.randint(-20, 40) * DAY, ended))
        if closed or goal_closed is not None:
            dropped = 0.6 if goal_status == "vervallen" else 0.1
            return ("vervallen" if rng.random() < dropped else "afgerond"), settle
        if settle < self.scale.now_us:  # its time has come
            fate = rng.random()
            if fate < 0.8:
                return "afgerond", settle
            if fate < 0.9:
                return "vervallen", settle
        elif rng.random() < 0.15:  # done early
            return "afgerond", when + rng.randrange(max(DAY, self.scale.now_us - when))
        return rng.choice(("open", "bezig")), None

    def _goal(self, a: Admission, life: CaseLife, domain: str, when: int, span: int,
              closed: bool, version: int, change: Any) -> int:  # fmt: skip
        rng, add, regisseur = self.rng, self.rows, a.regisseur
        title, indicator, primary, alternative, shortage = PLANS[domain]
        goal, first, second = self._id(Goal), self._id(Scenario), self._id(Scenario)
        version += 1
        change(when, "plan_changed", regisseur,
               {"change": "goal_added", "version": version, "goal_id": goal,
                "goal_domain": domain, "scenarios": 2}, "create", "goal", goal,
               {"change": "goal_added", "version": version})  # fmt: skip
        blocked = rng.random() < 0.25
        blocked_at = when + rng.randrange(max(1, span // 2))
        statuses = ["geblokkeerd", "actief"] if blocked else ["actief", "verkend"]
        goal_status, reason, changed = "open", "", None
        if closed or rng.random() < 0.2:
            goal_status = rng.choices(("bereikt", "vervallen"), (70, 30))[0]
            changed = when + rng.randrange(max(1, span - 2 * DAY))
            reason = "Doel bereikt." if goal_status == "bereikt" else "Niet meer passend."
            statuses = [s if s == "geblokkeerd" else "vervallen" for s in statuses]
        self.goals.append(GoalSpan(goal, when, changed))
        add[Goal].append((goal, a.case, domain, title, indicator,
                          day_of(when) + timedelta(days=180), goal_status, reason,
                          at(changed) if changed else None, at(when)))  # fmt: skip
        add[Scenario].append((first, goal, "primair", primary, statuses[0],
                              shortage if blocked else "", "", day_of(blocked_at) if blocked else None,
                              rng.choice((60, 90, 180, 365)) if blocked else None,
                              second if blocked else None, day_of(blocked_at) if blocked else None,
                              at(when)))  # fmt: skip
        add[Scenario].append((second, goal, "alternatief", alternative, statuses[1], "", "", None,
                              None, None, None, at(when)))  # fmt: skip
        if blocked:
            version += 1
            change(blocked_at, "scenario_blocked", regisseur,
                   {"scenario_id": first, "scenario_kind": "primair", "goal_id": goal,
                    "goal_domain": domain, "shortage_type": shortage,
                    "waiting_days": add[Scenario][-2][8], "blocked_on": day_of(blocked_at).isoformat(),
                    "alternative_id": second, "version": version}, "change", "scenario", first,
                   {"status": "geblokkeerd", "version": version})  # fmt: skip
            version += 1
            change(blocked_at, "scenario_activated", regisseur,
                   {"scenario_id": second, "goal_id": goal, "goal_domain": domain,
                    "replaces_scenario_id": first, "shortage_type": shortage, "version": version},
                   "change", "scenario", second, {"status": "actief", "version": version})  # fmt: skip
        for _ in range(2):
            action = self._id(Action)
            org = rng.choice(life.orgs or [self.acvz])
            days = rng.randint(14, 120)
            status, settled = self._action_fate(when, when + days * DAY, life, closed, goal_status,
                                                changed)  # fmt: skip
            done_at = settled if status == "afgerond" else None
            add[Action].append((action, goal, a.case, "Afspraak uit het plan uitvoeren.", org, None,
                                day_of(when) + timedelta(days=days), status, "",
                                at(done_at) if done_at else None, at(when)))  # fmt: skip
            version += 1
            change(when, "plan_changed", regisseur,
                   {"change": "action_added", "version": version, "action_id": action,
                    "goal_id": goal, "organisation_id": org}, "create", "action", action,
                   {"change": "action_added", "version": version})  # fmt: skip
            if settled is not None:
                version += 1
                change(settled, "action_updated", regisseur,
                       {"action_id": action, "goal_id": goal, "organisation_id": org,
                        "previous_status": "open", "status": status, "version": version},
                       "change", "action", action, {"status": status, "version": version})  # fmt: skip
        if changed:
            version += 1
            change(changed, "goal_closed", regisseur,
                   {"goal_id": goal, "goal_domain": domain, "status": goal_status,
                    "version": version}, "change", "goal", goal,
                   {"status": goal_status, "version": version})  # fmt: skip
        return version
