"""The shipped retention kinds (see ``policy``). Each default names what it rests on; none is
fixed by a legal text for Regie, so each must be confirmed (docs/rights.md)."""

from __future__ import annotations

from datetime import date

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

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
    SubjectRequest,
)
from regie.rights.retention.policy import Gone, RetentionKind, register_kind
from regie.rights.services.erasure import case_delete_rows, person_delete_rows
from regie.triage.models import Letter

CHUNK = 2_000


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _letters_go_with(nomination_ids: list[int], gone: Gone) -> None:
    """A nomination takes its letters along (``Letter.nomination`` cascades)."""
    for chunk in _chunks(nomination_ids):
        gone.add(Letter, Letter.objects.filter(nomination__in=chunk).values_list("pk", flat=True))


def _nominations_take_along(nominations: list[Nomination], gone: Gone) -> None:
    _letters_go_with([n.pk for n in nominations], gone)


def _cases_take_along(cases: list[Case], gone: Gone) -> None:
    """A case takes its nomination along once no case that stays uses it
    (``case_delete_rows``), and the nomination its letters."""
    nominations = sorted({c.nomination_id for c in cases if c.nomination_id is not None})
    kept = set()
    for chunk in _chunks(nominations):
        users = Case.objects.filter(nomination__in=chunk).values_list("nomination_id", "pk")
        kept |= {nomination for nomination, case in users if case not in gone[Case]}
    taken = [pk for pk in nominations if pk not in kept]
    gone.add(Nomination, taken)
    _letters_go_with(taken, gone)


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
        takes_along=_nominations_take_along,
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
        takes_along=_nominations_take_along,
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
        takes_along=_nominations_take_along,
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
    )
)


def _ended_cases(cutoff: date) -> QuerySet[Case]:
    # The latest event as MAX over the case's events (read from the index on the case), not as
    # ORDER BY time LIMIT 1: for that shape PostgreSQL walked all events backwards in time until
    # it met one of the case: at region scale 1.2 s, now 17 ms (national: 0.85 s, now 0.65 s,
    # most of it reading each ended case's events from disk).
    last_event = (
        CaseEvent.objects.filter(case_id=OuterRef("pk"))
        .values("case_id")
        .annotate(last=Max("occurred_at"))
        .values("last")
    )
    return (
        Case.objects.filter(status__in=(CaseStatus.OUTFLOWN, CaseStatus.CLOSED))
        .select_related("nomination")
        .annotate(last_event=Subquery(last_event))
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
        takes_along=_cases_take_along,
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


def _unused_persons_if_gone(cutoff: date, gone: Gone) -> list[Person]:
    """``_unused_persons`` as it would be once the nominations and cases in ``gone`` are."""
    nominations, cases = gone[Nomination], gone[Case]
    used = {p for p, n in Nomination.objects.values_list("person_id", "pk") if n not in nominations}
    used |= {p for p, c in Case.objects.values_list("person_id", "pk") if c not in cases}
    candidates = Person.objects.filter(
        merged_into__isnull=True, created_at__lt=start_of_day(cutoff)
    )
    ids = sorted(pk for pk in candidates.values_list("pk", flat=True) if pk not in used)
    return [p for chunk in _chunks(ids) for p in Person.objects.filter(pk__in=chunk).order_by("pk")]


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
        expired_if_gone=_unused_persons_if_gone,
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
