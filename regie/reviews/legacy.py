"""The transition: persons in Top600, Veilig Alternatief or Doorgroeiers move into the new way of
working (DESIGN.md §6), imported from a CSV or XLSX file, all or nothing.

Every row is checked first; when any row is wrong nothing is imported and every bad row is
reported with its line number and a Dutch reason. Each imported person gets a case marked with
its origin (``case_open(origin=…)``), the partners as participating organisations, and a
``TransitionReview`` due by REGIE_TRANSITION_REVIEW_DUE with the evaluation against the new
criteria (frozen, with its explanation). A person who already has a case from the same approach
is left alone, so importing the same file again changes nothing. Columns: README "Overgang
importeren" and ``COLUMNS`` below.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from regie.accounts.models import Organisation, User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.cases.models import Case, CaseOrigin, ParticipantRole
from regie.cases.services.case import CASE_OPENERS
from regie.core.domain import TargetGroup
from regie.persons import tables
from regie.persons.imports import RowError
from regie.persons.matching import normalise, surname_key
from regie.persons.models import Person, elfproef, normalise_bsn
from regie.persons.selectors import survivor_of
from regie.reviews.services.transition import transition_open

REQUIRED_COLUMNS = ("approach", "start_date", "regisseur")
PERSON_COLUMNS = ("bsn", "first_name", "name_prefix", "last_name", "date_of_birth")
COLUMNS = (*REQUIRED_COLUMNS, *PERSON_COLUMNS, "partners", "target_group")
PROGRESS_FROM_ROWS = 200

APPROACHES = {
    "top600": CaseOrigin.TOP600,
    "top 600": CaseOrigin.TOP600,
    "veilig_alternatief": CaseOrigin.VEILIG_ALTERNATIEF,
    "veilig alternatief": CaseOrigin.VEILIG_ALTERNATIEF,
    "doorgroeiers": CaseOrigin.DOORGROEIERS,
    "doorgroeiersaanpak": CaseOrigin.DOORGROEIERS,
}
# The target group each former approach moves into, unless the row says otherwise.
TARGET_GROUP_OF = {
    CaseOrigin.TOP600: TargetGroup.ADULT_VIOLENCE,
    CaseOrigin.VEILIG_ALTERNATIEF: TargetGroup.YOUTH,
    CaseOrigin.DOORGROEIERS: TargetGroup.DOORGROEIERS,
}
TARGET_GROUPS = {v: v for v in TargetGroup.values} | {
    str(label).lower(): value for value, label in TargetGroup.choices
}
# How a partner organisation takes part in the case, by its type.
PARTICIPANT_ROLE_OF = {
    "politie": ParticipantRole.WIJKAGENT,
    "reclassering": ParticipantRole.RECLASSERINGSWERKER,
    "jeugdbescherming": ParticipantRole.JEUGDBESCHERMER,
    "forensische_zorg": ParticipantRole.HULPVERLENER,
    "gemeente": ParticipantRole.CASEMANAGER,
    "stadsdeel": ParticipantRole.CASEMANAGER,
    "pi": ParticipantRole.PI_MEDEWERKER,
    "om": ParticipantRole.OM,
}


class LegacyImportError(Exception):
    """Nothing was imported; ``errors`` lists every bad row in file order."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


@dataclass
class LegacyRow:
    """One checked row (``line`` as the person sees it)."""

    line: int
    approach: str = ""
    start_date: datetime.date | None = None
    regisseur: User | None = None
    partners: list[Organisation] = field(default_factory=list)
    target_group: str = ""
    bsn: str = ""
    name_key: tuple[str, str, datetime.date] | None = None
    person: Person | None = None


@dataclass(frozen=True)
class LegacyResult:
    rows: int
    created: int
    unchanged: int
    case_ids: tuple[int, ...]


