"""Synthetic nominations for the demo persons of a seed, in every state (DESIGN.md §11).

Run after ``regie.persons.demo.build_demo`` for the same seed. Older nominations are mostly
"in triage" so that the triage demo can decide them with historical dates; recent ones are spread
over concept, ingediend, in triage and ingetrokken. Every transition gets its ``CaseEvent`` at
the moment it happened. Partner organisations without a demo account get a synthetic nominator
account that cannot log in.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Organisation, OrganisationType, User
from regie.accounts.services import user_create
from regie.core.domain import LifeDomain, OffenceCategory, TargetGroup
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination, NominationConcern, NominationStatus, Urgency
from regie.persons.demo import marker
from regie.persons.models import FactKind, JusticeFact, Person

NOMINATING_TYPES: dict[str, int] = {
    OrganisationType.POLITIE: 40,
    OrganisationType.RECLASSERING: 15,
    OrganisationType.GEMEENTE: 10,
    OrganisationType.STADSDEEL: 10,
    OrganisationType.OM: 8,
    OrganisationType.JEUGDBESCHERMING: 7,
    OrganisationType.PI: 5,
    OrganisationType.FORENSISCHE_ZORG: 5,
}
ORGANISED = {
    OffenceCategory.DRUGS,
    OffenceCategory.EXPLOSIEVEN,
    OffenceCategory.UITBUITING,
    OffenceCategory.WAPENBEZIT,
}
REASONS: dict[str, str] = {
    TargetGroup.YOUTH: "Herhaalde registraties in korte tijd; glijdt verder af. Ouders vragen hulp.",
    TargetGroup.DOORGROEIERS: "Signalen van betrokkenheid bij georganiseerde criminaliteit.",
    TargetGroup.ADULT_VIOLENCE: "Herhaald geweld in de openbare ruimte; losse hulp sluit niet aan.",
}
CONCERNS: dict[str, str] = {
    LifeDomain.FINANCES: "Schulden; geen overzicht over inkomsten.",
    LifeDomain.DAYTIME: "Geen school of werk; voortijdig schoolverlaten.",
    LifeDomain.HOUSING: "Geen vaste woonplek; slaapt wisselend bij bekenden.",
    LifeDomain.DOMESTIC: "Spanningen thuis; contact met ouders verbroken.",
    LifeDomain.MENTAL_HEALTH: "Vermoeden van trauma; geen behandeling.",
    LifeDomain.ADDICTION: "Dagelijks cannabisgebruik.",
    LifeDomain.SOCIAL_NETWORK: "Netwerk bestaat vooral uit criminele contacten.",
    LifeDomain.JUSTICE: "Meerdere lopende zaken.",
}
TRIED = "Jeugdhulp en een buurtcoach; contact liep na enkele maanden vast."
RECENT = datetime.timedelta(days=60)


def _group(person: Person, categories: list[str], today: datetime.date) -> str:
    age = (today - person.date_of_birth).days // 365
    if age <= 21:
        return TargetGroup.YOUTH
    organised = sum(c in ORGANISED for c in categories)
    return (
        TargetGroup.DOORGROEIERS if organised * 2 > len(categories) else TargetGroup.ADULT_VIOLENCE
    )


def _status(rng: random.Random, recent: bool) -> str:
    if recent:
        options = (NominationStatus.CONCEPT, NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)
        return rng.choices((*options, NominationStatus.WITHDRAWN), weights=(25, 40, 25, 10))[0]
    return rng.choices(
        (NominationStatus.IN_TRIAGE, NominationStatus.WITHDRAWN, NominationStatus.SUBMITTED),
        weights=(82, 12, 6),
    )[0]


def _nominators() -> list[tuple[User, int]]:
    """One partner account per nominating organisation, with the organisation's weight."""
    found = []
    for org in Organisation.objects.filter(type__in=NOMINATING_TYPES, is_active=True):
        user = (
            User.objects.filter(organisation=org, role_assignments__role="partner")
            .order_by("pk")
            .first()
        )
        if user is None:
            user = user_create(
                actor=None,
                username=f"voordrager-{org.pk}",
                organisation=org,
                roles=("partner",),
                password=None,
                first_name="Synthetische",
                last_name="Voordrager",
            )
        found.append((user, NOMINATING_TYPES[org.type]))
    if not found:
        raise RuntimeError("Bouw eerst de demoregio: er zijn geen partnerorganisaties.")
    return found


