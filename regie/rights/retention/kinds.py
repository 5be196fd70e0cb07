"""The shipped retention kinds (see ``policy``). Each default names what it rests on; none is
fixed by a legal text for Regie, so each must be confirmed (docs/rights.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from regie.audit.models import AuditEvent
from regie.cases.models import Case, CaseStatus
from regie.core.dates import start_of_day
from regie.events.models import CaseEvent
from regie.nominations.models import Nomination, NominationOutcome, NominationStatus
from regie.persons.models import Person
from regie.rights.graveyard import as_date, delete_with_counts
from regie.rights.models import (
    CLOSED_STATUSES,
    AccessExport,
    Notification,
    ProcessingRestriction,
    Rectification,
    SubjectRequest,
)
from regie.rights.retention.policy import RetentionKind, register_kind
from regie.rights.services.erasure import case_delete_rows, case_reviews_delete, person_delete_rows
from regie.triage.models import Letter

CHUNK = 2_000


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def delete_all(objs: list[Any]) -> None:
    """``delete_with_counts`` for many records of one model: one collector per chunk."""
    if not objs:
        return
    model = type(objs[0])
    for chunk in _chunks([obj.pk for obj in objs]):
        model._default_manager.filter(pk__in=chunk).delete()


def _cases_delete_all(cases: list[Case]) -> None:
    """``case_delete_rows`` for many cases: the cases, then their nominations that no case
    uses any more."""
    nominations = sorted({c.nomination_id for c in cases if c.nomination_id is not None})
    for chunk in _chunks([c.pk for c in cases]):
        case_reviews_delete(chunk)
    delete_all(cases)
    for chunk in _chunks(nominations):
        Nomination.objects.filter(pk__in=chunk, cases__isnull=True).delete()


def _persons_delete_all(persons: list[Person]) -> None:
    """``person_delete_rows`` for many persons: duplicates merged into them first (deepest
    first: ``merged_into`` protects), then the persons."""
    levels = [[p.pk for p in persons]]
    while levels[-1]:
        below: list[int] = []
        for chunk in _chunks(levels[-1]):
            below += Person.objects.filter(merged_into__in=chunk).values_list("pk", flat=True)
        levels.append(below)
    for level in reversed(levels):
        for chunk in _chunks(level):
            Person.objects.filter(pk__in=chunk).delete()


def _requests_delete_all(requests: list[SubjectRequest]) -> None:
    for chunk in _chunks([r.pk for r in requests]):
        Rectification.objects.filter(request_id__in=chunk).delete()
        ProcessingRestriction.objects.filter(request_id__in=chunk).delete()
        SubjectRequest.objects.filter(pk__in=chunk).delete()


CONFIRM = "Aanname; de WGS, het Besluit gegevensverwerking door samenwerkingsverbanden en het "
CONFIRM += "privacyreglement van het samenwerkingsverband moeten deze termijn bevestigen."


def _nominations(status: str, field: str, cutoff: date, **extra: str) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        status=status, **{f"{field}__lt": start_of_day(cutoff)}, **extra
    )


register_kind(
    RetentionKind(
        key="nomination_concept",
        label="Concept-voordracht die nooit is ingediend",
        months=3,
        trigger_label="na het aanmaken",
        source="Een concept dat niet wordt ingediend, heeft geen doel meer. " + CONFIRM,
        order=10,
        expired=lambda cutoff: _nominations(NominationStatus.CONCEPT, "created_at", cutoff),
        trigger=lambda n: as_date(n.created_at),
        created=lambda n: n.created_at,
        person_id=lambda n: n.person_id,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)
register_kind(
    RetentionKind(
        key="nomination_withdrawn",
        label="Ingetrokken voordracht",
        months=6,
        trigger_label="na de intrekking",
        source="Ruimte voor vragen en klachten over de voordracht. " + CONFIRM,
        order=11,
        expired=lambda cutoff: _nominations(NominationStatus.WITHDRAWN, "withdrawn_at", cutoff),
        trigger=lambda n: as_date(n.withdrawn_at),
        created=lambda n: n.created_at,
        person_id=lambda n: n.person_id,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)
register_kind(
    RetentionKind(
        key="nomination_declined",
        label="Afgewezen voordracht (met beoordeling, besluit en brieven)",
        months=12,
        trigger_label="na het besluit",
        source=(
            "Een jaar laat een nieuwe voordracht zien wat eerder is besloten, en dekt bezwaar "
            "en klachten. " + CONFIRM
        ),
        order=12,
        expired=lambda cutoff: _nominations(
            NominationStatus.DECIDED, "decided_at", cutoff, outcome=NominationOutcome.DECLINED
        ),
        trigger=lambda n: as_date(n.decided_at),
        created=lambda n: n.created_at,
        person_id=lambda n: n.person_id,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)
register_kind(
    RetentionKind(
        key="letter",
        label="Brief aan de regiepersoon",
        months=60,
        trigger_label="na verzending (of, niet verzonden, na het aanmaken)",
        source="Gelijk aan de termijn van de casus, waarover de brief informeert. " + CONFIRM,
        order=20,
        expired=lambda cutoff: Letter.objects.defer("pdf").filter(
            Q(sent_at__lt=start_of_day(cutoff))
            | Q(sent_at__isnull=True, created_at__lt=start_of_day(cutoff))
        ),
        trigger=lambda letter: as_date(letter.sent_at or letter.created_at),
        created=lambda letter: letter.created_at,
        person_id=lambda letter: letter.person_id,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)


def _ended_cases(cutoff: date) -> QuerySet[Case]:
    last_event = CaseEvent.objects.filter(case_id=OuterRef("pk")).order_by("-occurred_at")
    return (
        Case.objects.filter(status__in=(CaseStatus.OUTFLOWN, CaseStatus.CLOSED))
        .select_related("nomination")
        .annotate(last_event=Subquery(last_event.values("occurred_at")[:1]))
        .filter(
            Q(last_event__lt=start_of_day(cutoff))
            | Q(last_event__isnull=True, start_date__lt=cutoff)
        )
    )


register_kind(
    RetentionKind(
        key="case_ended",
        label="Casus na uitstroom (met plan, overleggen, journaal en de voordracht)",
        months=60,
        trigger_label="na de uitstroom (de laatste gebeurtenis in de casus)",
        source=(
            "Vijf jaar laat herinstroom en de effectmeting aansluiten op de eerdere aanpak. "
            + CONFIRM
        ),
        order=30,
        expired=_ended_cases,
        trigger=lambda c: as_date(c.last_event) or c.start_date,
        created=lambda c: c.start_date,
        person_id=lambda c: c.person_id,
        delete=case_delete_rows,
        delete_many=_cases_delete_all,
    )
)
register_kind(
    RetentionKind(
        key="access_export",
        label="Bewaarde kopie van een inzage",
        months=12,
        trigger_label="na het maken",
        source="Bewijs van wat is verstrekt, voor vragen en klachten. " + CONFIRM,
        order=60,
        expired=lambda cutoff: (
            AccessExport.objects.defer("pdf", "data")
            .select_related("request")
            .filter(generated_at__lt=start_of_day(cutoff))
        ),
        trigger=lambda export: as_date(export.generated_at),
        created=lambda export: export.generated_at,
        person_id=lambda export: export.request.person_ref,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)
register_kind(
    RetentionKind(
        key="notification",
        label="Melding aan een deelnemende organisatie",
        months=12,
        trigger_label="na de melding",
        source="De organisatie heeft een jaar om haar eigen registratie bij te werken. " + CONFIRM,
        order=61,
        expired=lambda cutoff: Notification.objects.filter(created_at__lt=start_of_day(cutoff)),
        trigger=lambda n: as_date(n.created_at),
        created=lambda n: n.created_at,
        delete=delete_with_counts,
        delete_many=delete_all,
    )
)
register_kind(
    RetentionKind(
        key="subject_request",
        label="Afgesloten verzoek van een betrokkene (met rectificaties en beperkingen)",
        months=60,
        trigger_label="na het sluiten",
        source=("Verantwoording over de afhandeling van verzoeken (AVG art. 5 lid 2). " + CONFIRM),
        order=70,
        expired=lambda cutoff: SubjectRequest.objects.filter(
            status__in=CLOSED_STATUSES, closed_on__lt=cutoff
        ).exclude(restrictions__lifted_at__isnull=True),
        trigger=lambda r: r.closed_on,
        created=lambda r: r.received_on,
        person_id=lambda r: r.person_ref,
        delete=lambda r: _delete_request(r),
        delete_many=_requests_delete_all,
    )
)


def _delete_request(request: SubjectRequest) -> dict[str, int]:
    counts = {
        "rights.Rectification": request.rectifications.all().delete()[0],
        "rights.ProcessingRestriction": request.restrictions.all().delete()[0],
    }
    counts.update(delete_with_counts(request))
    return {label: n for label, n in counts.items() if n}


def _unused_persons(cutoff: date) -> QuerySet[Person]:
    return Person.objects.filter(
        merged_into__isnull=True,
        created_at__lt=start_of_day(cutoff),
        nominations__isnull=True,
        cases__isnull=True,
    )


register_kind(
    RetentionKind(
        key="person_unused",
        label="Persoon zonder voordracht of casus (met feiten en samengevoegde dubbelen)",
        months=3,
        trigger_label="na de registratie, zodra er geen voordracht of casus meer is",
        source=(
            "Zonder voordracht of casus is er geen doel meer om de persoon te kennen. " + CONFIRM
        ),
        order=90,
        expired=_unused_persons,
        trigger=lambda p: as_date(p.created_at),
        created=lambda p: p.created_at,
        person_id=lambda p: p.pk,
        delete=person_delete_rows,
        delete_many=_persons_delete_all,
    )
)
register_kind(
    RetentionKind(
        key="audit_event",
        label="Auditgebeurtenis (bevat alleen nummers, geen persoonsgegevens)",
        months=84,
        trigger_label="na de gebeurtenis",
        source=(
            "Bewijs van rechtmatige toegang voor de FG en de Commissie van Toezicht. "
            + CONFIRM
            + " Auditgebeurtenissen worden hier niet verwijderd: opschonen vraagt een "
            "verankerde knip in de hashketen (docs/rights.md)."
        ),
        order=100,
        expired=lambda cutoff: AuditEvent.objects.filter(occurred_at__lt=start_of_day(cutoff)),
        trigger=lambda e: as_date(e.occurred_at),
        deletes=False,
    )
)
