"""The triage screens, driven through HTTP like a browser would."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from regie.core.domain import LifeDomain
from regie.nominations.models import NominationOutcome, NominationStatus
from regie.triage.models import QUESTIONS, Assessment, DecisionStatus, LetterStatus


def assessment_post() -> dict[str, str]:
    data = {}
    for domain in LifeDomain:
        data[f"score_{domain.value}"] = "2"
        data[f"substantiation_{domain.value}"] = f"Gezien in overleg ({domain.value})."
    for question in QUESTIONS:
        data[question] = "ja"
        data[f"{question}_motivation"] = "Besproken met de partners."
    return data


def test_whole_triage_through_the_screens(
    login, triagist, voorzitter, regisseur, make_nomination, criteria, cases
) -> None:
    nomination = make_nomination()
    file_url = reverse("triage:file", args=[nomination.pk])
    t = login(triagist)

    page = t.get(file_url).content.decode()
    assert "3 van 3 vereiste registraties in 5 jaar." in page
    assert t.post(reverse("triage:start", args=[nomination.pk])).status_code == 302
    assert t.get(reverse("triage:assessment", args=[nomination.pk])).status_code == 200
    response = t.post(reverse("triage:assessment", args=[nomination.pk]), assessment_post())
    assert response.status_code == 302
    assert "Besluit voorstellen" in t.get(file_url).content.decode()
    response = t.post(
        reverse("triage:propose", args=[nomination.pk]),
        {
            "kind": NominationOutcome.ADMITTED,
            "target_group": nomination.proposed_target_group,
            "regisseur": regisseur.pk,
            "first_review_date": (timezone.localdate() + timedelta(days=90)).isoformat(),
            "motivation": "Problemen op vijf leefgebieden.",
        },
    )
    assert response.status_code == 302

    c = login(voorzitter)
    assert "Besluit bevestigen" in c.get(file_url).content.decode()
    assert c.post(reverse("triage:confirm", args=[nomination.pk])).status_code == 302

    nomination.refresh_from_db()
    assert (nomination.status, nomination.outcome) == (NominationStatus.DECIDED, "toegelaten")
    page = c.get(file_url).content.decode()
    assert "Brief downloaden (PDF)" in page
    pdf = c.get(reverse("triage:letter_pdf", args=[nomination.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_propose_form_shows_the_override_requirement(
    login, triagist, regisseur, in_triage, criteria
) -> None:
    criteria.hard = "not_met"

    response = login(triagist).post(
        reverse("triage:propose", args=[in_triage.pk]),
        {
            "kind": NominationOutcome.ADMITTED,
            "target_group": in_triage.proposed_target_group,
            "regisseur": regisseur.pk,
            "first_review_date": (timezone.localdate() + timedelta(days=90)).isoformat(),
            "motivation": "Zorgen op alle leefgebieden.",
        },
    )

    assert response.status_code == 200
    assert "wijkt af van de harde criteria" in response.content.decode()
    assert not in_triage.decisions.exists()


def test_return_without_note_shows_a_dutch_message(
    login, voorzitter, in_triage, criteria, propose_admission
) -> None:
    decision = propose_admission(in_triage)

    response = login(voorzitter).post(reverse("triage:return", args=[in_triage.pk]), {"note": ""})

    assert response.status_code == 400
    assert "Schrijf wat triage nog moet doen." in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED


def test_chair_who_proposed_is_told_about_four_eyes(
    login, triagist_en_voorzitter, in_triage, criteria, propose_admission
) -> None:
    propose_admission(in_triage, actor=triagist_en_voorzitter)
    client = login(triagist_en_voorzitter)

    page = client.get(reverse("triage:file", args=[in_triage.pk])).content.decode()
    assert "vier-ogenprincipe" in page
    assert "Besluit bevestigen" not in page
    response = client.post(reverse("triage:confirm", args=[in_triage.pk]), follow=True)
    assert "Vier-ogenprincipe" in response.content.decode()


def test_postpone_form_requires_ground_and_date(
    login, triagist, voorzitter, in_triage, criteria, cases, propose_admission
) -> None:
    from regie.triage.services import decision_confirm

    decision_confirm(actor=voorzitter, decision=propose_admission(in_triage))
    client = login(triagist)
    url = reverse("triage:letter_postpone", args=[in_triage.pk])

    response = client.post(url, {"ground": "", "until": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Geef de grond voor het uitstel." in page
    assert "Geef de datum waarop de brief uiterlijk wordt verstuurd." in page

    until = timezone.localdate() + timedelta(days=20)
    response = client.post(url, {"ground": "Lopend onderzoek OM.", "until": until.isoformat()})
    assert response.status_code == 302
    assert in_triage.letters.get().status == LetterStatus.POSTPONED


def test_assessment_form_shows_a_missing_substantiation_at_its_domain(
    login, triagist, make_nomination
) -> None:
    from regie.triage.services import triage_start

    nomination = triage_start(actor=triagist, nomination=make_nomination())
    data = assessment_post()
    data["substantiation_financien"] = ""

    response = login(triagist).post(reverse("triage:assessment", args=[nomination.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["substantiation_financien"]
    assert not Assessment.objects.filter(nomination=nomination).exists()


def test_declined_file_shows_reason_and_referral_advice(
    login, triagist, voorzitter, in_triage, criteria
) -> None:
    from regie.triage.services import decision_confirm, decision_propose

    criteria.hard = "not_met"
    decision = decision_propose(
        actor=triagist,
        nomination=in_triage,
        kind=NominationOutcome.DECLINED,
        motivation="Eén leefgebied.",
        reason="Lichtere aanpak volstaat.",
        referral_advice="Wijkteam Zuidoost.",
    )
    decision_confirm(actor=voorzitter, decision=decision)

    page = login(triagist).get(reverse("triage:file", args=[in_triage.pk])).content.decode()

    assert "Lichtere aanpak volstaat." in page
    assert "Wijkteam Zuidoost." in page
    assert "Brief downloaden" not in page
