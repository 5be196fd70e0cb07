"""Nothing under /triage/ is reachable for a partner — not even for their own nomination — nor
for other roles without triage work; refusals answer "not found" and are audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.nominations.models import NominationStatus
from regie.triage.services import decision_confirm

NOMINATION_URLS = (
    "triage:file",
    "triage:start",
    "triage:assessment",
    "triage:propose",
    "triage:confirm",
    "triage:return",
    "triage:letter_pdf",
    "triage:letter_sent",
    "triage:letter_postpone",
)


@pytest.fixture
def admitted(in_triage, criteria, cases, voorzitter, propose_admission):
    decision_confirm(actor=voorzitter, decision=propose_admission(in_triage))
    return in_triage


@pytest.mark.parametrize("method", ["get", "post"])
def test_partner_gets_not_found_on_every_triage_url_even_for_own_nomination(
    login, politie_medewerker, admitted, method
) -> None:
    client = login(politie_medewerker)
    urls = [reverse("triage:queue")] + [reverse(n, args=[admitted.pk]) for n in NOMINATION_URLS]

    for url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
        assert (
            b"toegelaten" not in response.content.lower() or b"Beoordeling" not in response.content
        )

    denied = AuditEvent.objects.filter(
        actor_id=politie_medewerker.pk, action="access_denied", outcome="denied"
    )
    assert denied.count() == len(urls)


def test_regisseur_and_fg_get_not_found_on_the_triage_file(login, regisseur, fg, admitted) -> None:
    for user in (regisseur, fg):
        assert login(user).get(reverse("triage:file", args=[admitted.pk])).status_code == 404
        assert login(user).get(reverse("triage:queue")).status_code == 404


def test_triage_never_sees_a_partners_draft(login, triagist, make_nomination) -> None:
    draft = make_nomination(status=NominationStatus.CONCEPT)

    response = login(triagist).get(reverse("triage:file", args=[draft.pk]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        actor_id=triagist.pk,
        action="access_denied",
        object_type="nomination",
        object_id=str(draft.pk),
    ).exists()


def test_guessed_ids_answer_not_found_like_hidden_ones(login, triagist) -> None:
    assert login(triagist).get(reverse("triage:file", args=[987654])).status_code == 404


def test_a_triagist_cannot_confirm_and_a_chair_cannot_assess(
    login, triagist, voorzitter, in_triage
) -> None:
    assert login(triagist).post(reverse("triage:confirm", args=[in_triage.pk])).status_code == 404
    assert (
        login(voorzitter).get(reverse("triage:assessment", args=[in_triage.pk])).status_code == 404
    )
