"""The access export: everything held on the person and who accessed it, nothing withheld."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from regie.access.policy import access
from regie.access.rules import Action
from regie.audit.models import AuditEvent
from regie.persons.models import Person
from regie.rights.inzage.registry import Field, Item, Section, _sources, register_section
from regie.rights.services.inzage import access_export_generate

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Alleen voor de regisseur: melding van de buurvrouw"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def values(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def journal_section():
    """A section like the cases app's journal: one entry for everyone, one for the regisseur
    only (suggested to withhold)."""

    def build(person: Person, context):
        return Section(
            "journaal_test",
            "Journaal",
            items=(
                Item(
                    "journal_entry:1",
                    "Notitie van 1 maart",
                    fields=(),
                    withholdable=True,
                ),
                Item(
                    "journal_entry:2",
                    "Notitie van 2 maart",
                    fields=(Field("text", "Tekst", SECRET_NOTE),),
                    withholdable=True,
                    suggest_withhold=True,
                ),
            ),
        )

    register_section("journaal_test", order=55, build=build)
    yield
    _sources.pop("journaal_test")


def test_the_export_holds_every_kind_of_record_and_the_access_history(
    fg, triagist, record, make_request
):
    access(triagist, Action.VIEW, Person, pk=record.person.pk)
    request = make_request()

    export = access_export_generate(actor=fg, request=request)

    data = export.data
    keys = {item["key"] for section in data["sections"] for item in section["items"]}
    assert {
        f"person:{record.person.pk}",
        f"justice_fact:{record.fact.pk}",
        f"nomination:{record.nomination.pk}",
        f"assessment:{record.assessment.pk}",
        f"triage_decision:{record.decision.pk}",
        f"letter:{record.letter.pk}",
        f"subject_request:{request.pk}",
    } <= keys
    text = values(data)
    for content in (
        record.person.bsn,
        "Jansen",
        "Overval",
        "Dakloos sinds de zomer.",
        "Slaapt buiten.",
        "Problemen op vijf leefgebieden.",
        "heeft regie nodig",
        "Verstuurd",
    ):
        assert content in text
    history = next(s for s in data["sections"] if s["key"] == "toegang")["table"]
    assert history["columns"] == ["Datum en tijd", "Organisatie", "Rol", "Handeling", "Onderdeel"]
    assert ["AcVZ (test)", "Triagist", "Bekeken", "persoonsgegevens"] in [
        r[1:] for r in history["rows"]
    ]
    pdf = pdf_text(bytes(export.pdf))
    assert bytes(export.pdf).startswith(b"%PDF")
    for content in (
        "Dit zijn de gegevens die wij over u hebben",
        "Jansen",
        "Dakloos sinds de zomer.",
        "Triagist",
    ):
        assert content in pdf


def test_employee_names_appear_only_when_the_setting_allows(
    fg, triagist, record, make_request, settings
):
    triagist.first_name, triagist.last_name = "Tessa", "Triagiste"
    triagist.save()
    access(triagist, Action.VIEW, Person, pk=record.person.pk)
    hidden = access_export_generate(actor=fg, request=make_request())
    settings.REGIE_INZAGE_SHOW_EMPLOYEE_NAMES = True
    shown = access_export_generate(actor=fg, request=make_request())

    assert "Tessa Triagiste" not in values(hidden.data) + pdf_text(bytes(hidden.pdf))
    assert "Tessa Triagiste" in values(shown.data)


def test_withheld_items_show_only_their_ground(fg, record, make_request, journal_section):
    export = access_export_generate(
        actor=fg, request=make_request(), withheld={"journal_entry:2": "rechten_anderen"}
    )

    assert SECRET_NOTE not in values(export.data)
    assert SECRET_NOTE not in pdf_text(bytes(export.pdf))
    journal = next(s for s in export.data["sections"] if s["key"] == "journaal_test")
    assert journal["items"][1]["withheld"]["ground"].startswith("Bescherming van de betrokkene")
    assert "fields" not in journal["items"][1]
    assert export.withheld == [
        {
            "key": "journal_entry:2",
            "section": "Journaal",
            "title": "Notitie van 2 maart",
            "ground": journal["items"][1]["withheld"]["ground"],
        }
    ]
    assert "Niet getoond. Grond: Bescherming van de betrokkene" in pdf_text(bytes(export.pdf))


def test_only_withholdable_items_and_legal_grounds_can_be_withheld(
    fg, record, make_request, journal_section
):
    request = make_request()
    with pytest.raises(ValidationError, match="kan niet worden ingehouden"):
        access_export_generate(
            actor=fg, request=request, withheld={f"person:{record.person.pk}": "opsporing"}
        )
    with pytest.raises(ValidationError, match="wettelijke grond"):
        access_export_generate(actor=fg, request=request, withheld={"journal_entry:1": "zomaar"})


def test_generating_the_export_is_audited_with_ids_only(fg, record, make_request, journal_section):
    request = make_request()

    export = access_export_generate(
        actor=fg, request=request, withheld={"journal_entry:2": "opsporing"}
    )

    audit = AuditEvent.objects.get(object_type="access_export")
    assert (audit.action, audit.object_id, audit.person_id, audit.actor_id) == (
        "export",
        str(export.pk),
        record.person.pk,
        fg.pk,
    )
    assert audit.detail["request"] == request.pk
    assert audit.detail["withheld"] == 1
    assert "Jansen" not in json.dumps(audit.detail)


def test_only_the_privacy_officer_generates_it_and_only_for_an_open_access_request(
    fg, triagist, make_request
):
    with pytest.raises(PermissionDenied):
        access_export_generate(actor=triagist, request=make_request())
    with pytest.raises(ValidationError):
        access_export_generate(actor=fg, request=make_request("objection"))
