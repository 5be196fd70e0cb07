"""What the review services share: changing the case with its optimistic-concurrency check,
and who may act on a case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from regie.cases.models import Case


def stale_case_message() -> str:
    return _(
        "Iemand anders heeft de casus intussen gewijzigd. Er is niets opgeslagen: laad de "
        "pagina opnieuw en probeer het nog eens."
    )


def case_update(*, case: Case, seen_version: int, **fields: Any) -> None:
    """Set ``fields`` on the case and raise its version, or refuse when it changed since
    ``seen_version`` (the cases app's compare-and-swap: one UPDATE … WHERE version = seen, so
    two concurrent changes can never both pass). Call inside the service's transaction."""
    updated = Case.objects.filter(pk=case.pk, version=seen_version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ValidationError(stale_case_message(), code="stale")
    for name, value in fields.items():
        setattr(case, name, value)
    case.version = seen_version + 1
