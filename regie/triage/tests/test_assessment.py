from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.core.domain import LifeDomain, TargetGroup
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.services import criteria_sets_load
from regie.events.models import CaseEvent, EventType
from regie.nominations.models import NominationStatus
from regie.triage import criteria_port
from regie.triage.models import QUESTIONS, Answer, AssessmentScore
from regie.triage.services import assessment_save, triage_start

from .conftest import complete_assessment


def test_triage_start_moves_a_submitted_nomination_into_triage(make_nomination, triagist) -> None:
    nomination = make_nomination()

    triage_start(actor=triagist, nomination=nomination)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_TRIAGE
    event = CaseEvent.objects.get()
    assert (event.type, event.actor, event.person_id) == (
        EventType.TRIAGE_STARTED,
        triagist,
        nomination.person_id,
    )
    audit = AuditEvent.objects.get(actor_id=triagist.pk)
    assert (audit.action, audit.object_type, audit.object_id, audit.person_id) == (
        "change",
        "nomination",
        str(nomination.pk),
        nomination.person_id,
    )


def test_a_partner_cannot_start_triage(make_nomination, politie_medewerker) -> None:
    with pytest.raises(PermissionDenied):
        triage_start(actor=politie_medewerker, nomination=make_nomination())


def test_a_draft_cannot_be_taken_into_triage(make_nomination, triagist) -> None:
    with pytest.raises(ValidationError):
        triage_start(actor=triagist, nomination=make_nomination(status=NominationStatus.CONCEPT))


def test_assessment_stores_a_score_and_substantiation_per_life_domain(
    make_nomination, triagist
) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())

    complete_assessment(actor=triagist, nomination=nomination)

    scores = AssessmentScore.objects.filter(assessment__nomination=nomination)
    assert sorted(scores.values_list("domain", flat=True)) == sorted(LifeDomain.values)
    assert nomination.assessment.missing(set(LifeDomain.values)) == []
    assert AuditEvent.objects.filter(object_type="assessment", action="create").count() == 1


def test_a_draft_assessment_lists_what_is_missing(make_nomination, triagist) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())

    assessment = assessment_save(
        actor=triagist,
        nomination=nomination,
        scores={LifeDomain.HOUSING.value: (1, "Dakloos sinds maart.")},
        answers={"necessity": (Answer.YES, "Vijf leefgebieden.")},
    )

    missing = assessment.missing({LifeDomain.HOUSING.value})
    assert "Financiën" in missing
    assert "Huisvesting" not in missing
    assert "Toegevoegde waarde" in missing
    assert "Noodzaak" not in missing


def test_a_score_needs_its_substantiation(make_nomination, triagist) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())

    with pytest.raises(ValidationError) as raised:
        assessment_save(
            actor=triagist,
            nomination=nomination,
            scores={LifeDomain.FINANCES.value: (2, "  ")},
            answers={},
        )
    assert LifeDomain.FINANCES.value in raised.value.message_dict


def test_a_score_outside_one_to_five_is_refused(make_nomination, triagist) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())

    with pytest.raises(ValidationError):
        assessment_save(
            actor=triagist,
            nomination=nomination,
            scores={LifeDomain.FINANCES.value: (6, "Schulden.")},
            answers={},
        )


def test_assessment_is_frozen_once_a_decision_is_proposed(
    in_triage, criteria, triagist, propose_admission
) -> None:
    propose_admission(in_triage)

    with pytest.raises(ValidationError, match="besluit voorgesteld"):
        assessment_save(
            actor=triagist,
            nomination=in_triage,
            scores={},
            answers=dict.fromkeys(QUESTIONS, (Answer.NO, "Anders")),
        )


def test_the_partner_domains_needed_are_recorded_and_nothing_else_is_accepted(
    make_nomination, triagist
) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())
    complete_assessment(actor=triagist, nomination=nomination)
    assert nomination.assessment.partner_domains is None  # not recorded yet

    answers = dict.fromkeys(QUESTIONS, (Answer.YES, "Onderbouwd."))
    saved = assessment_save(
        actor=triagist,
        nomination=nomination,
        scores={},
        answers=answers,
        partner_domains=["zorg", "sociaal", "zorg"],
    )
    assert saved.partner_domains == ["sociaal", "zorg"]
    assert saved.partner_domain_labels() == ["sociaal domein", "zorg"]

    with pytest.raises(ValidationError) as refused:
        assessment_save(
            actor=triagist,
            nomination=nomination,
            scores={},
            answers=answers,
            partner_domains=["onderwijs"],
        )
    assert "partner_domains" in refused.value.message_dict
    nomination.assessment.refresh_from_db()
    assert nomination.assessment.partner_domains == ["sociaal", "zorg"]


@pytest.mark.parametrize(
    ("partner_domains", "necessity"),
    [(None, "unknown"), ([], "not_met"), (["zorg"], "not_met"), (["zorg", "sociaal"], "met")],
)
def test_the_necessity_rule_counts_the_recorded_partner_domains(
    make_nomination, partner_domains, necessity
) -> None:
    documents = [read_file(path)[0] for path in shipped_paths()]
    criteria_sets_load(documents=documents, actor=None)
    nomination = make_nomination()

    snapshot = criteria_port.evaluate_for_triage(
        person=nomination.person,
        target_group=TargetGroup.YOUTH,
        on_date=date(2026, 11, 30),
        zrm_scores={d.value: 1 for d in LifeDomain},
        partner_domains=partner_domains,
    )

    assert snapshot["necessity"] == necessity


def test_a_proposal_is_evaluated_with_the_recorded_partner_domains(
    in_triage, criteria, cases, triagist, propose_admission
) -> None:
    assessment_save(
        actor=triagist,
        nomination=in_triage,
        scores={d.value: (2, "Onderbouwing.") for d in LifeDomain},
        answers=dict.fromkeys(QUESTIONS, (Answer.YES, "Onderbouwd.")),
        partner_domains=["veiligheid", "zorg"],
    )

    propose_admission(in_triage)

    assert criteria.calls[-1]["partner_domains"] == ["veiligheid", "zorg"]


def test_the_assessment_form_records_the_partner_domains(login, triagist, make_nomination) -> None:
    nomination = triage_start(actor=triagist, nomination=make_nomination())
    data: dict[str, str | list[str]] = {f"score_{d.value}": "2" for d in LifeDomain}
    data |= {f"substantiation_{d.value}": "Onderbouwing." for d in LifeDomain}
    data |= {"partner_domains": ["zorg", "veiligheid"]}

    response = login(triagist).post(reverse("triage:assessment", args=[nomination.pk]), data)

    assert response.status_code == 302
    nomination.assessment.refresh_from_db()
    assert nomination.assessment.partner_domains == ["veiligheid", "zorg"]
    page = login(triagist).get(reverse("triage:file", args=[nomination.pk])).content.decode()
    assert "veiligheid, zorg" in page
