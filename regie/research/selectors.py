"""Reading research projects (for the command line; no page shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from regie.research.models import ResearchProject


@dataclass(frozen=True)
class ProjectSummary:
    name: str
    approval_reference: str
    approved_by: str
    ends_on: date | None
    exports: int


def research_projects() -> list[ProjectSummary]:
    """Every registered project by name, with its number of exports. The key is not read."""
    rows = (
        ResearchProject.objects.annotate(exports_made=Count("exports"))
        .order_by("name")
        .values("name", "approval_reference", "approved_by", "ends_on", "exports_made")
    )
    return [
        ProjectSummary(
            name=row["name"],
            approval_reference=row["approval_reference"],
            approved_by=row["approved_by"],
            ends_on=row["ends_on"],
            exports=row["exports_made"],
        )
        for row in rows
    ]