class _Checker:
    def __init__(self) -> None:
        self.orgs = {o.name.lower(): o for o in Organisation.objects.filter(is_active=True)}
        regisseurs = User.objects.filter(is_active=True, role_assignments__role="regisseur")
        self.regisseurs = {u.username.lower(): u for u in regisseurs}
        self.today = timezone.localdate()

    def parse(self, row: tables.Row) -> tuple[LegacyRow, list[str]]:
        cells, reasons = row.cells, []
        parsed = LegacyRow(row.line)
        if cells.get("__extra__"):
            reasons.append(_("meer waarden dan kolommen"))
        approach = tables.text(cells.get("approach"))
        parsed.approach = APPROACHES.get(approach.lower(), "")
        if not approach:
            reasons.append(_("approach ontbreekt"))
        elif not parsed.approach:
            reasons.append(
                _("onbekende aanpak '%(v)s' (top600, veilig_alternatief of doorgroeiers)")
                % {"v": approach}
            )
        parsed.start_date = self._date(cells, "start_date", reasons, required=True)
        if parsed.start_date and parsed.start_date > self.today:
            reasons.append(_("de startdatum ligt in de toekomst"))
        username = tables.text(cells.get("regisseur"))
        parsed.regisseur = self.regisseurs.get(username.lower())
        if not username:
            reasons.append(_("regisseur ontbreekt"))
        elif parsed.regisseur is None:
            reasons.append(_("geen actieve regisseur met gebruikersnaam '%(v)s'") % {"v": username})
        for name in filter(
            None, (p.strip() for p in tables.text(cells.get("partners")).split(";"))
        ):
            org = self.orgs.get(name.lower())
            if org is None:
                reasons.append(_("onbekende partnerorganisatie '%(v)s'") % {"v": name})
            elif org not in parsed.partners:
                parsed.partners.append(org)
        group = tables.text(cells.get("target_group"))
        parsed.target_group = TARGET_GROUPS.get(group.lower(), "") if group else ""
        if group and not parsed.target_group:
            reasons.append(_("onbekende doelgroep '%(v)s'") % {"v": group})
        elif not group and parsed.approach:
            parsed.target_group = TARGET_GROUP_OF[CaseOrigin(parsed.approach)]
        self._person(cells, parsed, reasons)
        return parsed, reasons

    def _person(self, cells: dict[str, Any], parsed: LegacyRow, reasons: list[str]) -> None:
        raw_bsn = cells.get("bsn")
        bsn = normalise_bsn(tables.text(raw_bsn))
        if isinstance(raw_bsn, int | float) and bsn.isdigit():
            bsn = bsn.zfill(9)  # a spreadsheet drops the leading zero of a number
        if bsn:
            if elfproef(bsn):
                parsed.bsn = bsn
            else:
                reasons.append(_("BSN voldoet niet aan de elfproef"))
            return
        first = tables.text(cells.get("first_name"))
        last = tables.text(cells.get("last_name"))
        born = self._date(cells, "date_of_birth", reasons)
        if not (first and last and born):
            reasons.append(_("geef een BSN, of voornaam, achternaam en geboortedatum"))
            return
        prefix = tables.text(cells.get("name_prefix"))
        parsed.name_key = (normalise(first), surname_key(prefix, last), born)

    @staticmethod
    def _date(
        cells: dict[str, Any], column: str, reasons: list[str], *, required: bool = False
    ) -> datetime.date | None:
        try:
            value = tables.date(cells.get(column))
        except ValueError as exc:
            reasons.append(
                _("ongeldige datum '%(v)s' in kolom %(c)s (gebruik JJJJ-MM-DD)")
                % {"v": exc.args[0], "c": column}
            )
            return None
        if value is None and required:
            reasons.append(_("%(c)s ontbreekt") % {"c": column})
        return value


def _resolve(rows: list[LegacyRow], errors: dict[int, list[str]]) -> None:
    """Find each row's person (by BSN, else by name and date of birth), following merges."""
    by_bsn = {
        p.bsn: p for p in Person.objects.filter(bsn__in=[r.bsn for r in rows if r.bsn]) if p.bsn
    }
    births = sorted({r.name_key[2] for r in rows if r.name_key})
    by_name: dict[tuple[str, str, datetime.date], list[Person]] = defaultdict(list)
    for person in Person.objects.filter(date_of_birth__in=births, merged_into__isnull=True):
        key = (normalise(person.first_name), surname_key(person.name_prefix, person.last_name))
        by_name[(*key, person.date_of_birth)].append(person)
    for row in rows:
        if row.bsn:
            hit = by_bsn.get(row.bsn)
            if hit is None:
                errors[row.line].append(_("geen persoon met dit BSN gevonden"))
            else:
                row.person = survivor_of(hit)
        elif row.name_key:
            found = by_name.get(row.name_key, [])
            if not found:
                errors[row.line].append(_("geen persoon met deze naam en geboortedatum"))
            elif len(found) > 1:
                errors[row.line].append(
                    _("meer dan één persoon met deze naam en geboortedatum: geef het BSN")
                )
            else:
                row.person = found[0]


