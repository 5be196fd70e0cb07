"""Synthetic cases for the demo region: plans with scenarios (some blocked by a shortage),
conferences with agreements, journals and family support. Idempotent: a person who already has
a case is left alone, and the persons chosen do not depend on earlier runs.

Everything goes through the services, so every case has its events and audit trail; afterwards
the events of each demo case are spread over its lifetime (from the start date to today), so the
monitor has history to show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Organisation, OrganisationType, User
from regie.accounts.services import user_create
from regie.cases import services
from regie.cases.models import Case, Goal, ScenarioKind
from regie.core.domain import LifeDomain, TargetGroup
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import Nomination, NominationOutcome
from regie.persons.models import Person

SAMPLE_SIZE = 40
EXTRA_REGISSEURS = [
    ("regisseur_noor", "Noor", "Regisseur"),
    ("regisseur_daan", "Daan", "Regisseur"),
]

# Per life domain: goal, indicator, primary scenario, alternative, the shortage that blocks it.
PLANS: dict[str, tuple[str, str, str, str, str]] = {
    LifeDomain.HOUSING: (
        "Een stabiele woonplek",
        "Heeft een huurcontract of vaste plek in begeleid wonen",
        "Urgentie en een sociale huurwoning",
        "Tijdelijke kamer via begeleid wonen met woonbegeleiding",
        "woningnood",
    ),
    LifeDomain.MENTAL_HEALTH: (
        "Passende behandeling voor psychische klachten",
        "Is in behandeling en komt afspraken na",
        "Intake bij de specialistische ggz",
        "Overbrugging door de praktijkondersteuner en het FACT-team",
        "wachtlijst_zorg",
    ),
    LifeDomain.ADDICTION: (
        "Minder middelengebruik",
        "Drie maanden geen dagelijks gebruik",
        "Klinische verslavingszorg",
        "Ambulante begeleiding met dagbesteding",
        "wachtlijst_zorg",
    ),
    LifeDomain.DAYTIME: (
        "Een zinvolle dagbesteding",
        "Volgt vier dagen per week opleiding of werk",
        "Entreeopleiding met stagebegeleiding",
        "Werkervaringsplek bij de gemeente",
        "geen_passend_aanbod",
    ),
    LifeDomain.FINANCES: (
        "Schulden onder controle",
        "Heeft een schuldregeling of budgetbeheer",
        "Schuldhulpverlening van de gemeente",
        "Budgetcoach via het buurtteam",
        "personeelstekort",
    ),
    LifeDomain.SOCIAL_NETWORK: (
        "Een steunend netwerk buiten het criminele circuit",
        "Heeft twee vaste contacten buiten het circuit",
        "Mentor via een maatjesproject",
        "Sportvereniging met jongerenwerker",
        "anders",
    ),
}
JOURNAL_LINES = [
    ("Gesprek gevoerd over de afspraken in het plan.", "alle_deelnemers"),
    ("Meldplicht nagekomen; geen bijzonderheden.", "alle_deelnemers"),
    ("Signaal over de thuissituatie; bespreken in het volgende overleg.", "alleen_regisseur"),
    ("Interne afstemming over de inzet van onze organisatie.", "eigen_organisatie"),
]


def _regisseurs(acvz: Organisation) -> list[User]:
    main = User.objects.filter(username="regisseur").first()
    found = [main] if main else []
    for username, first, last in EXTRA_REGISSEURS:
        user = User.objects.filter(username=username).first() or user_create(
            actor=None,
            username=username,
            organisation=acvz,
            roles=["regisseur"],
            password=None,
            first_name=first,
            last_name=last,
        )
        found.append(user)
    return found


def _persons() -> list[tuple[Person, Nomination | None]]:
    """Persons admitted through a nomination, or else the first persons of the region."""
    admitted = (
        Nomination.objects.filter(outcome=NominationOutcome.ADMITTED)
        .select_related("person")
        .order_by("pk")
    )
    if admitted.exists():
        chosen = {n.person_id: (n.person, n) for n in admitted}
        return list(chosen.values())
    persons = Person.objects.filter(merged_into__isnull=True).order_by("pk")[:SAMPLE_SIZE]
    return [(p, None) for p in persons]


def _target_group(person: Person, nomination: Nomination | None, today: date) -> str:
    if nomination is not None:
        return nomination.proposed_target_group
    age = (today - person.date_of_birth).days // 365
    return TargetGroup.YOUTH if age < 23 else TargetGroup.ADULT_VIOLENCE


@dataclass
class _Demo:
    rng: random.Random
    today: date
    chair: User
    regisseurs: list[User]
    partners: list[User]
    orgs: dict[str, Organisation]

    def partner_of(self, organisation: Organisation) -> User | None:
        return next((u for u in self.partners if u.organisation_id == organisation.pk), None)


def build_demo(*, seed: int) -> None:
    """Open demo cases for the chosen persons that have none yet. Needs the demo region (the
    triage chair ``voorzitter`` and the AcVZ); without it there is nothing to do."""
    chair = User.objects.filter(username="voorzitter").first()
    acvz = Organisation.objects.filter(type=OrganisationType.ACVZ).order_by("pk").first()
    if chair is None or acvz is None:
        return
    demo = _Demo(
        rng=random.Random(seed),
        today=timezone.localdate(),
        chair=chair,
        regisseurs=_regisseurs(acvz),
        partners=list(User.objects.filter(username__in=["politie", "reclassering"])),
        orgs={o.type: o for o in Organisation.objects.order_by("-pk")},
    )
    for index, (person, nomination) in enumerate(_persons()):
        existing = Case.objects.filter(person=person).first()
        if existing is not None and Goal.objects.filter(plan__case=existing).exists():
            continue
        with transaction.atomic():
            # A case that triage's demo opened on admission gets its partners, plan and journal
            # here; its opening events keep the dates triage gave them.
            case = existing or _open(demo, person, nomination, index)
            _take_part(demo, case)
            _plan(demo, case)
            _meet(demo, case)
            _write(demo, case)
            if index % 5 == 3:
                _support_family(demo, case)
            if existing is None:
                _spread_events(demo, case)


def _open(demo: _Demo, person: Person, nomination: Nomination | None, index: int) -> Case:
    rng, today = demo.rng, demo.today
    start = today - timedelta(days=rng.randint(20, 700))
    transition = rng.choice(["top600", "veilig_alternatief", "doorgroeiers"])
    origin = "nieuw" if nomination is not None or index % 4 else transition
    group = _target_group(person, nomination, today)
    months = 3 if group == TargetGroup.YOUTH else 6
    review = max(start + timedelta(days=30 * months), today + timedelta(days=rng.randint(-10, 60)))
    # The demo account "regisseur" directs about two in five cases; the others share the rest.
    if index % 5 < 2 or len(demo.regisseurs) == 1:
        regisseur = demo.regisseurs[0]
    else:
        regisseur = rng.choice(demo.regisseurs[1:])
    return services.case_open(
        actor=demo.chair,
        person=person,
        target_group=group,
        regisseur=regisseur,
        origin=origin,
        start_date=start,
        first_review_date=review,
        nomination=nomination,
    )


def _take_part(demo: _Demo, case: Case) -> None:
    regisseur = case.regisseur
    for partner in demo.partners:
        if partner.organisation is None:
            continue
        named = partner.username == "politie"
        services.participant_add(
            actor=regisseur,
            case=case,
            organisation=partner.organisation,
            user=partner if named else None,
            role="wijkagent" if named else "reclasseringswerker",
        )
    extra_type = (
        OrganisationType.JEUGDBESCHERMING
        if case.target_group == TargetGroup.YOUTH
        else OrganisationType.FORENSISCHE_ZORG
    )
    extra = demo.orgs.get(extra_type)
    if extra is not None and demo.rng.random() < 0.7:
        role = (
            "jeugdbeschermer" if extra_type == OrganisationType.JEUGDBESCHERMING else "hulpverlener"
        )
        services.participant_add(
            actor=regisseur, case=case, organisation=extra, user=None, role=role
        )


def _organisations(case: Case) -> list[Organisation]:
    participants = case.participants.filter(removed_at__isnull=True).select_related("organisation")
    return sorted({p.organisation for p in participants}, key=lambda o: o.pk)


def _plan(demo: _Demo, case: Case) -> None:
    rng, today, regisseur = demo.rng, demo.today, case.regisseur
    version = 1
    organisations = _organisations(case)
    for domain in rng.sample(list(PLANS), k=rng.randint(2, 4)):
        description, indicator, primary, alternative, shortage = PLANS[domain]
        goal = services.goal_add(
            actor=regisseur,
            case=case,
            domain=domain,
            description=description,
            indicator=indicator,
            target_date=today + timedelta(days=rng.randint(60, 300)),
            primary_scenario=primary,
            alternative_scenarios=[alternative],
            seen_version=version,
        )
        version += 1
        for _ in range(rng.randint(1, 3)):
            organisation = rng.choice(organisations)
            action = services.action_add(
                actor=regisseur,
                case=case,
                goal=goal,
                description=f"Stap richting: {description.lower()}",
                responsible_organisation=organisation,
                owner=None,
                due_date=today + timedelta(days=rng.randint(-40, 90)),
                seen_version=version,
            )
            version += 1
            if rng.random() < 0.4:
                services.action_update(
                    actor=demo.partner_of(organisation) or regisseur,
                    case=case,
                    action=action,
                    status=rng.choice(["bezig", "afgerond"]),
                    note="Bijgewerkt door de uitvoerende organisatie.",
                    seen_version=version,
                )
                version += 1
        if rng.random() < 0.35:
            scenarios = {s.kind: s for s in goal.scenarios.all()}
            services.scenario_block(
                actor=regisseur,
                case=case,
                scenario=scenarios[ScenarioKind.PRIMARY],
                shortage_type=shortage,
                shortage_other="Geen mentor beschikbaar in de wijk" if shortage == "anders" else "",
                blocked_on=today - timedelta(days=rng.randint(5, 120)),
                expected_wait_days=rng.choice([30, 56, 90, 180, 365]),
                alternative=scenarios[ScenarioKind.ALTERNATIVE] if rng.random() < 0.8 else None,
                seen_version=version,
            )
            version += 1


def _meet(demo: _Demo, case: Case) -> None:
    organisations = _organisations(case)
    for _ in range(demo.rng.randint(0, 2)):
        conference = services.conference_record(
            actor=case.regisseur,
            case=case,
            held_on=demo.today - timedelta(days=demo.rng.randint(1, 120)),
            agenda="Voortgang plan; knelpunten bij wonen en zorg.",
            minutes="Partners lichten hun acties toe. Alternatieven besproken waar het vastloopt.",
            organisations=organisations,
            attendees=[case.regisseur],
        )
        services.agreement_add(
            actor=case.regisseur,
            conference=conference,
            description="Terugkoppeling over de aanmelding vóór het volgende overleg",
            responsible_organisation=demo.rng.choice(organisations),
            due_date=demo.today + timedelta(days=demo.rng.randint(7, 40)),
        )


def _write(demo: _Demo, case: Case) -> None:
    writers = [case.regisseur, *demo.partners]
    for _ in range(demo.rng.randint(2, 5)):
        text, visibility = demo.rng.choice(JOURNAL_LINES)
        services.journal_entry_add(
            actor=demo.rng.choice(writers), case=case, text=text, visibility=visibility
        )


def _support_family(demo: _Demo, case: Case) -> None:
    services.family_contact_record(
        actor=case.regisseur,
        case=case,
        relation="moeder",
        offered="Opvoedondersteuning via het buurtteam",
        offered_on=demo.today - timedelta(days=14),
        consent_given_by="gezinslid",
        consent_given_on=demo.today - timedelta(days=14),
        parents_consulted=True,
        parents_consulted_on=demo.today - timedelta(days=20),
    )


def _spread_events(demo: _Demo, case: Case) -> None:
    """Demo only: date the case's events over its lifetime, in order, instead of all at "now"."""
    start = datetime.combine(case.start_date, time(9), tzinfo=timezone.get_current_timezone())
    days = max((demo.today - case.start_date).days, 1)
    events = list(
        CaseEvent.objects.filter(case_id=case.pk).order_by("pk").values_list("pk", "type")
    )
    offsets = sorted(demo.rng.randint(1, days) for _ in events)
    for (pk, type_), offset in zip(events, offsets, strict=True):
        days_after = 0 if type_ == EventType.CASE_OPENED else offset
        CaseEvent.objects.filter(pk=pk).update(occurred_at=start + timedelta(days=days_after))
