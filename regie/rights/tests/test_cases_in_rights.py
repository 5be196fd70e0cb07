"""The case (plan, conferences, journal, family support) in the access export, under
restriction, erasure and retention."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from regie.audit.selectors import audit_verify
from regie.cases.models import Case, CaseStatus, JournalEntry
from regie.events.models import CaseEvent
from regie.nominations.models import Nomination
from regie.rights.inzage.registry import withholdable_items
from regie.rights.models import Tombstone
from regie.rights.participants import participating_organisations
from regie.rights.retention.run import retention_run
from regie.rights.services.corrections import processing_restrict
from regie.rights.services.erasure import person_erase
from regie.rights.services.inzage import access_export_generate
from regie.rights.tests.conftest import SECRET_JOURNAL

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_case_plan_conferences_journal_and_family_support(
    fg, case_record, make_request
):
    export = access_export_generate(actor=fg, request=make_request(person=case_record.person))

    keys = {i["key"].split(":")[0] for s in export.data["sections"] for i in s["items"]}
    assert {
        "case",
        "goal",
        "action",
        "scenario",
        "case_conference",
        "journal_entry",
        "family_contact",
    } <= keys
    text = str(export.data)
    for content in (
        "Een vaste woonplek.",
        "Aanmelden bij de woningcorporatie.",
        "Begeleid wonen.",
        "Politie deelt signalen wekelijks.",
        "Gesprek op kantoor gehad.",
        SECRET_JOURNAL,
        "Politie (test) (wijkagent)",
    ):
        assert content in text


def test_regisseur_only_entries_and_family_support_are_suggested_for_withholding(case_record):
    suggested = {
        item.key
        for _section, item in withholdable_items(case_record.person)
        if item.suggest_withhold
    }

    assert f"journal_entry:{case_record.journal_regisseur.pk}" in suggested
    assert f"journal_entry:{case_record.journal_all.pk}" not in suggested
    assert any(key.startswith("family_contact:") for key in suggested)


def test_a_withheld_journal_entry_is_absent_and_its_ground_is_given(fg, case_record, make_request):
    entry = case_record.journal_regisseur
    export = access_export_generate(
        actor=fg,
        request=make_request(person=case_record.person),
        withheld={f"journal_entry:{entry.pk}": "opsporing"},
    )

    assert SECRET_JOURNAL not in str(export.data)
    assert "Gesprek op kantoor gehad." in str(export.data)
    assert [w["ground"] for w in export.withheld] == [
        "Voorkoming, onderzoek, opsporing en vervolging van strafbare feiten (UAVG art. 41 lid 1 sub d)"
    ]


def test_the_case_page_is_refused_while_processing_is_restricted(
    fg, login, regisseur, case_record, make_request
):
    client = login(regisseur)
    assert client.get(reverse("cases:detail", args=[case_record.case.pk])).status_code == 200

    processing_restrict(
        actor=fg, request=make_request("restriction", person=case_record.person), ground="Betwist."
    )

    response = client.get(reverse("cases:detail", args=[case_record.case.pk]))
    assert response.status_code == 403
    assert "De verwerking van de gegevens van deze persoon is beperkt" in response.content.decode()
    assert (
        client.get(reverse("cases:mine")).content.decode().count(case_record.person.full_name) == 0
    )


def test_case_participants_are_notified_organisations(case_record, politie_medewerker, regisseur):
    assert set(participating_organisations(case_record.person)) == {
        politie_medewerker.organisation,
        regisseur.organisation,
    }


def test_erasure_deletes_the_case_with_everything_in_it(fg, case_record, make_request):
    person_erase(
        actor=fg,
        request=make_request("erasure", person=case_record.person),
        outcome="Gewist.",
        legal_ground="AVG art. 17 lid 1 sub d",
    )

    assert not Case.objects.exists()
    assert not JournalEntry.objects.exists()
    stone = Tombstone.objects.get(kind="case")
    assert stone.detail["cases.JournalEntry"] == 2
    assert audit_verify().ok


def test_an_ended_case_goes_five_years_after_its_last_event_with_its_nomination(case_record):
    Case.objects.filter(pk=case_record.case.pk).update(status=CaseStatus.OUTFLOWN)
    CaseEvent.objects.filter(case_id=case_record.case.pk).update(
        occurred_at=datetime(2026, 6, 30, 10, tzinfo=UTC)
    )
    with time_machine.travel("2031-06-30 10:00 +0200", tick=False):
        assert "case_ended" not in {r.kind for r in retention_run().deleted}
    with time_machine.travel("2031-07-01 10:00 +0200", tick=False):
        report = retention_run()

    assert ("case_ended", case_record.case.pk) in [(r.kind, r.record_id) for r in report.deleted]
    assert not Nomination.objects.exists()
    assert Tombstone.objects.get(kind="case_ended").detail["nominations.Nomination"] == 1
