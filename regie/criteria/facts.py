"""What the criteria engine reads: a snapshot of one person's registered facts (``Facts``) and the
triagist's inputs (``Inputs``). Plain frozen dataclasses, built from the database by
``regie.criteria.evaluation.person_facts`` or by hand in tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from regie.core.domain import PartnerDomain

__all__ = ["Fact", "Facts", "Inputs", "PartnerDomain"]


@dataclass(frozen=True)
class Fact:
    """One ``JusticeFact`` as the engine sees it (codes as stored; empty text when not set)."""

    id: int
    kind: str
    date: dt.date
    category: str = ""
    role: str = ""
    end_date: dt.date | None = None
    residence_status: str = ""
    municipality: str = ""


@dataclass(frozen=True)
class Facts:
    """A person at evaluation time: date of birth and municipality (empty or ``None`` when not
    known) and every registered fact, of any date; the engine ignores facts after the peildatum."""

    person_id: int
    date_of_birth: dt.date | None
    municipality: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Inputs:
    """What the triage adds to the registered facts. ``None`` means "not given" and makes the
    rules that need it unknown.

    - ``zrm_scores``: life domain code → ZRM score 1–5 (a missing domain is unscored);
    - ``partner_domains``: the partner domains whose effort is needed (``PartnerDomain`` codes);
    - ``other_approach``: whether the person already takes part in another person-oriented
      approach (an input flag, not a registered fact).
    """

    zrm_scores: Mapping[str, int] | None = None
    partner_domains: frozenset[str] | None = None
    other_approach: bool | None = None