def build_demo(*, seed: int, persons: int = 300) -> None:
    """Nominate (most of) the demo persons of ``seed``; does nothing when done before. How many
    persons there are was decided by the persons demo; ``persons`` is accepted for symmetry."""
    demo_persons = list(
        Person.objects.filter(facts__external_key__startswith=marker(seed))
        .distinct()
        .order_by("pk")
    )
    if not demo_persons or Nomination.objects.filter(person__in=demo_persons).exists():
        return
    rng = random.Random(seed * 7919 + 3)
    today = timezone.localdate()
    now = timezone.now()
    triagist = User.objects.filter(role_assignments__role="triage").order_by("pk").first()
    categories: dict[int, list[str]] = {}
    for person_id, category in (
        JusticeFact.objects.filter(person__in=demo_persons, kind=FactKind.OFFENCE)
        .values_list("person_id", "category")
        .order_by("pk")
    ):
        categories.setdefault(person_id, []).append(category)
    with transaction.atomic():
        users, weights = zip(*_nominators(), strict=True)
        nominations, domains = [], []
        for person in demo_persons:
            if rng.random() < 0.12:
                continue  # known from a fact import only, never nominated
            group = _group(person, categories.get(person.pk, []), today)
            created = min(person.created_at + datetime.timedelta(hours=rng.randint(0, 48)), now)
            by = rng.choices(users, weights=weights)[0]
            nominations.append(
                Nomination(
                    person=person,
                    nominating_organisation_id=by.organisation_id,
                    nominated_by=by,
                    proposed_target_group=group,
                    reasons=REASONS[group],
                    urgency=rng.choices(list(Urgency), weights=(70, 25, 5))[0],
                    tried_already=TRIED,
                    status=_status(rng, now - created < RECENT),
                    created_at=created,
                )
            )
            domains.append(sorted(rng.sample(list(CONCERNS), rng.randint(2, 5))))
        _cover_every_state(nominations, now)
        moments = [_moments(rng, n, _path(rng, n), now) for n in nominations]
        created_at = [n.created_at for n in nominations]
        Nomination.objects.bulk_create(nominations, batch_size=1000)
        # auto_now_add replaced the historical creation moments on insert: put them back.
        for nomination, moment in zip(nominations, created_at, strict=True):
            nomination.created_at = moment
        Nomination.objects.bulk_update(nominations, ["created_at"], batch_size=1000)
        NominationConcern.objects.bulk_create(
            [
                NominationConcern(nomination=n, domain=d, description=CONCERNS[d])
                for n, ds in zip(nominations, domains, strict=True)
                for d in ds
            ],
            batch_size=1000,
        )
        CaseEvent.objects.bulk_create(
            [
                event
                for n, m, ds in zip(nominations, moments, domains, strict=True)
                for event in _events(n, m, ds, triagist)
            ],
            batch_size=1000,
        )


def _cover_every_state(nominations: list[Nomination], now: datetime.datetime) -> None:
    """Make sure each partner-side state occurs among the recent nominations."""
    recent = [n for n in nominations if now - n.created_at < RECENT]
    wanted = (
        NominationStatus.CONCEPT,
        NominationStatus.SUBMITTED,
        NominationStatus.IN_TRIAGE,
        NominationStatus.WITHDRAWN,
    )
    for status in wanted:
        counts = Counter(n.status for n in recent)
        if counts[status] == 0 and recent:
            most = counts.most_common(1)[0][0]
            next(n for n in recent if n.status == most).status = status


def _path(rng: random.Random, nomination: Nomination) -> list[str]:
    """The states a nomination went through after concept, ending in its status."""
    status = nomination.status
    if status == NominationStatus.CONCEPT:
        return []
    if status == NominationStatus.SUBMITTED:
        return [NominationStatus.SUBMITTED]
    if status == NominationStatus.IN_TRIAGE:
        return [NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE]
    reached = rng.choices((0, 1, 2), weights=(2, 4, 4))[0]
    return [*(NominationStatus.SUBMITTED, NominationStatus.IN_TRIAGE)[:reached], status]


GAPS_IN_DAYS: dict[str, tuple[int, int]] = {
    NominationStatus.SUBMITTED: (0, 5),
    NominationStatus.IN_TRIAGE: (1, 14),
    NominationStatus.WITHDRAWN: (1, 30),
}


def _moments(
    rng: random.Random, nomination: Nomination, path: list[str], now: datetime.datetime
) -> dict[str, datetime.datetime]:
    """When each state on ``path`` was reached; sets ``submitted_at`` and ``withdrawn_at``."""
    at = nomination.created_at
    moments = {}
    for state in path:
        at = min(at + datetime.timedelta(days=rng.randint(*GAPS_IN_DAYS[state])), now)
        moments[state] = at
    nomination.submitted_at = moments.get(NominationStatus.SUBMITTED)
    nomination.withdrawn_at = moments.get(NominationStatus.WITHDRAWN)
    return moments


def _events(
    nomination: Nomination,
    moments: dict[str, datetime.datetime],
    domains: list[str],
    triagist: User | None,
) -> list[CaseEvent]:
    """The events the services would have written, at the moments they happened."""
    events = []
    common = {"person": nomination.person, "nomination_id": nomination.pk}
    path = list(moments)
    if NominationStatus.SUBMITTED in path:
        events.append(
            CaseEvent(
                type=EventType.NOMINATION_SUBMITTED,
                actor=nomination.nominated_by,
                occurred_at=moments[NominationStatus.SUBMITTED],
                payload={
                    "target_group": nomination.proposed_target_group,
                    "urgency": nomination.urgency,
                    "organisation_id": nomination.nominating_organisation_id,
                    "domains": domains,
                    "previous_case_id": None,
                },
                **common,
            )
        )
    if NominationStatus.IN_TRIAGE in path:
        events.append(
            CaseEvent(
                type=EventType.TRIAGE_STARTED,
                actor=triagist,
                occurred_at=moments[NominationStatus.IN_TRIAGE],
                **common,
            )
        )
    if NominationStatus.WITHDRAWN in path:
        events.append(
            CaseEvent(
                type=EventType.NOMINATION_WITHDRAWN,
                actor=nomination.nominated_by,
                occurred_at=moments[NominationStatus.WITHDRAWN],
                payload={"from_status": path[-2] if len(path) > 1 else NominationStatus.CONCEPT},
                **common,
            )
        )
    return events
