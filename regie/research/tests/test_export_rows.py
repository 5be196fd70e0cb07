"""The rows of the research export for a known history: groups, generalised attributes, the
timeline in months, ZRM at triage and at each review, outflow and offences around the decision."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from regie.core.domain import LifeDomain
from regie.monitor.kanon import keyed_pseudonym
from regie.nominations.models import Nomination
from regie.research.columns import QUASI_IDENTIFIERS
from regie.research.episodes import load_episodes
from regie.research.models import ResearchProject
from regie.research.tests.conftest import History, read_rows


def export(tmp_path: Path, project: ResearchProject, *extra: str) -> Path:
    out = tmp_path / "export"
    call_command(
        "research-export",
        "--user", "beheerder",
        "--project", project.name,
        "--from", "2025-01-01",
        "--to", "2025-12-31",
        "--out", str(out),
        *extra,
        stdout=StringIO(),
    )  # fmt: skip
    return out


def test_an_admitted_person_has_the_whole_timeline_in_months(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    rows = read_rows(export(tmp_path, project))
    ali = keyed_pseudonym(bytes(project.key), history.persons["Ali"].pk, project.name)
    (row,) = [r for r in rows if r["pseudoniem"] == ali]

    assert row["groep"] == "toegelaten"
    assert row["uitkomst_voordracht"] == "toegelaten"
    assert row["voordracht_volgnummer"] == "1"
    assert row["leeftijdsklasse"] == "23–29"
    assert row["geslacht"] == "m"
    assert row["gemeente"] == "amsterdam"
    assert row["doelgroep"] == "volwassenen"
    assert row["voordragende_organisatie"] == "politie"
    assert row["voordracht_periode"] == "2025-03"
    assert row["besluit_periode"] == "2025-04"
    assert row["instroom_periode"] == "2025-04"
    assert row["triage_zrm_huisvesting"] == "1"
    assert row["triage_zrm_financien"] == "2"
    assert row["aantal_toetsen"] == "2"
    assert (row["toets_1_periode"], row["toets_1_besluit"]) == ("2025-09", "continue")
    # The corrected second review counts as its correction (scores 4, decision outflow).
    assert (row["toets_2_periode"], row["toets_2_besluit"]) == ("2026-03", "outflow")
    assert {row[f"toets_1_zrm_{d.value}"] for d in LifeDomain} == {"3"}
    assert {row[f"toets_2_zrm_{d.value}"] for d in LifeDomain} == {"4"}
    assert "toets_3_periode" not in row
    assert (row["uitstroom_periode"], row["uitstroom_reden"]) == ("2026-04", "anders")


def test_offences_are_counted_by_category_in_windows_around_the_decision(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    rows = read_rows(export(tmp_path, project))
    ali = keyed_pseudonym(bytes(project.key), history.persons["Ali"].pk, project.name)
    (row,) = [r for r in rows if r["pseudoniem"] == ali]

    assert row["delicten_voor_24m_straatroof"] == "2"
    assert row["delicten_voor_12m_straatroof"] == "1"
    assert row["delicten_voor_12m_overval"] == "1"  # on the decision day
    assert row["delicten_voor_24m_totaal"] == "3"
    assert row["delicten_voor_12m_totaal"] == "2"
    assert row["delicten_na_12m_zware_mishandeling"] == "1"
    assert row["delicten_na_12m_totaal"] == "1"
    assert row["delicten_na_24m_overval"] == "1"
    assert row["delicten_na_24m_totaal"] == "2"
    assert (row["na_12m_volledig"], row["na_24m_volledig"]) == ("1", "0")
    others = [r for r in rows if r["pseudoniem"] != ali]
    assert {r["delicten_voor_24m_totaal"] for r in others} == {"0"}


def test_declined_and_withdrawn_nominations_form_the_comparison_group(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    rows = read_rows(export(tmp_path, project))
    comparison = [r for r in rows if r["groep"] == "vergelijkingsgroep"]

    assert sorted(r["uitkomst_voordracht"] for r in comparison) == ["afgewezen"] * 7 + [
        "ingetrokken"
    ]
    assert {r["instroom_periode"] for r in comparison} == {""}
    assert {r["aantal_toetsen"] for r in comparison} == {""}
    assert len([r for r in rows if r["groep"] == "toegelaten"]) == 7


def test_a_person_whose_combination_nobody_shares_is_suppressed_and_counted(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    out = export(tmp_path, project)
    rows = read_rows(out)
    noor = keyed_pseudonym(bytes(project.key), history.persons["Noor"].pk, project.name)
    metadata = json.loads((out / "metadata.json").read_text())

    assert noor not in {r["pseudoniem"] for r in rows}
    assert metadata["rijen_onderdrukt"] == 1
    assert metadata["rijen"] == len(rows) == 15
    assert metadata["rijen_per_groep"] == {"toegelaten": 7, "vergelijkingsgroep": 8}
    assert metadata["voordrachten_zonder_uitkomst_niet_opgenomen"] == 1
    assert metadata["generalisatie"] == {
        "periode": "maand",
        "gemeente": "gemeente",
        "leeftijd": "standaard",
        "organisatie": "soort",
    }


def test_a_second_nomination_of_the_same_person_is_a_second_row_with_the_same_pseudonym(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    later = Nomination.objects.get(person=history.persons["Afgewezen1"], status="in_triage")
    Nomination.objects.filter(pk=later.pk).update(
        status="besloten", outcome="afgewezen", decided_at=datetime(2025, 7, 1, tzinfo=UTC)
    )

    out = export(tmp_path, project)
    rows = read_rows(out)
    again = keyed_pseudonym(bytes(project.key), history.persons["Afgewezen1"].pk, project.name)
    mine = sorted(
        (r for r in rows if r["pseudoniem"] == again), key=lambda r: r["voordracht_volgnummer"]
    )

    assert [r["voordracht_volgnummer"] for r in mine] == ["1", "2"]
    # Alone in June at month and quarter level, the second nomination needs the year: one
    # suppressed row (Noor) instead of two. Every period column follows the same level.
    assert [r["voordracht_periode"] for r in mine] == ["2025", "2025"]
    assert {r["besluit_periode"] for r in rows} == {"2025"}
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["generalisatie"]["periode"] == "jaar"
    assert metadata["rijen_onderdrukt"] == 1


def test_the_episodes_are_read_in_eight_queries_whatever_their_number(
    history: History, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(8):
        episodes = load_episodes(date(2025, 1, 1), date(2025, 12, 31))

    assert len(episodes) == 16
    ali = next(e for e in episodes if e.nomination_id == history.nominations["Ali"].pk)
    assert [r.held_on for r in ali.reviews] == [date(2025, 9, 30), date(2026, 3, 25)]


def test_the_codebook_describes_every_column_of_the_data_in_order(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    out = export(tmp_path, project)
    with (out / "data.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with (out / "codebook.csv").open(encoding="utf-8") as handle:
        codebook = list(csv.DictReader(handle))
    markdown = (out / "codebook.md").read_text(encoding="utf-8")

    assert [c["kolom"] for c in codebook] == header
    assert all(c["betekenis"] and c["type"] and c["bron"] for c in codebook)
    assert {c["kolom"] for c in codebook if c["quasi_identificator"] == "ja"} == set(
        QUASI_IDENTIFIERS
    )
    assert all(f"| {name} |" in markdown for name in header)
    assert "k = 5" in markdown
    assert "1 rij(en) zijn onderdrukt" in markdown


def test_the_nomination_number_is_top_coded_at_three(
    history: History, project: ResearchProject, tmp_path: Path
) -> None:
    ali = history.nominations["Ali"]
    for year in (2019, 2020, 2021):
        Nomination.objects.create(
            person=ali.person,
            nominating_organisation=ali.nominating_organisation,
            nominated_by=ali.nominated_by,
            status="besloten",
            outcome="afgewezen",
            submitted_at=datetime(year, 1, 10, tzinfo=UTC),
        )
    rows = read_rows(export(tmp_path, project))
    pseudonym = keyed_pseudonym(bytes(project.key), ali.person_id, project.name)

    assert [r["voordracht_volgnummer"] for r in rows if r["pseudoniem"] == pseudonym] == ["3+"]
