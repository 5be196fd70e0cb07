"""The one place where an admission opens a case.

When the cases app is installed its ``case_open`` service opens the case (and writes its own
``CASE_OPENED`` event); without it no case is opened and the caller still records the decision.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.apps import apps

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.nominations.models import Nomination


def open_case_for_admission(
    *,
    actor: User,
    nomination: Nomination,
    target_group: str,
    regisseur: User,
    start_date: date,
    first_review_date: date,
) -> int | None:
    """Open the case for an admitted nomination; return its id (None without the cases app)."""
    if not apps.is_installed("regie.cases"):
        return None
    from regie.cases.services import case_open

    case = case_open(
        actor=actor,
        person=nomination.person,
        target_group=target_group,
        regisseur=regisseur,
        origin="nieuw",
        start_date=start_date,
        first_review_date=first_review_date,
        nomination=nomination,
    )
    return int(case.pk)
