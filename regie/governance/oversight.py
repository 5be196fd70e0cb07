"""What the Commissie van Toezicht and the rechtmatigheidsadviescommissie see: aggregates with
small-cell suppression, and pseudonymised samples of triage decisions.

Nothing here carries a name, a BSN, an exact date of birth or a journal entry: a person is a
keyed pseudonym (stable across visits, unlinkable without Regie's key), an age is a band, a
date a month. Motivations are free text written by professionals; before they are shown, the
person's names and BSN (and any nine-digit number) are blanked out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from regie.cases.models import Case, CaseStatus
from regie.core.domain import TargetGroup
from regie.monitor.kanon import age_band, age_on, keyed_pseudonym, month_of
from regie.monitor.suppression import SuppressedTable, Totals, suppress_table
from regie.nominations.models import NominationOutcome, NominationStatus
from regie.persons.models import Person
from regie.rights.models import ProcessingRestriction
from regie.triage.models import DecisionStatus, TriageDecision

PROJECT = "toezicht"
UNKNOWN = "onbekend"


def pseudonym_key() -> bytes:
    """``REGIE_OVERSIGHT_PSEUDONYM_KEY``, or a key derived from ``SECRET_KEY``."""
    configured = getattr(settings, "REGIE_OVERSIGHT_PSEUDONYM_KEY", "")
    if configured and len(configured.encode()) >= 32:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"regie-oversight", hashlib.sha256).digest()


@dataclass(frozen=True)
class CountTable:
    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    table: SuppressedTable

    @property
    def body(self) -> list[tuple[str, tuple[object, ...], object]]:
        """Per row: its label, its shown cells and its shown total."""
        totals = self.table.row_totals or ()
        return [
            (label, cells, totals[i] if totals else "")
            for i, (label, cells) in enumerate(zip(self.rows, self.table.cells, strict=True))
        ]


def _count_table(
    title: str, counts: dict[tuple[str, str], int], rows: dict[str, str], columns: dict[str, str]
) -> CountTable:
    grid = [[counts.get((r, c), 0) for c in columns] for r in rows]
    return CountTable(
        title, tuple(rows.values()), tuple(columns.values()), suppress_table(grid, totals=Totals())
    )


GROUPS = {**dict(TargetGroup.choices), UNKNOWN: "Onbekend"}


def _grouped(qs: QuerySet, row: str, column: str) -> dict[tuple[str, str], int]:
    return {
        (r[row] or UNKNOWN, r[column] or UNKNOWN): r["n"]
        for r in qs.values(row, column).annotate(n=Count("pk")).order_by()
    }


def aggregates() -> list[CountTable]:
    """Counts per status and target group, small cells suppressed (monitor.suppression)."""
    from regie.nominations.models import Nomination

    tables = [
        _count_table(
            "Voordrachten per status en voorgestelde doelgroep",
            _grouped(
                Nomination.objects.exclude(status=NominationStatus.CONCEPT),
                "status",
                "proposed_target_group",
            ),
            {s.value: str(s.label) for s in NominationStatus if s != NominationStatus.CONCEPT},
            {k: str(v) for k, v in GROUPS.items()},
        ),
        _count_table(
            "Bevestigde triagebesluiten per uitkomst en doelgroep",
            _grouped(
                TriageDecision.objects.filter(status=DecisionStatus.CONFIRMED),
                "kind",
                "nomination__proposed_target_group",
            ),
            {o.value: str(o.label) for o in NominationOutcome},
            {k: str(v) for k, v in GROUPS.items()},
        ),
        _count_table(
            "Bevestigde besluiten die afwijken van de harde criteria",
            _grouped(
                TriageDecision.objects.filter(status=DecisionStatus.CONFIRMED, is_override=True),
                "kind",
                "nomination__proposed_target_group",
            ),
            {o.value: str(o.label) for o in NominationOutcome},
            {k: str(v) for k, v in GROUPS.items()},
        ),
        _count_table(
            "Casussen per status en doelgroep",
            _grouped(Case.objects.all(), "status", "target_group"),
            {s.value: str(s.label) for s in CaseStatus},
            {k: str(v) for k, v in GROUPS.items()},
        ),
    ]
    return tables


_NINE_DIGITS = re.compile(r"\b\d{9}\b")


def redact(text: str, person: Person) -> str:
    """``text`` without the person's names, BSN or any nine-digit number."""
    names = {
        person.full_name,
        person.first_name,
        person.last_name,
        f"{person.name_prefix} {person.last_name}".strip(),
    }
    for name in sorted((n for n in names if n and len(n) > 1), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "[naam]", text, flags=re.IGNORECASE)
    return _NINE_DIGITS.sub("[nummer]", text)


@dataclass(frozen=True)
class Sample:
    pseudonym: str
    age_band: str
    target_group: str
    decision: str
    month: str
    motivation: str
    reason: str
    is_override: bool
    override_motivation: str
    criteria_version: str


def _order_key(key: bytes, decision_id: int) -> str:
    return hmac.new(key, f"steekproef\x1f{decision_id}".encode(), hashlib.sha256).hexdigest()


def samples(
    *, size: int = 20, target_group: str = "", start: date | None = None, end: date | None = None
) -> list[Sample]:
    """A stable pseudo-random sample of confirmed triage decisions (same filters, same
    sample), never of persons whose processing is restricted."""
    key = pseudonym_key()
    decisions = TriageDecision.objects.filter(status=DecisionStatus.CONFIRMED).exclude(
        nomination__person_id__in=ProcessingRestriction.objects.filter(
            lifted_at__isnull=True
        ).values("person_id")
    )
    if target_group:
        decisions = decisions.filter(nomination__proposed_target_group=target_group)
    if start:
        decisions = decisions.filter(confirmed_at__date__gte=start)
    if end:
        decisions = decisions.filter(confirmed_at__date__lte=end)
    ids: Sequence[int] = sorted(
        decisions.values_list("pk", flat=True), key=lambda i: _order_key(key, i)
    )
    chosen = (
        TriageDecision.objects.filter(pk__in=ids[:size])
        .select_related("nomination__person")
        .order_by("confirmed_at", "pk")
    )
    result = []
    for d in chosen:
        person = d.nomination.person
        day = timezone.localdate(d.confirmed_at) if d.confirmed_at else timezone.localdate()
        group = d.target_group or d.nomination.proposed_target_group
        result.append(
            Sample(
                pseudonym=keyed_pseudonym(key, person.pk, PROJECT),
                age_band=age_band(age_on(person.date_of_birth, day)),
                target_group=str(GROUPS.get(group or UNKNOWN, group)),
                decision=d.get_kind_display(),
                month=month_of(day),
                motivation=redact(d.motivation, person),
                reason=redact(" ".join(p for p in (d.reason, d.referral_advice) if p), person),
                is_override=d.is_override,
                override_motivation=redact(d.override_motivation, person),
                criteria_version=d.criteria_set_version or "—",
            )
        )
    return result
