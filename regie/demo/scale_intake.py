"""Scale generator, stage 2: nominations in every state, triage assessments with ZRM scores, and
four-eyes decisions with the criteria evaluation frozen as the triage service freezes it (the
real criteria engine, run on the generated facts), plus the admission letters."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from regie.cases.models import Case
from regie.core.domain import LifeDomain
from regie.criteria.engine import evaluate_document
from regie.criteria.evaluation import set_ref
from regie.criteria.facts import Fact, Facts, Inputs
from regie.criteria.selectors import criteria_set_latest_concept
from regie.criteria.snapshot import evaluation_to_json
from regie.demo.bulk import Bulk
from regie.demo.scale_base import DAY, HOUR, Scale, Staff, Trail, at, day_of
from regie.demo.scale_people import PersonPlan
from regie.nominations.models import Nomination, NominationConcern
from regie.triage.models import Assessment, AssessmentScore, Letter, TriageDecision

NOMINATORS = {
    "jeugd": ("politie", "jeugdbescherming", "stadsdeel"),
    "volwassenen": ("reclassering", "politie", "forensische_zorg"),
    "doorgroeiers": ("politie", "om", "reclassering"),
}
CONCERNS = {
    LifeDomain.HOUSING: "Slaapt afwisselend bij vrienden, geen vaste woonplek.",
    LifeDomain.DAYTIME: "Geen opleiding of werk; veel tijd op straat.",
    LifeDomain.FINANCES: "Oplopende schulden, incassotrajecten.",
    LifeDomain.MENTAL_HEALTH: "Signalen van psychische klachten, geen behandeling.",
    LifeDomain.ADDICTION: "Dagelijks middelengebruik.",
    LifeDomain.SOCIAL_NETWORK: "Netwerk bestaat vooral uit leeftijdgenoten in het circuit.",
    LifeDomain.DOMESTIC: "Spanningen thuis, ouders hebben weinig grip.",
}
NOMINATION_FIELDS = (
    "id", "person_id", "nominating_organisation_id", "nominated_by_id", "proposed_target_group",
    "reasons", "urgency", "tried_already", "status", "outcome", "previous_case_id", "created_at",
    "submitted_at", "decided_at", "withdrawn_at",
)  # fmt: skip
DECISION_FIELDS = (
    "id", "nomination_id", "kind", "status", "proposed_by_id", "proposed_at", "confirmed_by_id",
    "confirmed_at", "return_note", "target_group", "regisseur_id", "first_review_date", "reason",
    "referral_advice", "motivation", "hard_criteria", "is_override", "override_motivation",
    "criteria_set_id", "criteria_set_version", "evaluation",
)  # fmt: skip
STATUS = {
    "active": "besloten", "closed": "besloten", "declined": "besloten", "withdrawn": "ingetrokken",
    "concept": "concept", "submitted": "ingediend", "in_triage": "in_triage",
}  # fmt: skip


@dataclass
class Admission:
    """An admitted nomination, handed to the cases stage."""

    person: PersonPlan
    nomination: int
    case: int
    regisseur: int
    chair: int
    confirmed_us: int
    target_group: str
    zrm: dict[str, int] = field(default_factory=dict)  # the triage assessment's ZRM scores


def _snapshot(criteria_set: Any, person: PersonPlan, on_us: int, zrm: dict[str, int]) -> dict:
    """What ``regie.triage.criteria_port.evaluate_for_triage`` returns, from the generated facts."""
    facts = Facts(
        person_id=person.id,
        date_of_birth=person.date_of_birth,
        municipality=person.municipality,
        facts=tuple(Fact(*row) for row in person.facts),
    )
    evaluation = evaluate_document(
        criteria_set.document, set_ref(criteria_set), facts, day_of(on_us), Inputs(zrm_scores=zrm)
    )
    full = evaluation_to_json(evaluation)
    rules = [*full["hard_rules"], *full["exclusion_rules"], full["necessity_rule"]]
    keys = ("id", "label", "outcome", "sentence", "facts")
    return {
        "criteria_set_id": criteria_set.pk,
        "criteria_set_version": str(criteria_set.version),
        "criteria_set_status": criteria_set.status,
        "hard_criteria": full["hard_criteria"],
        "exclusions": [r for r in full["exclusion_rules"] if r["outcome"] == "met"],
        "necessity": full["necessity"],
        "rules": [{k: rule[k] for k in keys} for rule in rules],
        "evaluation": full,
    }


class Intake:
    def __init__(self, scale: Scale, bulk: Bulk, trail: Trail, staff: Staff) -> None:
        self.scale, self.bulk, self.trail, self.staff = scale, bulk, trail, staff
        self.rng = random.Random(scale.seed * 7 + 2)
        self.sets = {g: criteria_set_latest_concept(g) for g in NOMINATORS}
        self.nominations: list[tuple] = []
        self.concerns: list[tuple] = []
        self.assessments: list[tuple] = []
        self.scores: list[tuple] = []
        self.decisions: list[tuple] = []
        self.letters: list[tuple] = []
        self.admissions: list[Admission] = []

    def build(self, persons: list[PersonPlan], progress: Any) -> list[Admission]:
        nominated = [p for p in persons if p.nominated_us is not None]
        ids = iter(self.bulk.ids(Nomination, len(nominated)))
        admitted = sum(p.fate in ("active", "closed") for p in nominated)
        self.case_ids = iter(self.bulk.ids(Case, admitted))
        for person in progress(nominated, desc="voordrachten en triage"):
            self._nomination(person, next(ids))
        b = self.bulk
        b.insert(Nomination, NOMINATION_FIELDS, self.nominations)
        b.insert(NominationConcern, ("id", "nomination_id", "domain", "description"),
                 ((i, *row) for i, row in zip(b.ids(NominationConcern, len(self.concerns)),
                                               self.concerns, strict=True)))  # fmt: skip
        b.insert(Assessment, (
            "id", "nomination_id", "necessity", "necessity_motivation", "added_value",
            "added_value_motivation", "proportionality", "proportionality_motivation",
            "subsidiarity", "subsidiarity_motivation", "updated_by_id", "updated_at"),
            self.assessments)  # fmt: skip
        b.insert(AssessmentScore, ("id", "assessment_id", "domain", "score", "substantiation"),
                 ((i, *row) for i, row in zip(b.ids(AssessmentScore, len(self.scores)),
                                               self.scores, strict=True)))  # fmt: skip
        b.insert(TriageDecision, DECISION_FIELDS, self.decisions)
        b.insert(Letter, (
            "id", "person_id", "nomination_id", "decision_id", "case_id", "kind", "to_parents",
            "status", "postponement_ground", "postponed_until", "sent_at", "pdf", "created_at"),
            self.letters)  # fmt: skip
        return self.admissions

    def _nomination(self, person: PersonPlan, pk: int) -> None:
        rng, staff, trail = self.rng, self.staff, self.trail
        assert person.nominated_us is not None
        org = staff.orgs[rng.choice(NOMINATORS[person.group])][0]
        by = rng.choice(staff.partners[org])
        created = person.nominated_us - rng.randint(0, 3) * DAY
        status = STATUS[person.fate]
        submitted = None if person.fate == "concept" else person.nominated_us
        urgency = rng.choices(("normaal", "hoog", "acuut"), (70, 22, 8))[0]
        domains = sorted(rng.sample(sorted(CONCERNS), rng.randint(2, 5)))
        self.concerns += [(pk, d, CONCERNS[d]) for d in domains]
        if submitted is not None:
            trail.event(submitted, "nomination_submitted", by, person.id,
                        {"target_group": person.group, "urgency": urgency, "organisation_id": org,
                         "domains": domains, "previous_case_id": None}, nomination=pk)  # fmt: skip
        outcome, decided, withdrawn = "", None, None
        if person.fate == "withdrawn":
            withdrawn = person.nominated_us + rng.randint(1, 10) * DAY
            trail.event(withdrawn, "nomination_withdrawn", by, person.id,
                        {"from_status": "ingediend"}, nomination=pk)  # fmt: skip
        elif person.fate not in ("concept", "submitted"):
            decided = self._triage(person, pk, urgency)
            outcome = "" if decided is None else (
                "afgewezen" if person.fate == "declined" else "toegelaten")  # fmt: skip
        self.nominations.append((
            pk, person.id, org, by, person.group,
            "Herhaalde incidenten en zorgen op meerdere leefgebieden.", urgency,
            "Jeugdreclassering en schuldhulp zijn eerder ingezet zonder blijvend effect.",
            status, outcome, None, at(created), at(submitted) if submitted else None,
            at(decided) if decided else None, at(withdrawn) if withdrawn else None,
        ))  # fmt: skip

    def _triage(self, person: PersonPlan, nomination: int, urgency: str) -> int | None:
        """Assessment and decision; returns when the decision was confirmed (None if pending)."""
        rng, staff, trail = self.rng, self.staff, self.trail
        assert person.nominated_us is not None
        triagist = rng.choice(staff.triage)
        started = person.nominated_us + rng.randint(1, 5 if urgency != "normaal" else 14) * DAY
        started = min(started, self.scale.now_us - HOUR)
        trail.event(started, "triage_started", triagist, person.id, {}, nomination=nomination)
        trail.audit(started, triagist, "change", "nomination", nomination, person.id,
                    {"status": "in_triage"})  # fmt: skip
        admitted = person.fate in ("active", "closed")
        low = 1 if admitted else 2
        zrm = {d: rng.randint(low, low + 2) for d in LifeDomain.values}
        assessment = self.bulk.ids(Assessment, 1)[0]
        answer = "ja" if admitted else rng.choice(("ja", "nee"))
        self.assessments.append((assessment, nomination, "ja", "Problemen op meerdere leefgebieden.",
                                 answer, "Partners lopen vast zonder regie.", "ja",
                                 "Inbreuk staat in verhouding tot de risico's.", answer,
                                 "Lichtere aanpak is geprobeerd.", triagist, at(started)))  # fmt: skip
        self.scores += [(assessment, d, s, "") for d, s in zrm.items()]
        trail.audit(started, triagist, "create", "assessment", assessment, person.id,
                    {"nomination": nomination})  # fmt: skip
        if person.fate == "in_triage" and rng.random() < 0.6:
            return None
        proposed = min(started + rng.randint(3, 25) * DAY, self.scale.now_us - HOUR)
        snapshot = _snapshot(self.sets[person.group], person, proposed, zrm)
        hard = snapshot["hard_criteria"]
        kind = "toegelaten" if admitted else "afgewezen"
        override = (admitted and hard == "not_met") or (not admitted and hard == "met")
        decision = self.bulk.ids(TriageDecision, 1)[0]
        payload = {"decision": decision, "outcome": kind, "target_group": person.group,
                   "hard_criteria": hard, "is_override": override,
                   "criteria_set_id": snapshot["criteria_set_id"],
                   "criteria_set_version": snapshot["criteria_set_version"]}  # fmt: skip
        trail.event(proposed, "decision_proposed", triagist, person.id, payload,
                    nomination=nomination)  # fmt: skip
        trail.audit(proposed, triagist, "create", "triage_decision", decision, person.id,
                    {"nomination": nomination, "kind": kind})  # fmt: skip
        pending = person.fate == "in_triage"
        chair = rng.choice(staff.chairs)
        confirmed = None if pending else min(proposed + rng.randint(1, 7) * DAY,
                                             self.scale.now_us - HOUR)  # fmt: skip
        regisseur = rng.choice(staff.regisseurs) if admitted else None
        self.decisions.append((
            decision, nomination, kind, "voorgesteld" if pending else "bevestigd", triagist,
            at(proposed), None if pending else chair, at(confirmed) if confirmed else None, "",
            person.group if admitted else "", regisseur,
            day_of(proposed) + timedelta(days=90) if admitted else None,
            "" if admitted else "Andere aanpak past beter; criteria onvoldoende onderbouwd.",
            "" if admitted else "Verwijzing naar het lokale zorg- en veiligheidsoverleg.",
            "Besproken in het triageoverleg.", hard, override,
            "Zorgen wegen zwaarder dan de registraties." if override else "",
            snapshot["criteria_set_id"], snapshot["criteria_set_version"], snapshot,
        ))  # fmt: skip
        if confirmed is None:
            return None
        letter = None
        if admitted:
            letter = self._admit(person, nomination, decision, regisseur, chair, confirmed)
            self.admissions[-1].zrm = zrm
        trail.event(confirmed, "decision_confirmed", chair, person.id, {**payload, "letter": letter},
                    nomination=nomination)  # fmt: skip
        trail.audit(confirmed, chair, "change", "triage_decision", decision, person.id,
                    {"nomination": nomination, "status": "bevestigd"})  # fmt: skip
        return confirmed

    def _admit(self, person: PersonPlan, nomination: int, decision: int, regisseur: int | None,
               chair: int, confirmed: int) -> int:  # fmt: skip
        rng, trail = self.rng, self.trail
        case = next(self.case_ids)
        assert regisseur is not None
        self.admissions.append(
            Admission(person, nomination, case, regisseur, chair, confirmed, person.group)
        )
        letter = self.bulk.ids(Letter, 1)[0]
        minor = (day_of(confirmed) - person.date_of_birth).days < 18 * 365
        sent = confirmed + rng.randint(1, 10) * DAY
        recent = confirmed > self.scale.now_us - 45 * DAY  # older postponements have ended
        postponed = (recent and rng.random() < 0.3) or sent > self.scale.now_us
        status = "uitgesteld" if postponed else "verstuurd"
        until = day_of(confirmed) + timedelta(days=30)
        self.letters.append((
            letter, person.id, nomination, decision, case, "toelating", minor, status,
            "Lopend strafrechtelijk onderzoek." if postponed else "", until if postponed else None,
            None if postponed else at(sent), b"", at(confirmed),
        ))  # fmt: skip
        trail.audit(confirmed, chair, "create", "letter", letter, person.id, {"decision": decision})
        if postponed:
            trail.event(confirmed + HOUR, "letter_postponed", chair, person.id,
                        {"letter": letter, "until": until.isoformat()}, case=case,
                        nomination=nomination)  # fmt: skip
        else:
            trail.event(sent, "letter_sent", chair, person.id,
                        {"letter": letter, "to_parents": minor}, case=case,
                        nomination=nomination)  # fmt: skip
            trail.audit(sent, chair, "change", "letter", letter, person.id, {"status": "verstuurd"})
        return letter
