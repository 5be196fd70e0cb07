"""The criteria engine: evaluate a criteria document against a snapshot of one person's facts.

Pure: no database, no clock, no side effects. Everything it needs arrives as plain dataclasses
(``Facts``, ``Inputs``, ``SetRef``) and the validated rule document (``regie/criteria/schema.json``),
so an evaluation is fast, reproducible for any peildatum and easy to test.

Outcomes are three-valued (``Outcome``): a rule is met, not met, or *unknown* when the data to
decide it is missing. ``all`` and ``any`` combine with Kleene's logic, so unknown is never turned
into a silent "not met". The conventions (windows, ages, remaining detention, residence) are
documented in docs/criteria.md and at each rule below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import override

from regie.accounts.models import Municipality
from regie.core.domain import LifeDomain, OffenceCategory
from regie.criteria.dates import age_on, dmy, months_after, years_before
from regie.criteria.facts import Fact, Facts, Inputs, PartnerDomain
from regie.persons.models import FactKind, ResidenceStatus


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"met": "voldaan", "not_met": "niet voldaan", "unknown": "onbekend"}[self.value]


def all_of(outcomes: Iterable[Outcome]) -> Outcome:
    """Kleene AND: one "not met" decides; otherwise one "unknown" makes the whole unknown."""
    values = set(outcomes)
    if Outcome.NOT_MET in values:
        return Outcome.NOT_MET
    return Outcome.UNKNOWN if Outcome.UNKNOWN in values else Outcome.MET


def any_of(outcomes: Iterable[Outcome]) -> Outcome:
    """Kleene OR: one "met" decides; otherwise one "unknown" makes the whole unknown."""
    values = set(outcomes)
    if Outcome.MET in values:
        return Outcome.MET
    return Outcome.UNKNOWN if Outcome.UNKNOWN in values else Outcome.NOT_MET


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome, the facts that counted and a sentence a person can read."""

    id: str
    label: str
    kind: str
    outcome: Outcome
    sentence: str
    facts: tuple[Fact, ...] = ()
    rules: tuple[RuleResult, ...] = ()


# --- Rule kinds -------------------------------------------------------------------------------

ROLE_PHRASES = {
    "verdachte": "als verdachte",
    "veroordeelde": "als veroordeelde",
    "any": "als verdachte of veroordeelde",
}


@cache
def choice_label(choices: type[TextChoices], code: str) -> str:
    """The Dutch label of a code (sentences are Dutch text, frozen into snapshots, whatever
    language a request runs in); an unknown code as it is. Cached: labels never change."""
    try:
        member = choices(code)
    except ValueError:
        return code
    with override("nl"):
        return str(member.label)


def category_label(code: str) -> str:
    return choice_label(OffenceCategory, code).lower()


def domain_label(code: str) -> str:
    return choice_label(LifeDomain, code)


def _amount(n: int, need: int) -> str:
    """ "3 van 3 vereiste" up to the threshold, "5 (ten minste 3 vereist)" beyond it."""
    return f"{n} van {need} vereiste" if n <= need else f"{n} (ten minste {need} vereist)"


def _absent(rule: Mapping[str, Any]) -> Outcome:
    return Outcome(rule.get("absent_means", "not_met"))


def _fits(value: str, wanted: set[str] | None) -> bool | None:
    """Whether a fact's field is one of ``wanted`` (``None`` wants anything); ``None`` when the
    fact leaves the field empty."""
    if wanted is None:
        return True
    return value in wanted if value else None


