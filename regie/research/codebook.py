"""The codebook of a research export: every column of ``data.csv`` described, as Markdown for
reading and as CSV for loading into a statistics package."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from regie.research.columns import Column

HEADER = (
    "kolom",
    "betekenis",
    "type",
    "toegestane_waarden",
    "bron",
    "generalisatie",
    "quasi_identificator",
)


def _cells(column: Column) -> tuple[str, ...]:
    return (
        column.name,
        column.meaning,
        column.type,
        column.allowed,
        column.source,
        column.generalisation,
        "ja" if column.quasi_identifier else "nee",
    )


def codebook_csv(columns: Sequence[Column]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_cells(column) for column in columns)
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codebook_markdown(columns: Sequence[Column], metadata: dict[str, Any]) -> str:
    levels = metadata["generalisatie"]
    lines = [
        f"# Codeboek onderzoeksexport — {metadata['project']}",
        "",
        f"Periode van voordracht: {metadata['periode']['van']} t/m "
        f"{metadata['periode']['tot_en_met']}. Eén rij per voordracht (episode) van een persoon "
        "die in die periode is voorgedragen en waarvan de voordracht is afgelopen (besloten of "
        "ingetrokken).",
        "",
        "- **Groepen**: `toegelaten` (instroom in de aanpak) en `vergelijkingsgroep` "
        "(voorgedragen, niet toegelaten: afgewezen of ingetrokken) — de natuurlijke "
        "vergelijkingsgroep in de stijl van het WODC-onderzoek naar de Top600.",
        "- **Pseudoniem**: per onderzoeksproject met een geheime sleutel; dezelfde persoon "
        "heeft in elke export van dit project hetzelfde pseudoniem. De sleutel zit niet in de "
        "export.",
        f"- **k-anonimiteit**: k = {metadata['k']}, geteld in verschillende personen. "
        f"Quasi-identificatoren: {', '.join(metadata['quasi_identificatoren'])}. "
        f"{metadata['rijen_onderdrukt']} rij(en) zijn onderdrukt omdat ze niet k-anoniem te maken "
        "waren.",
        f"- **Generalisatie** in deze export: periode per {levels['periode']}, gemeente op niveau "
        f"'{levels['gemeente']}', leeftijd op niveau '{levels['leeftijd']}', voordragende "
        f"organisatie op niveau '{levels['organisatie']}' (`*` = weggelaten). Alle "
        "periodekolommen hebben hetzelfde niveau: maand `JJJJ-MM`, kwartaal `JJJJ-Kn` of jaar "
        "`JJJJ`. Er staat nergens een dag.",
        "- **Leeg** betekent: niet van toepassing (bijvoorbeeld instroom bij de "
        "vergelijkingsgroep) of niet geregistreerd.",
        "- **Delicten**: geregistreerde delicten (als verdachte of veroordeelde) rond het "
        "besluit; 'voor_24m' omvat 'voor_12m'. De besluitdag telt als vóór. Controleer "
        "`na_12m_volledig` / `na_24m_volledig` voordat u de tellingen erna vergelijkt.",
        "",
        "| kolom | betekenis | type | toegestane waarden | bron | generalisatie | QI |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(_md(cell) for cell in _cells(column)) + " |" for column in columns]
    return "\n".join(lines) + "\n"
