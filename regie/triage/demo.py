"""Demo data for triage: decide a share of the demo nominations (demo mode only).

Works only on nominations that already exist (the intake demo creates them) and only through the
services, with the demo accounts ``triagist``, ``voorzitter`` and ``regisseur``. Each open
nomination gets a fate from a hash of (seed, id): stays in the queue, taken into triage, proposed
(awaiting the chair), admitted or declined. Admission and decline follow the hard criteria most of
the time; the rest are overrides with a motivation. Letters are spread over every state,
including overdue ones. Dates are then moved back to a plausible moment after submission.

Idempotent: a nomination that already has a decision is left alone, and the steps of one that is
half-way are not repeated.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import cycle

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.core.domain import LifeDomain, PartnerDomain
from regie.events.models import CaseEvent, EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.triage import criteria_port
from regie.triage.letters import letter_mark_sent, letter_postpone
from regie.triage.models import QUESTIONS, Answer, Assessment, Letter, LetterStatus, TriageDecision
from regie.triage.selectors import zrm_scores
from regie.triage.services import (
    assessment_save,
    decision_confirm,
    decision_propose,
    triage_start,
)

# Cumulative shares of the fates of an open nomination.
FATES = ((0.30, "open"), (0.40, "started"), (0.50, "proposed"), (0.80, "decided"), (1.0, "decided"))
LETTER_STATES = ("sent", "to_send", "postponed", "sent", "postponement_ended")
SUBSTANTIATION = {
    1: "Acute problemen; direct ingrijpen nodig volgens de partners.",
    2: "Niet zelfredzaam; hulp is nodig maar komt niet van de grond.",
    3: "Beperkt zelfredzaam; wisselend contact met hulpverlening.",
    4: "Voldoende zelfredzaam; lichte ondersteuning volstaat.",
    5: "Volledig zelfredzaam op dit leefgebied.",
}


def build_demo(*, seed: int) -> None:
    """Decide a share of the demo nominations, with letters in every state. Idempotent."""
    accounts = {
        u.username: u
        for u in User.objects.filter(username__in=("triagist", "voorzitter", "regisseur"))
    }
    if len(accounts) < 3:
        return
    open_nominations = (
        Nomination.objects.filter(
            status__in=(NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE),
            decisions__isnull=True,
        )
        .select_related("person")
        .order_by("pk")
    )
    letter_states = cycle(LETTER_STATES)
    stale_before = timezone.now() - timedelta(days=90)
    for nomination in open_nominations:
        rng = random.Random(f"{seed}:{nomination.pk}")
        draw = rng.random()
        fate = next(name for share, name in FATES if draw < share)
        if nomination.submitted_at and nomination.submitted_at < stale_before:
            # Triage takes weeks, not years: old demo nominations are decided.
            fate = "decided"
        if fate == "open":
            continue
        with transaction.atomic():
            _advance(nomination, fate, rng, accounts, letter_states)


def _advance(
    nomination: Nomination,
    fate: str,
    rng: random.Random,
    accounts: dict[str, User],
    letter_states: cycle[str],
) -> None:
    triagist, chair, regisseur = accounts["triagist"], accounts["voorzitter"], accounts["regisseur"]
    if nomination.status == NominationStatus.SUBMITTED:
        nomination = triage_start(actor=triagist, nomination=nomination)
    if not Assessment.objects.filter(nomination=nomination).exists():
        _assess(nomination, triagist, rng, complete=fate != "started")
    if fate == "started":
        return
    decision = _propose(nomination, triagist, regisseur, rng)
    decided_at = _decision_moment(nomination, rng)
    if fate == "decided":
        decision = decision_confirm(actor=chair, decision=decision)
        letter = Letter.objects.filter(decision=decision).first()
        if letter is not None:
            if decided_at > timezone.now() - timedelta(days=60):
                _letter_state(letter, next(letter_states), triagist, decided_at)
            else:
                _letter_sent_long_ago(letter, triagist, decided_at)
    _backdate(nomination, decision, decided_at)


def _assess(nomination: Nomination, triagist: User, rng: random.Random, *, complete: bool) -> None:
    domains = list(LifeDomain) if complete else list(LifeDomain)[:4]
    scores: dict[str, tuple[int | None, str]] = {}
    for domain in domains:
        score = rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 3, 2, 1))[0]
        scores[domain.value] = (score, SUBSTANTIATION[score])
    answers = {
        q: (Answer.YES if rng.random() < 0.8 else Answer.NO, "Besproken in het triageoverleg.")
        for q in (QUESTIONS if complete else list(QUESTIONS)[:1])
    }
    partner_domains = [d.value for d in PartnerDomain if rng.random() < 0.7] if complete else None
    assessment_save(
        actor=triagist,
        nomination=nomination,
        scores=scores,
        answers=answers,
        partner_domains=partner_domains,
    )


def _propose(
    nomination: Nomination, triagist: User, regisseur: User, rng: random.Random
) -> TriageDecision:
    assessment = Assessment.objects.get(nomination=nomination)
    snapshot = criteria_port.evaluate_for_triage(
        person=nomination.person,
        target_group=nomination.proposed_target_group,
        on_date=timezone.localdate(),
        zrm_scores=zrm_scores(assessment),
        partner_domains=assessment.partner_domains,
    )
    admit_share = {"met": 0.9, "not_met": 0.2}.get(snapshot.get("hard_criteria", ""), 0.65)
    if rng.random() < admit_share:
        return decision_propose(
            actor=triagist,
            nomination=nomination,
            kind=NominationOutcome.ADMITTED,
            motivation="Problemen op meerdere leefgebieden; partners kunnen het alleen niet oplossen.",
            target_group=nomination.proposed_target_group,
            regisseur=regisseur,
            first_review_date=timezone.localdate() + timedelta(days=rng.choice((60, 90, 180))),
            override_motivation="Ernst en samenhang van de zorgen wegen zwaarder dan de telling.",
        )
    return decision_propose(
        actor=triagist,
        nomination=nomination,
        kind=NominationOutcome.DECLINED,
        motivation="Een lichtere aanpak volstaat; de zorgen liggen op één leefgebied.",
        reason="Geen problemen op twee of meer leefgebieden die regie vragen.",
        referral_advice=rng.choice(("Wijkteam", "Reclassering (toezicht)", "Jeugdbescherming")),
        override_motivation="Lopend reclasseringstoezicht dekt de leefgebieden al af.",
    )


def _decision_moment(nomination: Nomination, rng: random.Random) -> datetime:
    now = timezone.now()
    start = nomination.submitted_at or now
    return min(start + timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 8)), now)


def _letter_sent_long_ago(letter: Letter, triagist: User, decided_at: datetime) -> None:
    """Letters of decisions older than two months went out long ago. Their PDF is rendered on
    first download (``letter_generate_pdf`` stores it then), which keeps ``regie demo`` quick."""
    sent_at = min(decided_at + timedelta(days=7), timezone.now())
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.SENT, sent_at=sent_at)
    event_record(
        type=EventType.LETTER_SENT,
        actor=triagist,
        person=letter.person,
        case_id=letter.case_id,
        nomination_id=letter.nomination_id,
        payload={"letter": letter.pk, "to_parents": letter.to_parents},
        occurred_at=sent_at,
    )


def _letter_state(letter: Letter, state: str, triagist: User, decided_at: datetime) -> None:
    if state == "sent":
        letter_mark_sent(actor=triagist, letter=letter)
        Letter.objects.filter(pk=letter.pk).update(
            sent_at=min(decided_at + timedelta(days=7), timezone.now())
        )
    elif state in ("postponed", "postponement_ended"):
        until = timezone.localdate() + timedelta(days=30)
        letter_postpone(
            actor=triagist,
            letter=letter,
            ground="Informeren zou het lopende strafrechtelijk onderzoek schaden (advies OM).",
            until=until,
        )
        if state == "postponement_ended":
            ended = timezone.localdate(decided_at) + timedelta(days=30)
            Letter.objects.filter(pk=letter.pk).update(
                postponed_until=min(ended, timezone.localdate() - timedelta(days=1))
            )


def _backdate(nomination: Nomination, decision: TriageDecision, decided_at: datetime) -> None:
    """Move the demo's dates back to when the work would have happened."""
    proposed_at = decided_at - timedelta(days=1)
    TriageDecision.objects.filter(pk=decision.pk).update(
        proposed_at=proposed_at,
        first_review_date=(
            decision.first_review_date and timezone.localdate(decided_at) + timedelta(days=90)
        ),
    )
    CaseEvent.objects.filter(nomination_id=nomination.pk, type=EventType.TRIAGE_STARTED).update(
        occurred_at=proposed_at - timedelta(days=2)
    )
    CaseEvent.objects.filter(nomination_id=nomination.pk, type=EventType.DECISION_PROPOSED).update(
        occurred_at=proposed_at
    )
    if decision.confirmed_at is None:
        return
    TriageDecision.objects.filter(pk=decision.pk).update(confirmed_at=decided_at)
    Nomination.objects.filter(pk=nomination.pk).update(decided_at=decided_at)
    Letter.objects.filter(decision=decision).update(created_at=decided_at)
    CaseEvent.objects.filter(
        nomination_id=nomination.pk,
        type__in=(EventType.DECISION_CONFIRMED, EventType.LETTER_SENT, EventType.LETTER_POSTPONED),
    ).update(occurred_at=decided_at)