def _check_cases(rows: list[LegacyRow], errors: dict[int, list[str]]) -> list[LegacyRow]:
    """The rows still to import: a person with a case from the same approach is done already;
    one with another open case cannot get a second."""
    person_ids = [r.person.pk for r in rows if r.person is not None]
    cases: dict[int, list[Case]] = defaultdict(list)
    for case in Case.objects.filter(person_id__in=person_ids):
        cases[case.person_id].append(case)
    seen: dict[int, int] = {}
    todo = []
    for row in rows:
        if row.person is None:
            continue
        first = seen.setdefault(row.person.pk, row.line)
        if first != row.line:
            errors[row.line].append(_("dezelfde persoon staat ook op regel %(n)s") % {"n": first})
            continue
        mine = cases.get(row.person.pk, [])
        if any(c.origin == row.approach for c in mine):
            continue
        running = next((c for c in mine if c.is_open), None)
        if running is not None:
            errors[row.line].append(
                _("deze persoon heeft al een lopende casus (casus %(n)s, herkomst %(o)s)")
                % {"n": running.pk, "o": running.get_origin_display()}
            )
            continue
        todo.append(row)
    return todo


def legacy_import(*, actor: User, path: Path, progress: bool = False) -> LegacyResult:
    """Import the persons in ``path`` (CSV or XLSX) from the former approaches as ``actor``
    (triage, triage chair or teamlead), all or nothing. Writes ``case_opened`` (with the origin),
    ``participant_added`` and ``transition_review_planned`` per case, and one audit event for
    the file.

    Raises ``PermissionDenied`` unless the actor may open cases, ``LegacyImportError`` listing
    every bad row when the file cannot be imported whole.
    """
    if not actor.has_role(*CASE_OPENERS):
        raise PermissionDenied
    try:
        header, raw = tables.read_table(path)
    except tables.TableError as exc:
        raise LegacyImportError([RowError(0, (str(exc),))]) from exc
    header_reasons = [
        _("kolom %(c)s ontbreekt") % {"c": c} for c in REQUIRED_COLUMNS if c not in header
    ]
    header_reasons += [_("onbekende kolom '%(c)s'") % {"c": c} for c in header if c not in COLUMNS]
    if header_reasons:
        raise LegacyImportError([RowError(1, tuple(header_reasons))])
    if not raw:
        raise LegacyImportError([RowError(0, (_("het bestand bevat geen regels"),))])
    checker = _Checker()
    errors: dict[int, list[str]] = defaultdict(list)
    rows = []
    for row in raw:
        parsed, reasons = checker.parse(row)
        errors[row.line].extend(reasons)
        rows.append(parsed)
    _resolve([r for r in rows if not errors[r.line]], errors)
    todo = _check_cases([r for r in rows if not errors[r.line]], errors)
    bad = [RowError(line, tuple(reasons)) for line, reasons in sorted(errors.items()) if reasons]
    if bad:
        raise LegacyImportError(bad)
    case_ids = []
    with transaction.atomic():
        for row in tqdm(
            todo,
            desc=_("Overzetten"),
            unit=" personen",
            disable=not progress or len(todo) < PROGRESS_FROM_ROWS,
        ):
            case = transition_open(
                actor=actor,
                person=row.person,
                approach=row.approach,
                target_group=row.target_group,
                regisseur=row.regisseur,
                start_date=row.start_date,
                partners=[
                    (org, PARTICIPANT_ROLE_OF.get(org.type, ParticipantRole.OVERIG))
                    for org in row.partners
                ],
            )
            case_ids.append(case.pk)
        result = LegacyResult(len(rows), len(todo), len(rows) - len(todo), tuple(case_ids))
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type="legacy_import",
            detail={"rows": result.rows, "created": result.created, "unchanged": result.unchanged},
        )
    return result
