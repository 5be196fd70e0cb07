"""Sections of the access export for the cases app: the case with its participants, the plan
(goals, actions, scenarios), case conferences, the journal and support to family members.

Journal entries, conference minutes and family support may be withheld; entries visible to
the regisseur or one organisation only, and family support (about other people), are
suggested for withholding — the privacy officer decides per item and records the ground.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from regie.cases.models import (
    Action,
    Case,
    CaseConference,
    FamilyContact,
    Goal,
    JournalEntry,
    Participant,
    Visibility,
)
from regie.persons.models import Person
from regie.rights.inzage.format import field, fields_of
from regie.rights.inzage.registry import Context, Item, Section, register_section

CASE_FIELDS = (
    "target_group",
    "origin",
    "status",
    "start_date",
    "first_review_date",
    "next_review_date",
)
GOAL_FIELDS = ("domain", "description", "indicator", "target_date", "status", "status_reason")
ACTION_FIELDS = (
    "description",
    "responsible_organisation",
    "due_date",
    "status",
    "note",
    "completed_at",
)
SCENARIO_FIELDS = ("kind", "description", "status", "shortage_type", "shortage_other", "blocked_on")


def _case_item(case: Case) -> Item:
    participants = tuple(
        field(
            f"participant_{p.pk}",
            _("Deelnemer"),
            f"{p.organisation} ({p.get_role_display().lower()})",
        )
        for p in case.participants.all()
        if p.removed_at is None
    )
    return Item(
        f"case:{case.pk}",
        _("Casus %(pk)s") % {"pk": case.pk},
        case.start_date,
        (
            *fields_of(case, CASE_FIELDS),
            field(
                "regisseur_organisation",
                _("Organisatie van de regisseur"),
                case.regisseur.organisation,
            ),
            *participants,
        ),
    )


def _plan_items(case: Case) -> list[Item]:
    items = []
    for goal in Goal.objects.filter(plan__case=case).prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("responsible_organisation")),
        "scenarios",
    ):
        items.append(
            Item(
                f"goal:{goal.pk}",
                _("Doel: %(domain)s") % {"domain": goal.get_domain_display()},
                goal.created_at,
                fields_of(goal, GOAL_FIELDS),
            )
        )
        items += [
            Item(
                f"action:{a.pk}", _("Actie bij dit doel"), a.created_at, fields_of(a, ACTION_FIELDS)
            )
            for a in goal.actions.all()
        ]
        items += [
            Item(
                f"scenario:{s.pk}",
                _("Scenario bij dit doel"),
                s.created_at,
                fields_of(s, SCENARIO_FIELDS),
            )
            for s in goal.scenarios.all()
        ]
    return items


def _conference_items(case: Case) -> list[Item]:
    items = []
    for conference in CaseConference.objects.filter(case=case).prefetch_related(
        "organisations", "agreements"
    ):
        agreements = tuple(
            field(f"agreement_{a.pk}", _("Afspraak"), a.description)
            for a in conference.agreements.all()
        )
        items.append(
            Item(
                f"case_conference:{conference.pk}",
                _("Casusoverleg"),
                conference.held_on,
                (
                    field(
                        "organisations",
                        _("Aan tafel"),
                        ", ".join(o.name for o in conference.organisations.all()),
                    ),
                    field("agenda", _("Agenda"), conference.agenda),
                    field("minutes", _("Verslag"), conference.minutes),
                    *agreements,
                ),
                withholdable=True,
            )
        )
    return items


def _journal_items(case: Case, context: Context) -> list[Item]:
    entries = (
        JournalEntry.objects.filter(case=case)
        .select_related("organisation", "author")
        .order_by("created_at", "pk")
    )
    return [
        Item(
            f"journal_entry:{e.pk}",
            _("Journaalregel (%(visibility)s)")
            % {"visibility": e.get_visibility_display().lower()},
            e.created_at,
            (
                field(
                    "organisation",
                    _("Geschreven door"),
                    e.author.get_full_name() if context.show_employee_names else e.organisation,
                ),
                field("text", _("Tekst"), e.text),
            ),
            withholdable=True,
            suggest_withhold=e.visibility != Visibility.ALL_PARTICIPANTS,
        )
        for e in entries
    ]


def _family_items(case: Case) -> list[Item]:
    return [
        Item(
            f"family_contact:{f.pk}",
            _("Steun aan een gezinslid (%(relation)s)")
            % {"relation": f.get_relation_display().lower()},
            f.offered_on,
            fields_of(
                f, ("relation", "offered", "offered_on", "consent_given_by", "consent_given_on")
            ),
            withholdable=True,
            suggest_withhold=True,
        )
        for f in FamilyContact.objects.filter(case=case)
    ]


def cases(person: Person, context: Context) -> Section:
    items: list[Item] = []
    rows = (
        Case.objects.filter(person_id__in=context.person_ids)
        .select_related("regisseur__organisation")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("organisation"))
        )
        .order_by("start_date", "pk")
    )
    for case in rows:
        items.append(_case_item(case))
        items += _plan_items(case)
        items += _conference_items(case)
        items += _journal_items(case, context)
        items += _family_items(case)
    return Section(
        "casus",
        _("Casus: plan, overleg en journaal"),
        _(
            "De regie rond u: wie meedoen, het plan van aanpak met doelen en acties, de "
            "casusoverleggen en het journaal."
        ),
        tuple(items),
    )


register_section("casus", order=50, build=cases)
