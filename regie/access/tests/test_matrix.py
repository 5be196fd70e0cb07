"""The access table as a matrix: every documented cell against the code, and real objects."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest

from regie.access.rules import RESOURCES, ROLES, Action, Org, Part, decide, render_markdown

DOCS = Path(__file__).resolve().parents[3] / "docs" / "access.md"


def documented_table() -> dict[tuple[str, str, str, str], set[str]]:
    text = DOCS.read_text()
    block = text.split("<!-- access-table:start -->")[1].split("<!-- access-table:end -->")[0]
    table: dict[tuple[str, str, str, str], set[str]] = {}
    for line in block.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        resource, role, org, part, actions = cells
        table[(resource, role, org, part)] = set(re.split(r",\s*", actions))
    return table


DOCUMENTED = documented_table()
CELLS = list(product(RESOURCES, ROLES, (Org.OWN, Org.OTHER), (Part.YES, Part.NO), Action))


def test_docs_show_the_table_the_code_has() -> None:
    text = DOCS.read_text()
    assert render_markdown() in text


@pytest.mark.parametrize(
    ("resource", "role", "org", "part", "action"),
    CELLS,
    ids=[f"{r}-{ro}-{o.value}-{p.value}-{a.value}" for r, ro, o, p, a in CELLS],
)
def test_code_decides_as_documented(
    resource: str, role: str, org: Org, part: Part, action: Action
) -> None:
    expected = action.value in DOCUMENTED.get((resource, role, org.value, part.value), set())
    assert decide({role}, resource, org, part, action) is expected


def test_every_role_appears_and_no_role_sees_everything() -> None:
    for role in ("partner", "regisseur", "privacy_officer", "admin"):
        assert any(key[1] == role for key in DOCUMENTED)
    # Functional administration never sees case content, the FG only with break-glass review.
    for role in ("admin", "oversight", "analyst", "municipality", "privacy_officer"):
        for resource in ("person", "case", "nomination"):
            assert not any(key[0] == resource and key[1] == role for key in DOCUMENTED)
