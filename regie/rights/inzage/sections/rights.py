"""Sections of the access export for the person's own requests and for the access history:
who accessed their data when, from the audit log (organisation and role; employee names only
when ``REGIE_INZAGE_SHOW_EMPLOYEE_NAMES`` is set)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.accounts.models import Organisation, Role, User
from regie.audit.models import AuditAction, AuditEvent, AuditOutcome
from regie.persons.models import Person
from regie.rights.inzage.format import day, field, fields_of
from regie.rights.inzage.registry import Context, Item, Section, Table, register_section
from regie.rights.models import (
    RECTIFIABLE_FIELDS,
    ProcessingRestriction,
    Rectification,
    SubjectRequest,
)

REQUEST_FIELDS = (
    "kind",
    "requester_kind",
    "description",
    "received_on",
    "deadline",
    "extension_notice_on",
    "extension_notice_text",
    "status",
    "outcome",
    "legal_ground",
    "closed_on",
)

# What was touched, in words a person understands.
OBJECT_LABELS = {
    "person": gettext_lazy("persoonsgegevens"),
    "justice_fact": gettext_lazy("geregistreerd feit"),
    "nomination": gettext_lazy("voordracht"),
    "assessment": gettext_lazy("beoordeling"),
    "triage_decision": gettext_lazy("triagebesluit"),
    "letter": gettext_lazy("brief"),
    "case": gettext_lazy("casus"),
    "criteria_evaluation": gettext_lazy("toetsing aan de criteria"),
    "subject_request": gettext_lazy("uw verzoek"),
    "access_export": gettext_lazy("inzage"),
    "processing_restriction": gettext_lazy("beperking van de verwerking"),
    "audit_log": gettext_lazy("overzicht van toegang"),
}


def requests(person: Person, context: Context) -> Section:
    items = [
        Item(
            f"subject_request:{r.pk}",
            _("Verzoek: %(kind)s") % {"kind": r.get_kind_display()},
            r.received_on,
            fields_of(r, REQUEST_FIELDS),
        )
        for r in SubjectRequest.objects.filter(person_ref__in=context.person_ids).order_by("pk")
    ]
    items += [
        Item(
            f"rectification:{r.pk}",
            _("Gecorrigeerd gegeven"),
            r.decided_at,
            (
                field("field", _("Gegeven"), RECTIFIABLE_FIELDS.get(r.field, r.field)),
                field("old_value", _("Oude waarde"), r.old_value),
                field("new_value", _("Nieuwe waarde"), r.new_value),
                field("ground", _("Onderbouwing"), r.ground),
            ),
        )
        for r in Rectification.objects.filter(person_id__in=context.person_ids).order_by("pk")
    ]
    items += [
        Item(
            f"processing_restriction:{r.pk}",
            _("Beperking van de verwerking"),
            r.started_at,
            (
                field("ground", _("Grond"), r.ground),
                field("lifted_at", _("Opgeheven op"), r.lifted_at),
                field("lift_ground", _("Grond voor opheffen"), r.lift_ground),
            ),
        )
        for r in ProcessingRestriction.objects.filter(person_id__in=context.person_ids).order_by(
            "pk"
        )
    ]
    return Section(
        "verzoeken",
        _("Uw verzoeken"),
        _("Uw verzoeken over uw gegevens, en wat ermee is gedaan."),
        tuple(items),
    )


def _roles(codes: str) -> str:
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes.split(",") if code)


def access_history(person: Person, context: Context) -> Section:
    events = list(
        AuditEvent.objects.filter(person_id__in=context.person_ids)
        .order_by("occurred_at", "seq")
        .values(
            "occurred_at", "organisation_id", "role", "action", "object_type", "outcome", "actor_id"
        )
    )
    organisations = dict(Organisation.objects.values_list("pk", "name"))
    actions = dict(AuditAction.choices)
    names: dict[int, str] = {}
    columns = [_("Datum en tijd"), _("Organisatie"), _("Rol"), _("Handeling"), _("Onderdeel")]
    if context.show_employee_names:
        columns.append(_("Medewerker"))
        ids = {e["actor_id"] for e in events if e["actor_id"]}
        names = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=ids)}
    rows = []
    for e in events:
        action = str(actions.get(e["action"], e["action"]))
        if e["outcome"] != AuditOutcome.SUCCESS:
            action += " " + _("(geweigerd)")
        row = [
            day(e["occurred_at"]),
            organisations.get(e["organisation_id"] or 0, _("systeem")),
            _roles(e["role"]),
            action,
            str(OBJECT_LABELS.get(e["object_type"], e["object_type"])),
        ]
        if context.show_employee_names:
            row.append(names.get(e["actor_id"] or 0, ""))
        rows.append(tuple(row))
    return Section(
        "toegang",
        _("Wie uw gegevens heeft ingezien of gewijzigd"),
        _(
            "Elke keer dat iemand uw gegevens bekeek, zocht, exporteerde of wijzigde, staat in "
            "het auditlog van Regie: wanneer, vanuit welke organisatie en in welke rol."
        ),
        table=Table(tuple(columns), tuple(rows)),
    )


register_section("verzoeken", order=80, build=requests)
register_section("toegang", order=90, build=access_history)
