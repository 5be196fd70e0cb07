"""An export of a generated region (the scale generator, a few hundred persons over three years)
holds no name, BSN, date of birth, exact date or key; every combination of quasi-identifiers is
shared by at least k persons; both groups are there; and the number of queries does not grow with
the number of persons."""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from regie.accounts.models import User
from regie.persons.models import Person
from regie.research.columns import QUASI_IDENTIFIERS
from regie.research.models import ResearchProject
from regie.research.services import research_project_create
from regie.research.tests.conftest import read_rows

pytestmark = pytest.mark.django_db

K = 5


def identities() -> list[str]:
    found = []
    for first, last, bsn, born in Person.objects.values_list(
        "first_name", "last_name", "bsn", "date_of_birth"
    ):
        found += [first, last, born.isoformat(), born.strftime("%d-%m-%Y")]
        if bsn:
            found.append(bsn)
    return found


def test_an_export_of_a_generated_region_names_nobody_and_keeps_every_class_at_k_persons(
    tmp_path: Path,
) -> None:
    with override_settings(DEMO_MODE=True):
        call_command("demo", persons=400, years=3, seed=11, no_progress=True, stdout=StringIO())
    project = research_project_create(
        actor=User.objects.get(username="beheer"),
        name="WODC-scan",
        purpose="Effectmeting",
        legal_basis="art. 24 UAVG",
        approval_reference="DPIA-scan",
        approved_by="FG AcVZ",
    )
    out = tmp_path / "export"
    with CaptureQueriesContext(connection) as queries:
        call_command(
            "research-export", "--user", "beheer", "--project", project.name, "--from", "2020-01-01",
            "--to", "2026-11-29", "--out", str(out), "--k", str(K), stdout=StringIO(),
        )  # fmt: skip
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    rows = read_rows(out)
    metadata = json.loads(texts["metadata.json"])

    # Both groups, and every nomination with an outcome either exported or counted as suppressed.
    groups = {r["groep"] for r in rows}
    assert groups == {"toegelaten", "vergelijkingsgroep"}
    assert (
        metadata["rijen"] + metadata["rijen_onderdrukt"]
        == metadata["voordrachten_in_periode_met_uitkomst"]
    )
    assert metadata["rijen"] > 100

    # No name, BSN or date of birth in any file (names as whole words, so that 'Ed' may still
    # occur inside 'Geestelijke'), and no exact date in the data.
    leaks = {
        (name, value)
        for value in identities()
        for name, text in texts.items()
        if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text)
    }
    assert leaks == set()
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4}", texts["data.csv"])

    # The key in no form.
    key = bytes(ResearchProject.objects.get(pk=project.pk).key)
    for form in (key.hex(), base64.b64encode(key).decode(), base64.urlsafe_b64encode(key).decode()):
        for text in texts.values():
            assert form.lower() not in text.lower()

    # Every combination of quasi-identifiers is shared by at least k distinct persons.
    persons_per_class: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in rows:
        persons_per_class[tuple(row[q] for q in QUASI_IDENTIFIERS)].add(row["pseudoniem"])
    assert min(len(p) for p in persons_per_class.values()) >= K

    # A fixed number of queries, whatever the size (savepoints and the audit write included).
    assert len(queries) <= 25, [q["sql"][:80] for q in queries]
