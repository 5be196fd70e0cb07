"""Signals other parts listen to (e.g. drift detection in reviews).

``facts_imported`` is sent, after the transaction commits, whenever the facts of persons were
added, changed or moved: by a file import, by hand, or by a merge or unmerge. Receivers get
``person_ids`` (a sorted list of ints) and must not assume who sent it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

from regie.persons.models import JusticeFact

facts_imported = Signal()


def on_facts_imported(person_ids: Iterable[int]) -> None:
    """Announce changed facts once the surrounding transaction has committed."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    transaction.on_commit(lambda: facts_imported.send(sender=JusticeFact, person_ids=ids))
