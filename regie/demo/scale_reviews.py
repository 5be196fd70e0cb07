"""Scale generator, stage 3b: the life of a case after its start — reviews on the cadence of its
target group (on time or late, some early after a flag, now and then a correction) with ZRM
scores on the 11 life domains that improve for some persons and worsen for others and progress
per goal; outflow with four eyes (proposed in a review, confirmed or returned by a triage chair
or teamlead who is not the proposer) for every reason; warm handovers (planned, carried out,
confirmed by the receiving organisation or still waiting); the follow-up "nog in beeld?" and
the closing of the case.

Every change with the ``CaseEvent`` and audit row its service writes: the payload keys are those
of ``regie.reviews.services`` (review.py, outflow.py, handover.py, drift.py), so the yearly and
fairness monitors read the generated history as they read the real one."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from regie.core.domain import LifeDomain
from regie.demo.bulk import Bulk
from regie.demo.scale_base import DAY, HOUR, Scale, Staff, Trail, at, day_of, us_of
from regie.reviews.config import follow_up_due, next_review_due
from regie.reviews.models import (
    FollowUp,
    GoalProgress,
    Handover,
    Outflow,
    Review,
    ReviewFlag,
    ReviewScore,
)

DOMAINS = LifeDomain.values
# Outflow reason -> weight; "anders" needs a text (``outflow_other_has_text``).
REASONS = (("doelen_bereikt", 38), ("geen_toegevoegde_waarde", 14), ("niet_proportioneel", 8),
           ("exclusie_langgestraft", 10), ("exclusie_geen_rechtmatig_verblijf", 4),
           ("verhuisd", 12), ("overleden", 3), ("anders", 11))  # fmt: skip
# How the ZRM scores of a person move from review to review: (chance up, chance down).
TRENDS = {"beter": (0.35, 0.05), "slechter": (0.05, 0.3), "gelijk": (0.1, 0.1)}
PROGRESS = {
    "beter": (("op_koers", 45), ("bereikt", 20), ("beperkt", 30), ("geen", 5)),
    "slechter": (("beperkt", 25), ("geen", 40), ("achteruit", 35)),
    "gelijk": (("op_koers", 20), ("beperkt", 50), ("geen", 30)),
}
FLAG_KINDS = ("criteria", "detentie", "verblijf", "buiten_regio")
MOTIVATION = "Besproken met de partners in het casusoverleg."

COLUMNS: dict[type, tuple[str, ...]] = {
    Review: ("id", "case_id", "kind", "due_date", "held_on", "held_by_id", "recorded_at",
             "added_value", "added_value_motivation", "proportional",
             "proportionality_motivation", "decision", "next_review_date", "corrects_id",
             "correction_reason", "evaluation"),
    ReviewScore: ("review_id", "domain", "score"),
    GoalProgress: ("review_id", "goal_id", "progress", "note"),
    ReviewFlag: ("id", "case_id", "kind", "basis", "text", "detected_at", "resolved_at",
                 "resolution", "resolved_by_review_id"),
    Outflow: ("id", "case_id", "review_id", "reason", "reason_text", "care_needed", "status",
              "proposed_by_id", "proposed_at", "decided_by_id", "decided_at", "return_note",
              "outflow_date", "follow_up_due", "follow_up_recorded"),
    FollowUp: ("id", "outflow_id", "in_view", "note", "checked_on", "recorded_by_id",
               "recorded_at"),
    Handover: ("id", "case_id", "outflow_id", "receiving_organisation_id", "contact_name",
               "contact_details", "what", "handover_date", "status", "recorded_by_id",
               "recorded_at", "handed_over_on", "confirmed_by_id", "confirmed_at"),
}  # fmt: skip


@dataclass
class GoalSpan:
    """A goal of the plan: its id, when it was added and (when closed) when it stopped counting."""

    id: int
    added_us: int
    closed_us: int | None


@dataclass
class CaseStory:
    """What the cases stage hands over: who, since when, and how the case should end up."""

    case: int
    person: int
    nomination: int
    regisseur: int
    target_group: str
    start_us: int
    first_review: date
    status: str  # actief | uitstroom_voorbereid | uitgestroomd | afgesloten
    end_us: int | None  # the confirmation of the outflow, for a case that left
    zrm: dict[str, int]
    goals: list[GoalSpan] = field(default_factory=list)


@dataclass
class Outcome:
    """What the case row gets from its reviews."""

    next_review: date
    status: str
    updates: int  # how often ``case_update`` raised the case's version


class Reviews:
    def __init__(self, scale: Scale, bulk: Bulk, trail: Trail, staff: Staff) -> None:
        self.scale, self.bulk, self.trail, self.staff = scale, bulk, trail, staff
        self.rng = random.Random(scale.seed * 7 + 5)
        self.rows: dict[type, list[tuple]] = {model: [] for model in COLUMNS}
        self.deciders = sorted({*staff.chairs, *staff.teamleads})
        self.receivers = sorted(org for org, users in staff.partners.items() if users)
        self.leaving = 0  # cases that leave so far: the first ones take every reason in turn

    def write(self) -> None:
        # The outflow's flag that its follow-up was recorded, as ``follow_up_record`` sets it:
        # the follow-up is decided after the outflow's row was made.
        followed = {row[1] for row in self.rows[FollowUp]}
        self.rows[Outflow] = [(*row, row[0] in followed) for row in self.rows[Outflow]]
        for model, columns in COLUMNS.items():
            self.bulk.insert(model, columns, self.rows[model])

    def _id(self, model: type) -> int:
        return self.bulk.ids(model, 1)[0]

    def story(self, s: CaseStory) -> Outcome:
        """Reviews from the first due date until now (or the outflow), then outflow, handover,
        follow-up and closing as ``s.status`` asks."""
        rng, now = self.rng, self.scale.now_us
        trend = rng.choices(("beter", "slechter", "gelijk"), (55, 20, 25))[0]
        reason = rng.choices(*zip(*REASONS, strict=True))[0]
        if s.status != "actief":
            if self.leaving < len(REASONS):
                reason = REASONS[self.leaving][0]
            self.leaving += 1
        if reason == "doelen_bereikt":
            trend = "beter"
        zrm = dict(s.zrm)
        due, last_held, updates = s.first_review, day_of(s.start_us), 0
        leaving = s.status != "actief"
        # The moment the outflow is proposed: shortly before its confirmation, or recently.
        propose_us = (
            (s.end_us - rng.randint(2, 20) * DAY)
            if s.end_us is not None
            else (now - rng.randint(1, 40) * DAY if leaving else None)
        )
        returned_once = rng.random() < 0.06
        while True:
            late = rng.random() < 0.18
            held = (
                date.fromordinal(due.toordinal() + rng.randint(1, 60))
                if late
                else date.fromordinal(due.toordinal() - rng.randint(0, 21))
            )
            held = max(held, date.fromordinal(last_held.toordinal() + 1))
            held_us = us_of(held, rng)
            final = propose_us is not None and held_us >= propose_us
            if propose_us is not None and final:
                held_us = max(propose_us, us_of(date.fromordinal(last_held.toordinal() + 1), rng))
                held = day_of(held_us)
            if held_us >= now - HOUR:
                break  # not held yet: overdue or still to come
            self._move(zrm, trend)
            if returned_once and not final and due > s.first_review:
                returned_once = False
                review = self._review(s, held, held_us, due, zrm, trend, "outflow")
                self._outflow(s, review, held_us, reason, returned=True)
                due, last_held, updates = next_review_due(s.target_group, held), held, updates + 2
                continue
            if final:
                review = self._review(s, held, held_us, due, zrm, trend, "outflow", reason)
                updates += 1
                outflow = self._outflow(s, review, held_us, reason, returned=False)
                due = next_review_due(s.target_group, held)
                if s.status == "uitstroom_voorbereid" or outflow is None:
                    return Outcome(due, "uitstroom_voorbereid", updates)
                outflow_us, outflow_id = outflow
                status, extra = self._after(s, outflow_id, outflow_us, reason)
                return Outcome(due, status, updates + extra)
            upcoming = next_review_due(s.target_group, held)
            upcoming = date.fromordinal(upcoming.toordinal() - rng.choice((0, 0, 0, 7, 14)))
            self._review(s, held, held_us, due, zrm, trend, "continue", next_date=upcoming)
            due, last_held, updates = upcoming, held, updates + 1
        # Still running: a case meant to leave did not get that far (its history is short).
        return Outcome(due, "actief", updates)

    def _move(self, zrm: dict[str, int], trend: str) -> None:
        up, down = TRENDS[trend]
        for domain in DOMAINS:
            draw = self.rng.random()
            if draw < up:
                zrm[domain] = min(5, zrm[domain] + 1)
            elif draw < up + down:
                zrm[domain] = max(1, zrm[domain] - 1)

    def _review(self, s: CaseStory, held: date, held_us: int, due: date, zrm: dict[str, int],
                trend: str, decision: str, reason: str = "",
                next_date: date | None = None) -> int:  # fmt: skip
        rng, trail, add = self.rng, self.trail, self.rows
        pk = self._id(Review)
        kind = "regulier"
        if rng.random() < 0.04:
            kind = "vervroegd"
            flag = self._id(ReviewFlag)
            detected = held_us - rng.randint(3, 30) * DAY
            flag_kind = rng.choice(FLAG_KINDS)
            add[ReviewFlag].append((flag, s.case, flag_kind, f"demo:{flag}",
                                    "Signaal uit de dagelijkse controle.", at(detected),
                                    at(held_us), "toets", pk))  # fmt: skip
            trail.event(detected, "review_flagged", None, s.person,
                        {"flag_id": flag, "kind": flag_kind}, case=s.case)  # fmt: skip
        added_value = "nee" if reason == "geen_toegevoegde_waarde" else "ja"
        proportional = "nee" if reason == "niet_proportioneel" else "ja"
        add[Review].append((pk, s.case, kind, due, held, s.regisseur, at(held_us), added_value,
                            MOTIVATION, proportional, MOTIVATION, decision, next_date, None, "",
                            None))  # fmt: skip
        add[ReviewScore].extend((pk, domain, zrm[domain]) for domain in DOMAINS)
        progress = PROGRESS[trend]
        for goal in s.goals:
            if goal.added_us < held_us and (goal.closed_us is None or goal.closed_us > held_us):
                chosen = rng.choices(*zip(*progress, strict=True))[0]
                add[GoalProgress].append((pk, goal.id, chosen, ""))
        payload = {"review_id": pk, "kind": kind, "decision": decision, "on_time": held <= due,
                   "due_date": due.isoformat(), "held_on": held.isoformat(),
                   "target_group": s.target_group, "added_value": added_value,
                   "proportional": proportional, "zrm": dict(zrm)}  # fmt: skip
        self._change(s, held_us, "review_held", s.regisseur, payload, "create", "review", pk)
        if decision == "continue" and rng.random() < 0.02:
            self._correct(s, pk, kind, held, held_us, due, zrm, next_date)
        return pk

    def _correct(self, s: CaseStory, review: int, kind: str, held: date, held_us: int, due: date,
                 zrm: dict[str, int], next_date: date | None) -> None:  # fmt: skip
        """A correction of a review the same day: a new review naming the old one."""
        pk, when = self._id(Review), held_us + HOUR
        fixed = dict(zrm)
        domain = self.rng.choice(DOMAINS)
        fixed[domain] = 1 + fixed[domain] % 5
        self.rows[Review].append((pk, s.case, kind, due, held, s.regisseur, at(when), "ja",
                                  MOTIVATION, "ja", MOTIVATION, "continue", next_date, review,
                                  "Score op één leefgebied verkeerd ingevuld.", None))  # fmt: skip
        self.rows[ReviewScore].extend((pk, d, fixed[d]) for d in DOMAINS)
        payload = {"review_id": pk, "corrects_id": review, "decision": "continue",
                   "on_time": held <= due, "zrm": fixed}  # fmt: skip
        self._change(s, when, "review_corrected", s.regisseur, payload, "create", "review", pk,
                     {"corrects": review})  # fmt: skip

    def _change(self, s: CaseStory, us: int, type_: str, actor: int, payload: dict, audit: str,
                object_type: str, object_id: int, detail: dict | None = None) -> None:  # fmt: skip
        """``regie.cases.services.base.record``: the event and the audit row of one change."""
        self.trail.event(us, type_, actor, s.person, payload, case=s.case, nomination=s.nomination)
        self.trail.audit(us, actor, audit, object_type, object_id, s.person,
                         {"case": s.case, **(detail or {})})  # fmt: skip

    def _decider(self, regisseur: int) -> int:
        while True:
            user = self.rng.choice(self.deciders)
            if user != regisseur:
                return user

    def _outflow(self, s: CaseStory, review: int, held_us: int, reason: str,
                 *, returned: bool) -> tuple[int, int] | None:  # fmt: skip
        """Propose the outflow; return it, confirm it (at ``s.end_us``) or leave it pending.
        Returns (confirmation moment, outflow id) when confirmed."""
        rng, now = self.rng, self.scale.now_us
        pk = self._id(Outflow)
        text = "Persoon is naar het buitenland vertrokken." if reason == "anders" else ""
        care = "Lichte begeleiding door het wijkteam."
        self._change(s, held_us, "outflow_proposed", s.regisseur,
                     {"outflow_id": pk, "review_id": review, "reason": reason,
                      "target_group": s.target_group}, "create", "outflow", pk)  # fmt: skip
        decider = self._decider(s.regisseur)
        if returned:
            decided = min(held_us + rng.randint(1, 10) * DAY, now - HOUR)
            self.rows[Outflow].append((pk, s.case, review, reason, text, care, "teruggestuurd",
                                       s.regisseur, at(held_us), decider, at(decided),
                                       "Eerst de afspraken over dagbesteding afronden.", None,
                                       None))  # fmt: skip
            self._change(s, decided, "outflow_returned", decider,
                         {"outflow_id": pk, "reason": reason}, "change", "outflow", pk,
                         {"status": "teruggestuurd"})  # fmt: skip
            return None
        if s.end_us is None or s.status == "uitstroom_voorbereid":
            self.rows[Outflow].append((pk, s.case, review, reason, text, care, "voorgesteld",
                                       s.regisseur, at(held_us), None, None, "", None, None))  # fmt: skip
            if rng.random() < 0.3 and reason != "overleden":
                self._handover(s, pk, held_us, confirmed_us=None)
            return None
        decided = max(s.end_us, held_us + HOUR)
        outflow_date = day_of(decided)
        self.rows[Outflow].append((pk, s.case, review, reason, text, care, "bevestigd",
                                   s.regisseur, at(held_us), decider, at(decided), "",
                                   outflow_date, follow_up_due(outflow_date)))  # fmt: skip
        self._change(s, decided, "outflow_confirmed", decider,
                     {"outflow_id": pk, "reason": reason, "target_group": s.target_group,
                      "origin": "nieuw", "duration_days": (outflow_date - day_of(s.start_us)).days,
                      "proposed_by_id": s.regisseur}, "change", "outflow", pk,
                     {"status": "bevestigd"})  # fmt: skip
        if reason != "overleden" and rng.random() < 0.7:
            self._handover(s, pk, held_us, confirmed_us=decided)
        return decided, pk

    def _handover(self, s: CaseStory, outflow: int, proposed_us: int,
                  confirmed_us: int | None) -> None:  # fmt: skip
        """A warm handover recorded once the outflow is under way: carried out (recorded
        afterwards, or planned first and completed later), confirmed by a user of the receiving
        organisation — or still waiting for that — or planned in the future."""
        rng, now = self.rng, self.scale.now_us
        pk, org = self._id(Handover), rng.choice(self.receivers)
        base = confirmed_us or proposed_us
        handover_us = base + rng.randint(-3, 25) * DAY
        handover_us = max(handover_us, proposed_us + HOUR)
        recorded_us = proposed_us + rng.randint(1, 3) * HOUR
        planned_first = handover_us > now or rng.random() < 0.4
        # ``handover_record`` calls a handover dated today or earlier carried out.
        planned_first = planned_first and day_of(handover_us) > day_of(recorded_us)
        if not planned_first:
            recorded_us = max(recorded_us, handover_us)
        if recorded_us >= now:
            return
        handover_day = day_of(handover_us)
        done = handover_us <= now - HOUR
        status = "overgedragen" if done else "gepland"
        confirmer, confirmed_at = None, None
        confirm_us = handover_us + rng.randint(1, 20) * DAY
        if done and confirm_us < now and rng.random() < 0.65:
            status = "bevestigd"
            confirmer, confirmed_at = rng.choice(self.staff.partners[org]), confirm_us
        self.rows[Handover].append((pk, s.case, outflow, org, "M. de Vries", "020 555 0100",
                                    "Lopende afspraken en het plan van aanpak.", handover_day,
                                    status, s.regisseur, at(recorded_us),
                                    handover_day if done else None, confirmer,
                                    at(confirmed_at) if confirmed_at else None))  # fmt: skip
        self._change(s, recorded_us, "handover_recorded", s.regisseur,
                     {"handover_id": pk, "outflow_id": outflow, "receiving_organisation_id": org,
                      "handover_date": handover_day.isoformat(),
                      "status": "gepland" if planned_first else "overgedragen"},
                     "create", "handover", pk, {"organisation": org})  # fmt: skip
        if planned_first and done:
            self._change(s, max(handover_us, recorded_us + HOUR), "handover_completed",
                         s.regisseur, {"handover_id": pk, "receiving_organisation_id": org,
                                       "handed_over_on": handover_day.isoformat()},
                         "change", "handover", pk, {"status": "overgedragen"})  # fmt: skip
        if confirmed_at is not None and confirmer is not None:
            self._change(s, confirmed_at, "handover_confirmed", confirmer,
                         {"handover_id": pk, "receiving_organisation_id": org,
                          "days_to_confirm": (day_of(confirmed_at) - handover_day).days},
                         "change", "handover", pk, {"status": "bevestigd"})  # fmt: skip

    def _after(self, s: CaseStory, outflow: int, outflow_us: int, reason: str) -> tuple[str, int]:
        """The follow-up "nog in beeld?" once due, and closing the case after it (a deceased
        person's case closes without one). Returns the case status and its version raises."""
        rng, now = self.rng, self.scale.now_us
        outflow_date = day_of(outflow_us)
        in_view: bool | None = None
        checked_us = None
        if reason != "overleden":
            due = follow_up_due(outflow_date)
            checked_us = us_of(date.fromordinal(due.toordinal() + rng.randint(0, 30)), rng)
            if checked_us >= now or (s.status != "afgesloten" and rng.random() < 0.15):
                return "uitgestroomd", 1
            in_view = rng.random() < 0.7
            pk = self._id(FollowUp)
            checked = day_of(checked_us)
            self.rows[FollowUp].append((pk, outflow, in_view,
                                        "In beeld bij het wijkteam." if in_view else "",
                                        checked, s.regisseur, at(checked_us)))  # fmt: skip
            self._change(s, checked_us, "follow_up_recorded", s.regisseur,
                         {"outflow_id": outflow, "in_view": in_view, "reason": reason,
                          "days_after_outflow": (checked - outflow_date).days},
                         "create", "follow_up", pk)  # fmt: skip
        if s.status != "afgesloten":
            return "uitgestroomd", 1
        closed_us = (checked_us or outflow_us) + rng.randint(1, 10) * DAY
        if closed_us >= now:
            return "uitgestroomd", 1
        self._change(s, closed_us, "case_closed", s.regisseur,
                     {"outflow_id": outflow, "reason": reason, "in_view": in_view},
                     "change", "case", s.case, {"status": "afgesloten"})  # fmt: skip
        return "afgesloten", 2
