"""Drift detection on every fact import: ``regie.persons.signals.facts_imported`` arrives after
the import committed, with the persons whose facts changed."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from regie.persons.signals import facts_imported


@receiver(facts_imported, dispatch_uid="reviews_flag_after_fact_import")
def flag_after_fact_import(sender: Any, person_ids: list[int], **kwargs: Any) -> None:
    from regie.reviews.services.drift import review_flags_scan

    review_flags_scan(person_ids=person_ids, trigger="facts_imported")