def _offence_count(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """Registrations whose date lies in the ``window_years`` ending on the peildatum: later than
    the same calendar day ``window_years`` earlier and not after the peildatum. Counted, not
    weighted. A registration in the window without a category or role (where the rule needs
    one) might count: it makes the rule unknown when it could decide the outcome."""
    start = years_before(on, rule["window_years"])
    categories = set(rule["categories"])
    roles = None if rule["role"] == "any" else {rule["role"]}
    counted: list[Fact] = []
    undecided: list[Fact] = []
    for fact in sorted(facts.facts, key=lambda f: (f.date, f.id)):
        if fact.kind != FactKind.OFFENCE or not start < fact.date <= on:
            continue
        fits = (_fits(fact.category, categories), _fits(fact.role, roles))
        if fits == (True, True):
            counted.append(fact)
        elif False not in fits:
            undecided.append(fact)
    n, need = len(counted), rule["min"]
    listed = ", ".join(f"{category_label(f.category)} {dmy(f.date)}" for f in counted) or "geen"
    sentence = (
        f"{_amount(n, need)} registraties {ROLE_PHRASES[rule['role']]} in "
        f"{rule['window_years']} jaar tot en met {dmy(on)} ({listed})"
    )
    if n >= need:
        return _result(rule, Outcome.MET, sentence + ".", tuple(counted))
    if n + len(undecided) >= need:
        sentence += f"; {len(undecided)} registratie(s) zonder delictcategorie of rol"
        return _result(rule, Outcome.UNKNOWN, sentence + ".", tuple(counted + undecided))
    return _result(rule, Outcome.NOT_MET, sentence + ".", tuple(counted))


def _age(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """Age in completed years on the peildatum; ``min_years`` and ``max_years`` are inclusive."""
    low, high = rule.get("min_years"), rule.get("max_years")
    if low is not None and high is not None:
        wanted = f"{low} tot en met {high} jaar"
    elif low is not None:
        wanted = f"{low} jaar of ouder"
    else:
        wanted = f"{high} jaar of jonger"
    if facts.date_of_birth is None:
        return _result(rule, Outcome.UNKNOWN, f"Geboortedatum onbekend; vereist: {wanted}.")
    age = age_on(facts.date_of_birth, on)
    fits = (low is None or age >= low) and (high is None or age <= high)
    sentence = f"{age} jaar op {dmy(on)}; vereist: {wanted}."
    return _result(rule, Outcome.MET if fits else Outcome.NOT_MET, sentence)


def _detention_remaining(
    rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date
) -> RuleResult:
    """A detention that runs on the peildatum (started on or before it, expected end after it)
    with its expected end later than ``more_than_months`` months after the peildatum. Exactly
    that many months remaining is not "more than". A running detention without an expected end
    is unknown."""
    months = rule["more_than_months"]
    limit = months_after(on, months)
    running = tuple(
        f
        for f in facts.facts
        if f.kind == FactKind.DETENTION and f.date <= on and (f.end_date is None or f.end_date > on)
    )
    if not running:
        return _result(rule, _absent(rule), f"Geen lopende detentie geregistreerd op {dmy(on)}.")
    long = tuple(f for f in running if f.end_date is not None and f.end_date > limit)
    open_ended = tuple(f for f in running if f.end_date is None)
    if long:
        end = max(f.end_date for f in long if f.end_date is not None)
        sentence = (
            f"Lopende detentie tot {dmy(end)}: meer dan {months} maanden na {dmy(on)} "
            f"(grens {dmy(limit)})."
        )
        return _result(rule, Outcome.MET, sentence, long)
    if open_ended:
        sentence = (
            f"Lopende detentie sinds {dmy(open_ended[0].date)} zonder verwachte einddatum: "
            "resterende duur onbekend."
        )
        return _result(rule, Outcome.UNKNOWN, sentence, open_ended)
    end = max(f.end_date for f in running if f.end_date is not None)
    sentence = (
        f"Lopende detentie tot {dmy(end)}: niet meer dan {months} maanden na {dmy(on)} "
        f"(grens {dmy(limit)})."
    )
    return _result(rule, Outcome.NOT_MET, sentence, running)


def _latest(facts: Facts, kind: str, on: date) -> Fact | None:
    known = [f for f in facts.facts if f.kind == kind and f.date <= on]
    return max(known, key=lambda f: (f.date, f.id)) if known else None


def _no_lawful_residence(
    rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date
) -> RuleResult:
    """The latest residence status registered on or before the peildatum decides. Without one,
    ``absent_means`` decides (default ``not_met``: lawful residence unless a fact says otherwise)."""
    fact = _latest(facts, FactKind.RESIDENCE, on)
    if fact is None:
        outcome = _absent(rule)
        assumption = "; uitgegaan van rechtmatig verblijf" if outcome == Outcome.NOT_MET else ""
        return _result(rule, outcome, f"Geen verblijfsstatus geregistreerd{assumption}.")
    if fact.residence_status == ResidenceStatus.UNLAWFUL:
        sentence = f"Geen rechtmatig verblijf (geregistreerd {dmy(fact.date)})."
        return _result(rule, Outcome.MET, sentence, (fact,))
    if fact.residence_status == ResidenceStatus.LAWFUL:
        sentence = f"Rechtmatig verblijf (geregistreerd {dmy(fact.date)})."
        return _result(rule, Outcome.NOT_MET, sentence, (fact,))
    sentence = f"Verblijfsstatus geregistreerd op {dmy(fact.date)} zonder inhoud."
    return _result(rule, Outcome.UNKNOWN, sentence, (fact,))


def _deceased(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    fact = _latest(facts, FactKind.DECEASED, on)
    if fact is None:
        return _result(rule, _absent(rule), f"Niet als overleden geregistreerd op {dmy(on)}.")
    return _result(rule, Outcome.MET, f"Overleden op {dmy(fact.date)}.", (fact,))


def _outside_region(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """Outside the region when the person's municipality is 'buiten de regio' or the latest move
    registered on or before the peildatum went there. Unknown when neither tells anything."""
    move = _latest(facts, FactKind.MOVED, on)
    if facts.municipality == Municipality.BUITEN_REGIO:
        return _result(rule, Outcome.MET, "Woongemeente: buiten de regio.")
    if move is not None and move.municipality == Municipality.BUITEN_REGIO:
        sentence = f"Verhuisd naar buiten de regio op {dmy(move.date)}."
        return _result(rule, Outcome.MET, sentence, (move,))
    place = move.municipality if move is not None and move.municipality else facts.municipality
    if not place:
        return _result(rule, Outcome.UNKNOWN, "Woongemeente onbekend.")
    label = choice_label(Municipality, place)
    return _result(rule, Outcome.NOT_MET, f"Woont in de regio ({label}).", (move,) if move else ())


def _other_approach(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """An input flag given by the triagist (``Inputs.other_approach``), not a registered fact."""
    if inputs.other_approach is None:
        sentence = "Niet opgegeven of de persoon al in een andere persoonsgerichte aanpak zit."
        return _result(rule, Outcome.UNKNOWN, sentence)
    if inputs.other_approach:
        sentence = "Volgens de triage al in een andere persoonsgerichte aanpak."
        return _result(rule, Outcome.MET, sentence)
    return _result(rule, Outcome.NOT_MET, "Niet in een andere persoonsgerichte aanpak.")


def _zrm(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """At least ``min_domains`` life domains (of ``domains``, default all 11) scoring
    ``max_score`` or lower. Domains without a score are unknown: the rule is met as soon as
    enough scored domains qualify, not met when even all unscored ones could not make it."""
    need, ceiling = rule["min_domains"], rule["max_score"]
    if inputs.zrm_scores is None:
        return _result(rule, Outcome.UNKNOWN, "ZRM-scores ontbreken.")
    domains = rule.get("domains") or [d.value for d in LifeDomain]
    scores = inputs.zrm_scores
    low = [d for d in domains if (score := scores.get(d)) is not None and score <= ceiling]
    missing = [d for d in domains if scores.get(d) is None]
    n = len(low)
    amount = _amount(n, need)
    listed = ", ".join(f"{domain_label(d)} {inputs.zrm_scores[d]}" for d in low) or "geen"
    sentence = f"{amount} leefgebieden met ZRM-score {ceiling} of lager ({listed})"
    if n >= need:
        outcome = Outcome.MET
    elif n + len(missing) >= need:
        outcome = Outcome.UNKNOWN
        sentence += f"; {len(missing)} leefgebied(en) niet gescoord"
    else:
        outcome = Outcome.NOT_MET
    return _result(rule, outcome, sentence + ".")


def _partner_domains(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """At least ``min_domains`` partner domains (zorg, veiligheid, sociaal) whose effort is needed,
    as the triagist records it (``Inputs.partner_domains``)."""
    need = rule["min_domains"]
    if inputs.partner_domains is None:
        sentence = "Niet vastgelegd welke partnerdomeinen nodig zijn."
        return _result(rule, Outcome.UNKNOWN, sentence)
    chosen = [d for d in PartnerDomain if d.value in inputs.partner_domains]
    n = len(chosen)
    listed = ", ".join(d.label for d in chosen) or "geen"
    amount = _amount(n, need)
    sentence = f"{amount} partnerdomeinen nodig ({listed})."
    return _result(rule, Outcome.MET if n >= need else Outcome.NOT_MET, sentence)


def _combination(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    children = tuple(evaluate_rule(child, facts, inputs, on) for child in rule["rules"])
    combine = all_of if rule["kind"] == "all" else any_of
    outcome = combine(c.outcome for c in children)
    if rule["kind"] == "all":
        deciding = {Outcome.MET: "Alle onderdelen voldaan", Outcome.NOT_MET: "Niet voldaan"}
    else:
        deciding = {Outcome.MET: "Voldaan via", Outcome.NOT_MET: "Geen onderdeel voldaan"}
    if outcome == Outcome.UNKNOWN:
        sentence = "Onbekend door: " + ", ".join(
            c.label for c in children if c.outcome == Outcome.UNKNOWN
        )
    elif (rule["kind"], outcome) in (("all", Outcome.NOT_MET), ("any", Outcome.MET)):
        sentence = f"{deciding[outcome]}: " + ", ".join(
            c.label for c in children if c.outcome == outcome
        )
    else:
        sentence = deciding[outcome]
    return _result(rule, outcome, sentence + ".", rules=children)


def _result(
    rule: Mapping[str, Any],
    outcome: Outcome,
    sentence: str,
    facts: tuple[Fact, ...] = (),
    rules: tuple[RuleResult, ...] = (),
) -> RuleResult:
    return RuleResult(rule["id"], rule["label"], rule["kind"], outcome, sentence, facts, rules)


Evaluator = Callable[[Mapping[str, Any], Facts, Inputs, date], RuleResult]
RULE_KINDS: dict[str, Evaluator] = {
    "offence_count": _offence_count,
    "age": _age,
    "detention_remaining": _detention_remaining,
    "no_lawful_residence": _no_lawful_residence,
    "deceased": _deceased,
    "outside_region": _outside_region,
    "other_approach": _other_approach,
    "zrm": _zrm,
    "partner_domains": _partner_domains,
    "all": _combination,
    "any": _combination,
}


def evaluate_rule(rule: Mapping[str, Any], facts: Facts, inputs: Inputs, on: date) -> RuleResult:
    """Evaluate one (validated) rule, recursively for ``all`` / ``any``."""
    return RULE_KINDS[rule["kind"]](rule, facts, inputs, on)


@dataclass(frozen=True)
class SetRef:
    """Which criteria set was evaluated: enough to find it back and to show its standing."""

    id: int | None
    target_group: str
    version: int
    status: str
    title: str
    note: str
    document_sha256: str

    @property
    def adopted(self) -> bool:
        return self.status == "vastgesteld"


@dataclass(frozen=True)
class Evaluation:
    criteria_set: SetRef
    person_id: int
    on_date: date
    inputs: Inputs
    hard_rules: tuple[RuleResult, ...]
    exclusion_rules: tuple[RuleResult, ...]
    necessity_rule: RuleResult

    @property
    def hard_criteria(self) -> Outcome:
        """All hard rules together (Kleene AND)."""
        return all_of(r.outcome for r in self.hard_rules)

    @property
    def exclusion(self) -> Outcome:
        """Whether any exclusion applies (Kleene OR; no exclusion rules: not met)."""
        return any_of(r.outcome for r in self.exclusion_rules)

    @property
    def necessity(self) -> Outcome:
        return self.necessity_rule.outcome


def evaluate_document(
    document: Mapping[str, Any], set_ref: SetRef, facts: Facts, on: date, inputs: Inputs
) -> Evaluation:
    """Evaluate a whole criteria document: hard rules (all must hold), exclusion rules (any
    applies) and the necessity rule."""
    return Evaluation(
        criteria_set=set_ref,
        person_id=facts.person_id,
        on_date=on,
        inputs=inputs,
        hard_rules=tuple(evaluate_rule(r, facts, inputs, on) for r in document["hard_rules"]),
        exclusion_rules=tuple(
            evaluate_rule(r, facts, inputs, on) for r in document["exclusion_rules"]
        ),
        necessity_rule=evaluate_rule(document["necessity_rule"], facts, inputs, on),
    )
