"""Who received a person's data: the organisations to notify of a rectification, restriction or
erasure (GDPR art. 19). These are the organisations that nominated the person and, when the
cases app is installed, the organisations taking part in (or directing) their cases."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from regie.accounts.models import Organisation
from regie.persons.models import Person


def participating_organisations(person: Person) -> list[Organisation]:
    """The organisations that hold the person's data through Regie, by name."""
    q = Q(nominations__person=person)
    if apps.is_installed("regie.cases"):
        q |= Q(
            case_participations__case__person=person,
            case_participations__removed_at__isnull=True,
        ) | Q(users__directed_cases__person=person)
    return list(Organisation.objects.filter(q).distinct().order_by("name"))


def references(person: Person) -> str:
    """The numbers under which the organisations know the person's file (no personal data)."""
    parts = [
        f"voordracht {pk}" for pk in person.nominations.order_by("pk").values_list("pk", flat=True)
    ]
    if apps.is_installed("regie.cases"):
        Case = apps.get_model("cases", "Case")
        parts += [
            f"casus {pk}"
            for pk in Case.objects.filter(person=person).order_by("pk").values_list("pk", flat=True)
        ]
    return ", ".join(parts)[:200]
