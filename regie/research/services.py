"""Registering research projects and making their exports (docs/research.md).

Both run from the command line on behalf of an approved project, always in the name of a user
(``--user``) whom the access rules allow it: functioneel beheer registers and ends projects
(``research_project``), functioneel beheer or the analyst makes an export (``research_export``).
Every write is audited in the same transaction, with that user as the actor. The export's audit row names the project and the counts, not the persons: the rows
are pseudonymised and counting every person in it would put tens of thousands of person ids into
the log for one act.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import require_rule
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.monitor.kanon import DEFAULT_K, keyed_pseudonym, project_key
from regie.research.codebook import codebook_csv, codebook_markdown
from regie.research.columns import (
    ADMITTED_GROUP,
    COMPARISON_GROUP,
    QUASI_IDENTIFIERS,
    columns,
    quasi_key,
)
from regie.research.episodes import Progress, load_episodes, no_progress, pending_count
from regie.research.generalise import DEFAULT_MAX_SUPPRESSED, Levels, choose
from regie.research.models import ResearchExport, ResearchProject

if TYPE_CHECKING:
    from regie.accounts.models import User


def research_project_create(
    *,
    actor: User,
    name: str,
    purpose: str,
    legal_basis: str,
    approval_reference: str,
    approved_by: str,
    ends_on: date | None = None,
) -> ResearchProject:
    """Register an approved research project with a fresh random key (never shown).

    Raises ``PermissionDenied`` unless the actor may register projects, ``ValidationError``
    (Dutch) for a duplicate or empty name or a missing field.
    """
    require_rule(actor, "research_project", Action.CREATE)
    project = ResearchProject(
        name=name.strip(),
        purpose=purpose.strip(),
        legal_basis=legal_basis.strip(),
        approval_reference=approval_reference.strip(),
        approved_by=approved_by.strip(),
        ends_on=ends_on,
        key=project_key(),
    )
    with transaction.atomic():
        project.full_clean()
        project.save()
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="research_project",
            object_id=project.pk,
            detail={"approval_reference": project.approval_reference},
        )
    return project


def research_project_end(
    *, actor: User, project: ResearchProject, ends_on: date | None = None
) -> ResearchProject:
    """End a project's approval on ``ends_on`` (default yesterday): no exports after that day.

    Raises ``PermissionDenied`` unless the actor may change projects, ``ValidationError``
    (Dutch) for an end date in the future.
    """
    require_rule(actor, "research_project", Action.CHANGE)
    today = timezone.localdate()
    ends_on = ends_on or today - timedelta(days=1)
    if ends_on >= today:
        raise ValidationError(_("Een beëindiging gaat in vóór vandaag; kies een eerdere dag."))
    with transaction.atomic():
        before = project.ends_on
        project.ends_on = ends_on
        project.full_clean()
        project.save(update_fields=["ends_on"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=actor,
            object_type="research_project",
            object_id=project.pk,
            detail={
                "field": "ends_on",
                "from": before.isoformat() if before else None,
                "to": ends_on.isoformat(),
            },
        )
    return project


def research_project_get(name: str) -> ResearchProject:
    """The project by name; ``ValidationError`` (Dutch) when it is not registered."""
    project = ResearchProject.objects.filter(name=name).first()
    if project is None:
        raise ValidationError(
            _(
                "Onderzoeksproject '%(name)s' is niet geregistreerd. Registreer het eerst met "
                "'regie research-project add' (met doel, grondslag en kenmerk van de goedkeuring)."
            )
            % {"name": name}
        )
    return project


@dataclass(frozen=True)
class ExportResult:
    export: ResearchExport
    directory: Path
    rows: int
    suppressed: int
    per_group: dict[str, int]
    levels: Levels
    pending: int
    seconds: float


def _software_version() -> str:
    try:
        return version("regie")
    except PackageNotFoundError:  # pragma: no cover - the package is always installed
        return "onbekend"


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValidationError(
            _("De map %(dir)s bestaat al en is niet leeg; kies een nieuwe of lege map.")
            % {"dir": out}
        )
    if not out.parent.is_dir():
        raise ValidationError(_("De bovenliggende map %(dir)s bestaat niet.") % {"dir": out.parent})


def research_export(
    *,
    actor: User,
    project: ResearchProject,
    period_from: date,
    period_to: date,
    out: Path,
    k: int = DEFAULT_K,
    max_suppressed: float = DEFAULT_MAX_SUPPRESSED,
    progress: Progress[Any] = no_progress,
) -> ExportResult:
    """Write ``data.csv``, ``codebook.md``, ``codebook.csv`` and ``metadata.json`` into ``out``.

    Every person nominated in the period (inclusive) whose nomination has an outcome gets a row
    per nomination; the quasi-identifiers are generalised (``generalise.choose``) and rows that
    stay in a class of fewer than ``k`` persons are suppressed. The files are written into a
    temporary directory next to ``out`` and renamed into place, so ``out`` is either complete or
    absent. Raises ``ValidationError`` (Dutch) for a bad period, k, target directory or an
    expired approval, ``PermissionDenied`` unless the actor may export; nothing is written then.
    """
    require_rule(actor, "research_export", Action.EXPORT)
    started = time.perf_counter()
    today = timezone.localdate()
    if period_from > period_to:
        raise ValidationError(_("De begindatum ligt na de einddatum."))
    if period_to > today:
        raise ValidationError(_("De einddatum ligt in de toekomst."))
    if k < 2:
        raise ValidationError(_("k moet minstens 2 zijn (k = 1 beschermt niemand)."))
    if not 0 <= max_suppressed < 1:
        raise ValidationError(
            _("Het maximale aandeel onderdrukte rijen ligt tussen 0 en 100 procent.")
        )
    if project.ends_on is not None and project.ends_on < today:
        raise ValidationError(
            _(
                "De goedkeuring van '%(name)s' is verlopen op %(day)s; er kan niet meer worden "
                "geëxporteerd."
            )
            % {"name": project.name, "day": project.ends_on.strftime("%d-%m-%Y")}
        )
    out = Path(out).absolute()
    _check_target(out)

    episodes = load_episodes(period_from, period_to, progress=progress)
    choice = choose(
        lambda levels: [(e.person_id, quasi_key(e, levels)) for e in episodes],
        QUASI_IDENTIFIERS,
        k=k,
        max_suppressed=max_suppressed,
    )
    levels = choice.levels
    key = bytes(project.key)
    kept = [e for e in episodes if quasi_key(e, levels) in choice.kept_combinations]
    slots = max((len(e.reviews) for e in kept), default=0)
    cols = columns(slots, today)
    rows = []
    for episode in progress(kept, "Rijen"):
        row = {c.name: c.value(episode, levels) for c in cols}
        row["pseudoniem"] = keyed_pseudonym(key, episode.person_id, project.name)
        rows.append(row)
    # Sorted by pseudonym: the order of the rows says nothing about when or who.
    rows.sort(key=lambda r: (r["pseudoniem"], r["voordracht_periode"], r["voordracht_volgnummer"]))
    per_group = {ADMITTED_GROUP: 0, COMPARISON_GROUP: 0}
    for row in rows:
        per_group[row["groep"]] += 1
    pending = pending_count(period_from, period_to)
    metadata = {
        "project": project.name,
        "kenmerk_goedkeuring": project.approval_reference,
        "grondslag": project.legal_basis,
        "periode": {"van": period_from.isoformat(), "tot_en_met": period_to.isoformat()},
        "k": k,
        "k_telt": "verschillende personen per combinatie van quasi-identificatoren",
        "quasi_identificatoren": list(QUASI_IDENTIFIERS),
        "generalisatie": levels.as_dict(),
        "max_aandeel_onderdrukt": max_suppressed,
        "rijen": len(rows),
        "rijen_per_groep": per_group,
        "personen": len({r["pseudoniem"] for r in rows}),
        "rijen_onderdrukt": choice.suppressed,
        "voordrachten_in_periode_met_uitkomst": len(episodes),
        "voordrachten_zonder_uitkomst_niet_opgenomen": pending,
        "toetskolommen": slots,
        "gemaakt_op": timezone.now().isoformat(timespec="seconds"),
        "software": {"naam": "regie", "versie": _software_version()},
        "bestanden": ["data.csv", "codebook.md", "codebook.csv", "metadata.json"],
    }
    temporary = Path(tempfile.mkdtemp(prefix=".research-export-", dir=out.parent))
    try:
        with (temporary / "data.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[c.name for c in cols])
            writer.writeheader()
            writer.writerows(rows)
        (temporary / "codebook.md").write_text(codebook_markdown(cols, metadata), encoding="utf-8")
        (temporary / "codebook.csv").write_text(codebook_csv(cols), encoding="utf-8")
        (temporary / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        with transaction.atomic():
            export = ResearchExport.objects.create(
                project=project,
                period_from=period_from,
                period_to=period_to,
                k=k,
                rows_exported=len(rows),
                rows_suppressed=choice.suppressed,
                generalisation=levels.as_dict(),
            )
            audit_record(
                action=AuditAction.EXPORT,
                actor=actor,
                object_type="research_export",
                object_id=export.pk,
                purpose=project.approval_reference[:100],
                detail={
                    "project": project.pk,
                    "period_from": period_from.isoformat(),
                    "period_to": period_to.isoformat(),
                    "k": k,
                    "rows": len(rows),
                    "rows_toegelaten": per_group[ADMITTED_GROUP],
                    "rows_vergelijkingsgroep": per_group[COMPARISON_GROUP],
                    "rows_suppressed": choice.suppressed,
                },
            )
            if out.exists():
                out.rmdir()
            os.replace(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ExportResult(
        export=export,
        directory=out,
        rows=len(rows),
        suppressed=choice.suppressed,
        per_group=per_group,
        levels=levels,
        pending=pending,
        seconds=time.perf_counter() - started,
    )
