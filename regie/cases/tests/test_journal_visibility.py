"""Journal visibility, decided in one selector and honoured by every page and fragment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.cases.models import JournalEntry
from regie.cases.selectors import journal_entries, journal_visible_q
from regie.cases.services import journal_entry_add, participant_add

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = "Alleen voor de regisseur: zorgen over broer"


@pytest.fixture
def regisseur_only(case, regisseur) -> JournalEntry:
    return journal_entry_add(actor=regisseur, case=case, text=SECRET, visibility="alleen_regisseur")


def _pages(case) -> list[str]:
    return [reverse("cases:detail", args=[case.pk]), reverse("cases:journal", args=[case.pk])]


def test_a_regisseur_only_entry_never_reaches_a_partner(
    case, regisseur_only, login, reclasseringswerker
) -> None:
    client = login(reclasseringswerker)
    for url in _pages(case):
        assert SECRET not in client.get(url).content.decode(), url
        assert SECRET not in client.get(url, **HTMX).content.decode(), url
    # Not even in the fragment answered after the partner writes an entry of their own.
    response = client.post(
        reverse("cases:journal", args=[case.pk]),
        {"text": "Meldplicht nagekomen", "visibility": "alle_deelnemers"},
        **HTMX,
    )
    body = response.content.decode()
    assert "Meldplicht nagekomen" in body
    assert SECRET not in body
    assert regisseur_only not in journal_entries(reclasseringswerker, case)


def test_the_regisseur_reads_their_own_regisseur_only_entries(
    case, regisseur_only, login, regisseur
) -> None:
    for url in _pages(case):
        assert SECRET in login(regisseur).get(url).content.decode()


def test_a_teamlead_does_not_read_regisseur_only_entries(
    case, regisseur_only, login, teamleider
) -> None:
    assert SECRET not in login(teamleider).get(_pages(case)[0]).content.decode()
    assert not journal_entries(teamleider, case).exists()


def test_a_partner_may_write_for_the_regisseur_only_and_still_reads_it_back(
    case, login, reclasseringswerker, regisseur, politie, make_user
) -> None:
    wijkagent = make_user(politie, "partner")
    participant_add(actor=regisseur, case=case, organisation=politie, user=None, role="wijkagent")
    entry = journal_entry_add(
        actor=reclasseringswerker, case=case, text="Signaal", visibility="alleen_regisseur"
    )
    assert entry in journal_entries(regisseur, case)
    assert entry in journal_entries(reclasseringswerker, case)
    assert entry not in journal_entries(wijkagent, case)


def test_own_organisation_entries_stay_within_that_organisation(
    case, regisseur, reclasseringswerker, reclassering, make_user
) -> None:
    collega = make_user(reclassering, "partner")
    entry = journal_entry_add(
        actor=reclasseringswerker, case=case, text="Intern", visibility="eigen_organisatie"
    )
    assert entry in journal_entries(collega, case)
    assert entry not in journal_entries(regisseur, case)


def test_journal_visibility_over_all_cases_shows_only_cases_the_user_may_see(
    case, open_case, regisseur, reclasseringswerker
) -> None:
    other_case = open_case()
    journal_entry_add(actor=regisseur, case=other_case, text="Ander", visibility="alle_deelnemers")
    journal_entry_add(actor=regisseur, case=case, text="Eigen", visibility="alle_deelnemers")
    texts = set(
        JournalEntry.objects.filter(journal_visible_q(reclasseringswerker)).values_list(
            "text", flat=True
        )
    )
    assert texts == {"Eigen"}
