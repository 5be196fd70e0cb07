"""Sections of the access export for persons, registered facts, nominations and triage."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regie.nominations.models import Nomination
from regie.persons.models import JusticeFact, Person
from regie.rights.inzage.format import day, field, fields_of
from regie.rights.inzage.registry import Context, Item, Section, register_section
from regie.triage.models import QUESTIONS, Assessment, Letter, TriageDecision

PERSON_FIELDS = (
    "bsn",
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "gender",
    "municipality",
    "district",
    "created_at",
)
FACT_FIELDS = (
    "kind",
    "category",
    "role",
    "date",
    "end_date",
    "residence_status",
    "municipality",
    "source_organisation",
    "created_at",
)
NOMINATION_FIELDS = (
    "nominating_organisation",
    "status",
    "outcome",
    "proposed_target_group",
    "urgency",
    "reasons",
    "tried_already",
    "created_at",
    "submitted_at",
    "decided_at",
    "withdrawn_at",
)
DECISION_FIELDS = (
    "kind",
    "status",
    "proposed_at",
    "confirmed_at",
    "target_group",
    "first_review_date",
    "motivation",
    "reason",
    "referral_advice",
    "hard_criteria",
    "is_override",
    "override_motivation",
    "criteria_set_version",
)
LETTER_FIELDS = (
    "kind",
    "to_parents",
    "status",
    "sent_at",
    "postponement_ground",
    "postponed_until",
)


def identity(person: Person, context: Context) -> Section:
    items = [
        Item(
            f"person:{person.pk}",
            _("Uw gegevens"),
            person.created_at,
            fields_of(person, PERSON_FIELDS),
        )
    ]
    for duplicate in Person.objects.filter(pk__in=context.person_ids[1:]).order_by("pk"):
        items.append(
            Item(
                f"person:{duplicate.pk}",
                _("Dubbele registratie, samengevoegd"),
                duplicate.created_at,
                fields_of(duplicate, PERSON_FIELDS),
            )
        )
    return Section(
        "identiteit",
        _("Identiteit"),
        _("De gegevens waarmee Regie u kent."),
        tuple(items),
    )


def facts(person: Person, context: Context) -> Section:
    rows = (
        JusticeFact.objects.filter(person_id__in=context.person_ids)
        .select_related("source_organisation")
        .order_by("date", "pk")
    )
    return Section(
        "feiten",
        _("Geregistreerde feiten"),
        _("Feiten die partners over u hebben geregistreerd, met de bron."),
        tuple(
            Item(f"justice_fact:{f.pk}", f.get_kind_display(), f.date, fields_of(f, FACT_FIELDS))
            for f in rows
        ),
    )


def nominations(person: Person, context: Context) -> Section:
    rows = (
        Nomination.objects.filter(person_id__in=context.person_ids)
        .select_related("nominating_organisation")
        .prefetch_related("concerns")
        .order_by("created_at", "pk")
    )
    items = []
    for n in rows:
        concerns = tuple(
            field(
                f"concern_{c.domain}",
                _("Zorg: %(domain)s") % {"domain": c.get_domain_display()},
                c.description,
            )
            for c in n.concerns.all()
        )
        items.append(
            Item(
                f"nomination:{n.pk}",
                _("Voordracht %(pk)s") % {"pk": n.pk},
                n.created_at,
                fields_of(n, NOMINATION_FIELDS) + concerns,
            )
        )
    return Section(
        "voordrachten",
        _("Voordrachten"),
        _("Voorstellen van partners om u in de aanpak op te nemen, met hun zorgen per leefgebied."),
        tuple(items),
    )


def _assessment_item(a: Assessment) -> Item:
    answers = []
    for name, (label, _question) in QUESTIONS.items():
        answer = getattr(a, f"get_{name}_display")() if getattr(a, name) else ""
        answers.append(field(name, str(label), answer))
        answers.append(
            field(f"{name}_motivation", _("Motivatie"), getattr(a, f"{name}_motivation"))
        )
    scores = [
        field(
            f"zrm_{s.domain}",
            _("ZRM %(domain)s") % {"domain": s.get_domain_display()},
            f"{s.score} — {s.substantiation}",
        )
        for s in sorted(a.scores.all(), key=lambda s: s.domain)
    ]
    return Item(
        f"assessment:{a.pk}",
        _("Beoordeling bij voordracht %(pk)s") % {"pk": a.nomination_id},
        a.updated_at,
        tuple(f for f in (*answers, *scores) if f.value),
    )


def triage(person: Person, context: Context) -> Section:
    assessments = (
        Assessment.objects.filter(nomination__person_id__in=context.person_ids)
        .prefetch_related("scores")
        .order_by("pk")
    )
    decisions = TriageDecision.objects.filter(
        nomination__person_id__in=context.person_ids
    ).order_by("proposed_at", "pk")
    letters = Letter.objects.filter(person_id__in=context.person_ids).defer("pdf").order_by("pk")
    items = [_assessment_item(a) for a in assessments]
    items += [
        Item(
            f"triage_decision:{d.pk}",
            _("Triagebesluit bij voordracht %(pk)s") % {"pk": d.nomination_id},
            d.confirmed_at or d.proposed_at,
            fields_of(d, DECISION_FIELDS),
        )
        for d in decisions
    ]
    items += [
        Item(
            f"letter:{letter.pk}",
            _("Brief van %(date)s") % {"date": day(letter.created_at)},
            letter.sent_at or letter.created_at,
            fields_of(letter, LETTER_FIELDS),
        )
        for letter in letters
    ]
    return Section(
        "triage",
        _("Triage: beoordeling, besluit en brieven"),
        _(
            "Hoe de triage uw situatie beoordeelde, wat werd besloten en waarom, en welke "
            "brieven u zijn gestuurd."
        ),
        tuple(items),
    )


register_section("identiteit", order=10, build=identity)
register_section("feiten", order=20, build=facts)
register_section("voordrachten", order=30, build=nominations)
register_section("triage", order=40, build=triage)
