"""The English catalog for the services' Dutch messages: the compiled file matches its source."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import regie.api

CATALOG = Path(regie.api.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def _entries(po: str) -> dict[str, str]:
    """msgid → msgstr of a .po file (strings may continue over several lines)."""
    entries: dict[str, str] = {}
    key, parts = "", {"msgid": "", "msgstr": ""}
    for line in [*po.splitlines(), ""]:
        line = line.strip()
        if line.startswith(("msgid ", "msgstr ")):
            key, _space, literal = line.partition(" ")
            parts[key] = ast.literal_eval(literal)
        elif line.startswith('"') and key:
            parts[key] += ast.literal_eval(line)
        elif not line and parts["msgid"]:
            entries[parts["msgid"]] = parts["msgstr"]
            key, parts = "", {"msgid": "", "msgstr": ""}
    return entries


def test_the_compiled_catalog_matches_its_source() -> None:
    entries = _entries((CATALOG / "django.po").read_text(encoding="utf-8"))
    with (CATALOG / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert len(entries) > 20
    assert {dutch: compiled.gettext(dutch) for dutch in entries} == entries
