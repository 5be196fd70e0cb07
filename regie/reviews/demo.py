"""Synthetic reviews, outflows and handovers for the demo region (DESIGN.md §11): reviews over
several years, outflows for every reason, handovers in every state, follow-ups, closed cases, a
re-entry, and a cohort from the former approaches in transition. Idempotent: persons who already
have a case are left alone, existing cases are reviewed only once, and the persons chosen do not
depend on earlier runs.

Everything goes through the services. Services act on *today*, so afterwards the demo moves the
dates of the history it made (outflow and confirmation dates, follow-ups, handovers and their
events) back to when they happened — the held reviews themselves carry their own dates and are
never changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Organisation, OrganisationType, User
from regie.cases import services as case_services
from regie.cases.demo import PLANS
from regie.cases.models import Case, CaseOrigin, CaseStatus, Goal, ParticipantRole
from regie.cases.selectors import CURRENT_GOAL_STATUSES
from regie.core.domain import LifeDomain, TargetGroup
from regie.criteria.dates import months_after
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination
from regie.nominations.services import nomination_save_draft, nomination_submit
from regie.persons.models import Person
from regie.reviews import services
from regie.reviews.config import cadence_months, follow_up_due
from regie.reviews.models import (
    Answer,
    Decision,
    FollowUp,
    Handover,
    Outflow,
    OutflowReason,
    Progress,
    Review,
)
from regie.reviews.services.outflow import may_close
from regie.reviews.services.transition import transition_open

LEGACY_SIZE = 10
HISTORY_SIZE = 20
CARE = [
    "Ambulante verslavingszorg en begeleiding bij werk.",
    "Schuldhulp via de gemeente; wijkteam blijft betrokken.",
    "Reclasseringstoezicht loopt door; verder geen zorg nodig.",
    "Begeleid wonen en de huisarts houden contact.",
]


@dataclass
class _Demo:
    seed: int
    rng: random.Random
    today: date
    chair: User
    teamlead: User
    regisseurs: list[User]
    receivers: list[Organisation]
    partners: list[Organisation]
    police: User | None
    receiver: User | None


def build_demo(*, seed: int) -> None:
    """Review the demo cases, add a history of outflows and a transition cohort, and scan for
    drift. Needs the demo accounts (``voorzitter``, ``teamleider``); without them nothing."""
    chair = User.objects.filter(username="voorzitter").first()
    teamlead = User.objects.filter(username="teamleider").first()
    regisseurs = list(
        User.objects.filter(role_assignments__role="regisseur", is_active=True).order_by("pk")
    )
    if chair is None or teamlead is None or not regisseurs:
        return
    orgs = {o.type: o for o in Organisation.objects.filter(is_active=True).order_by("-pk")}
    demo = _Demo(
        seed=seed,
        rng=random.Random(seed),
        today=timezone.localdate(),
        chair=chair,
        teamlead=teamlead,
        regisseurs=regisseurs,
        receivers=[
            o
            for t in (
                OrganisationType.FORENSISCHE_ZORG,
                OrganisationType.GEMEENTE,
                OrganisationType.RECLASSERING,
                OrganisationType.JEUGDBESCHERMING,
            )
            if (o := orgs.get(t)) is not None
        ],
        partners=[o for t in ("politie", "reclassering") if (o := orgs.get(t)) is not None],
        police=User.objects.filter(username="politie").first(),
        receiver=User.objects.filter(username="reclassering").first(),
    )
    for case in Case.objects.filter(status=CaseStatus.ACTIVE, reviews__isnull=True).order_by("pk"):
        with transaction.atomic():
            _review_until_today(demo, case)
    candidates = list(_candidates())
    for index, person in enumerate(candidates[:LEGACY_SIZE]):
        if not person.cases.exists():
            with transaction.atomic():
                _transition(demo, person, index)
    for index, person in enumerate(candidates[LEGACY_SIZE : LEGACY_SIZE + HISTORY_SIZE]):
        if not person.cases.exists():
            with transaction.atomic():
                _history(demo, person, index)
    services.review_flags_scan(on_date=demo.today, trigger="demo")


def _candidates() -> list[Person]:
    """Persons never nominated (a re-entry nomination made here does not count), newest first:
    the cases demo takes the oldest when nobody was admitted."""
    first_nominations = Nomination.objects.filter(previous_case_id__isnull=True)
    return list(
        Person.objects.filter(merged_into__isnull=True)
        .exclude(pk__in=first_nominations.values("person_id"))
        .order_by("-pk")
    )


def _scores(rng: random.Random, level: int) -> dict[str, int]:
    return {d.value: max(1, min(5, level + rng.choice((-1, 0, 0, 1)))) for d in LifeDomain}


def _hold(
    demo: _Demo,
    case: Case,
    held_on: date,
    level: int,
    *,
    decision: str = Decision.CONTINUE,
    reason: str = "",
) -> Review:
    case.refresh_from_db()
    goals = Goal.objects.filter(plan_id=case.pk, status__in=CURRENT_GOAL_STATUSES)
    progress = [
        Progress.WORSE,
        Progress.NONE,
        Progress.LIMITED,
        Progress.ON_TRACK,
        Progress.REACHED,
    ]
    negative = reason in (OutflowReason.NO_ADDED_VALUE, OutflowReason.NOT_PROPORTIONAL)
    content = services.ReviewContent(
        held_on=held_on,
        scores=_scores(demo.rng, level),
        progress={g.pk: (progress[min(level, 4)], "") for g in goals},
        added_value=Answer.NO if negative else Answer.YES,
        added_value_motivation="Besproken in het casusoverleg met alle partners.",
        proportional=Answer.NO if reason == OutflowReason.NOT_PROPORTIONAL else Answer.YES,
        proportionality_motivation="De inzet is afgewogen tegen de problemen op de leefgebieden.",
        next_review_date=months_after(held_on, cadence_months(case.target_group))
        if decision == Decision.CONTINUE
        else None,
    )
    return services.review_hold(
        actor=case.regisseur,
        case=case,
        seen_version=case.version,
        content=content,
        decision=decision,
        outflow_reason=reason,
        outflow_reason_text="Persoon wil zelf verder zonder regie." if reason == "anders" else "",
        care_needed=demo.rng.choice(CARE) if decision == Decision.OUTFLOW else "",
    )


def _review_until_today(demo: _Demo, case: Case, *, until: date | None = None) -> date | None:
    """Hold every review that fell due before ``until`` (default: two weeks ago), a few days
    early or late, with slowly improving scores; returns the last review date."""
    stop = until or demo.today - timedelta(days=14)
    due, level, last = case.next_review_date, 2, None
    while due < stop:
        held = due + timedelta(days=demo.rng.choice((-10, -5, -2, 0, 0, 4, 15)))
        held = min(max(held, last or case.start_date), demo.today)
        last = _hold(demo, case, held, level).held_on
        case.refresh_from_db()
        due, level = case.next_review_date, min(level + demo.rng.choice((0, 1)), 4)
    _date_reviews(case)
    return last


def _open(demo: _Demo, person: Person, index: int, start: date) -> Case:
    group = [TargetGroup.ADULT_VIOLENCE, TargetGroup.YOUTH, TargetGroup.DOORGROEIERS][index % 3]
    regisseur = demo.regisseurs[index % len(demo.regisseurs)]
    case = case_services.case_open(
        actor=demo.chair,
        person=person,
        target_group=group,
        regisseur=regisseur,
        start_date=start,
        first_review_date=months_after(start, cadence_months(group)),
    )
    for offset, domain in enumerate(demo.rng.sample(list(PLANS), k=2)):
        description, indicator, primary, alternative, _ = PLANS[domain]
        case.plan.refresh_from_db()
        case_services.goal_add(
            actor=regisseur,
            case=case,
            domain=domain,
            description=description,
            indicator=indicator,
            target_date=start + timedelta(days=365 + 30 * offset),
            primary_scenario=primary,
            alternative_scenarios=[alternative],
            seen_version=case.plan.version,
        )
    return case


def _history(demo: _Demo, person: Person, index: int) -> None:
    """A case started years ago and reviewed on its cadence. The first sixteen leave: every
    outflow reason twice, eight of them long ago (follow-up and closing when their time came)
    and eight recently; two recent proposals still wait for the second person. The rest
    continue."""
    rng, today, reasons = demo.rng, demo.today, OutflowReason.values
    case = _open(demo, person, index, today - timedelta(days=rng.randint(500, 1800)))
    if index >= 2 * len(reasons):
        _review_until_today(demo, case)
        return
    recent = index >= len(reasons)
    ends = today - timedelta(days=rng.randint(3, 10) if recent else rng.randint(200, 400))
    held = _review_until_today(demo, case, until=ends) or case.start_date
    reason = reasons[index % len(reasons)]
    outflow = _hold(
        demo, case, max(held, ends), 4, decision=Decision.OUTFLOW, reason=reason
    ).outflow
    _date_events(case, EventType.OUTFLOW_PROPOSED, outflow.review.held_on)
    if recent and index % 5 == 4:
        return  # waits for the second person
    case.refresh_from_db()
    services.outflow_confirm(
        actor=demo.chair if index % 2 else demo.teamlead,
        outflow=outflow,
        seen_version=case.version,
        care_needed=outflow.care_needed,
    )
    confirmed = min(outflow.review.held_on + timedelta(days=rng.randint(2, 10)), today)
    _backdate_outflow(outflow, confirmed)
    outflow.refresh_from_db()
    if reason != OutflowReason.DECEASED:
        _handover(demo, case, outflow, state=2 if recent and index % 2 == 0 else index % 2)
    due, closed_on = outflow.follow_up_due, confirmed
    if due is not None and due <= today and index % 3:
        closed_on = due
        follow_up = services.follow_up_record(
            actor=case.regisseur,
            outflow=outflow,
            in_view=index % 4 != 1,
            note="Contact gehad met de ontvangende organisatie.",
        )
        FollowUp.objects.filter(pk=follow_up.pk).update(checked_on=due)
        _date_events(case, EventType.FOLLOW_UP_RECORDED, due)
    case.refresh_from_db()
    outflow.refresh_from_db()
    if may_close(case, outflow) and (reason == OutflowReason.DECEASED or index % 2):
        services.case_close(actor=case.regisseur, case=case, seen_version=case.version)
        _date_events(case, EventType.CASE_CLOSED, closed_on)
    if index == 0 and demo.police is not None:
        _renominate(demo, person)


def _handover(demo: _Demo, case: Case, outflow: Outflow, *, state: int) -> None:
    """``state`` 0: confirmed by the receiver; 1: taken place, not confirmed (chased);
    2: planned."""
    assert outflow.outflow_date is not None
    receiver = demo.receiver if state == 0 else None
    organisation = (
        receiver.organisation
        if receiver is not None and receiver.organisation is not None
        else demo.receivers[(case.pk + state) % len(demo.receivers)]
    )
    when = demo.today + timedelta(days=10) if state == 2 else outflow.outflow_date
    handover = services.handover_record(
        actor=case.regisseur,
        case=case,
        receiving_organisation=organisation,
        contact_name="Contactpersoon (synthetisch)",
        contact_details="020 000 0000",
        what="Lopende zorg, afspraken uit het plan en de contactgegevens van het netwerk.",
        handover_date=when,
    )
    _date_events(case, EventType.HANDOVER_RECORDED, min(when, demo.today))
    if receiver is not None:
        services.handover_confirm(actor=receiver, handover=handover)
        confirmed = min(when + timedelta(days=3), demo.today)
        Handover.objects.filter(pk=handover.pk).update(confirmed_at=_moment(confirmed))
        _date_events(case, EventType.HANDOVER_CONFIRMED, confirmed)


def _transition(demo: _Demo, person: Person, index: int) -> None:
    """A person from a former approach, moved over; some held their transition review."""
    approach = [CaseOrigin.TOP600, CaseOrigin.VEILIG_ALTERNATIEF, CaseOrigin.DOORGROEIERS][
        index % 3
    ]
    group = {
        CaseOrigin.TOP600: TargetGroup.ADULT_VIOLENCE,
        CaseOrigin.VEILIG_ALTERNATIEF: TargetGroup.YOUTH,
        CaseOrigin.DOORGROEIERS: TargetGroup.DOORGROEIERS,
    }[approach]
    roles = {
        "politie": ParticipantRole.WIJKAGENT,
        "reclassering": ParticipantRole.RECLASSERINGSWERKER,
    }
    case = transition_open(
        actor=demo.teamlead,
        person=person,
        approach=approach,
        target_group=group,
        regisseur=demo.regisseurs[index % len(demo.regisseurs)],
        start_date=demo.today - timedelta(days=demo.rng.randint(400, 2500)),
        partners=[(org, roles[org.type]) for org in demo.partners],
    )
    if index % 2:
        _hold(demo, case, demo.today - timedelta(days=demo.rng.randint(1, 60)), 3)
    _date_reviews(case)


def _renominate(demo: _Demo, person: Person) -> None:
    """Re-entry: the police nominate a person who left; the earlier case is linked."""
    assert demo.police is not None
    draft = nomination_save_draft(
        actor=demo.police,
        person=person,
        proposed_target_group=TargetGroup.ADULT_VIOLENCE,
        reasons="Opnieuw in beeld bij de politie na eerdere uitstroom.",
        concerns={LifeDomain.HOUSING: "Dakloos sinds de zomer."},
    )
    nomination_submit(actor=demo.police, nomination=draft)
    if apps.is_installed("regie.triage"):
        # Triage takes it up like every demo nomination (its demo ran before this one), so a
        # second run of the demo finds nothing new to do.
        from regie.triage.demo import build_demo as triage_demo

        triage_demo(seed=demo.seed)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def _backdate_outflow(outflow: Outflow, day: date) -> None:
    """Demo only: the outflow was confirmed on ``day``, not today."""
    Outflow.objects.filter(pk=outflow.pk).update(
        outflow_date=day,
        follow_up_due=follow_up_due(day),
        decided_at=_moment(day),
        proposed_at=_moment(outflow.review.held_on),
    )
    _date_events(outflow.case, EventType.OUTFLOW_CONFIRMED, day)


def _date_reviews(case: Case) -> None:
    """Demo only: each review's event on the day it was held."""
    for review_id, held_on in Review.objects.filter(case=case).values_list("pk", "held_on"):
        CaseEvent.objects.filter(
            case_id=case.pk, type=EventType.REVIEW_HELD, payload__review_id=review_id
        ).update(occurred_at=_moment(held_on))
    CaseEvent.objects.filter(case_id=case.pk, type=EventType.CASE_OPENED).update(
        occurred_at=_moment(case.start_date)
    )


def _date_events(case: Case, type_: str, day: date) -> None:
    CaseEvent.objects.filter(case_id=case.pk, type=type_).update(occurred_at=_moment(day))
