"""Who received a person's data: the organisations to notify of a rectification, restriction or
erasure (GDPR art. 19) — those that nominated the person, and those taking part in (or
directing) their cases."""

from __future__ import annotations

from django.db.models import Q

from regie.accounts.models import Organisation
from regie.cases.models import Case
from regie.persons.models import Person


def participating_organisations(person: Person) -> list[Organisation]:
    """The organisations that hold the person's data through Regie, by name."""
    q = (
        Q(nominations__person=person)
        | Q(
            case_participations__case__person=person,
            case_participations__removed_at__isnull=True,
        )
        | Q(users__directed_cases__person=person)
    )
    return list(Organisation.objects.filter(q).distinct().order_by("name"))


def references(person: Person) -> str:
    """The numbers under which the organisations know the person's file (no personal data)."""
    nominations = person.nominations.order_by("pk").values_list("pk", flat=True)
    cases = Case.objects.filter(person=person).order_by("pk").values_list("pk", flat=True)
    parts = [f"voordracht {pk}" for pk in nominations] + [f"casus {pk}" for pk in cases]
    return ", ".join(parts)[:200]
