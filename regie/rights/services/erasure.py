"""Erasure on request (GDPR art. 17): delete everything held on a person, keep tombstones.

Each app contributes an *eraser* — ``register_eraser(key, order=…, erase=…)`` — that deletes its
records of the person and buries them in the graveyard; they run by ascending order (records
that point at others first, the person itself last). A record kind that no eraser removes and
that protects the person makes the whole erasure fail and roll back, rather than leave half.

The subject request stays (accountability) without the person, the requester's name and the
free text; audit events stay (ids only), so ``regie audit verify`` still passes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.cases.models import Case
from regie.events.models import EventType
from regie.events.services import event_record
from regie.nominations.models import Nomination
from regie.persons.models import Person
from regie.rights.graveyard import Graveyard, delete_with_counts
from regie.rights.models import (
    AccessExport,
    BatchKind,
    DeletionBatch,
    NotificationKind,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from regie.rights.services.corrections import notify_participants
from regie.rights.services.requests import conclude

if TYPE_CHECKING:
    from regie.accounts.models import User

Erase = Callable[[Person, Graveyard, str], None]


@dataclass(frozen=True)
class Eraser:
    key: str
    order: int
    erase: Erase


_erasers: dict[str, Eraser] = {}


def register_eraser(key: str, *, order: int, erase: Erase) -> None:
    """Add (or replace) the eraser ``key``; erasers run by ascending ``order``."""
    _erasers[key] = Eraser(key, order, erase)


def erasers() -> list[Eraser]:
    return sorted(_erasers.values(), key=lambda e: (e.order, e.key))


def case_reviews_delete(case_ids: list[int]) -> Counter[str]:
    """Delete what ``regie.reviews`` keeps about these cases — handovers, follow-ups, outflows,
    transition reviews, reviews (corrections first) with their scores and goal progress — which
    protects the case, its goals and each other from deletion. Returns the counts per model."""
    from regie.reviews.models import (
        FollowUp,
        GoalProgress,
        Handover,
        Outflow,
        Review,
        ReviewFlag,
        TransitionReview,
    )

    counts: Counter[str] = Counter()

    def gone(result: tuple[int, dict[str, int]]) -> None:
        counts.update({label: n for label, n in result[1].items() if n})

    gone(Handover.objects.filter(case_id__in=case_ids).delete())
    gone(FollowUp.objects.filter(outflow__case_id__in=case_ids).delete())
    gone(Outflow.objects.filter(case_id__in=case_ids).delete())
    gone(TransitionReview.objects.filter(case_id__in=case_ids).delete())
    gone(GoalProgress.objects.filter(review__case_id__in=case_ids).delete())
    gone(ReviewFlag.objects.filter(case_id__in=case_ids).delete())
    reviews = Review.objects.filter(case_id__in=case_ids)
    while reviews.exists():  # a correction protects what it corrects: newest corrections first
        gone(reviews.filter(corrected_by__isnull=True).delete())
    return counts


def case_delete_rows(case: Case) -> dict[str, int]:
    """Delete a case with its participants, plan, conferences, journal and family support, its
    reviews, outflow and handovers, and the nomination it was opened on (with its triage and
    letters) when no other case uses it."""
    nomination = case.nomination
    counts: Counter[str] = case_reviews_delete([case.pk])
    counts.update(delete_with_counts(case))
    if nomination is not None and not Case.objects.filter(nomination=nomination).exists():
        counts["nominations.Nomination"] += 1
        counts.update(delete_with_counts(nomination))
    return dict(counts)


def erase_cases(person: Person, graveyard: Graveyard, ground: str) -> None:
    """Cases with everything in them."""
    for case in Case.objects.filter(person=person).order_by("pk"):
        pk, started = case.pk, case.start_date
        counts = case_reviews_delete([pk])
        counts.update(delete_with_counts(case))
        graveyard.bury(
            kind="case",
            record_id=pk,
            ground=ground,
            person_id=person.pk,
            record_date=started,
            detail=dict(counts),
        )


def erase_nominations(person: Person, graveyard: Graveyard, ground: str) -> None:
    """Nominations with their concerns, assessment, decisions and letters."""
    for nomination in Nomination.objects.filter(person=person).order_by("pk"):
        pk, created = nomination.pk, nomination.created_at
        graveyard.bury(
            kind="nomination",
            record_id=pk,
            ground=ground,
            person_id=person.pk,
            record_date=created,
            detail=delete_with_counts(nomination),
        )


def erase_requests(person: Person, graveyard: Graveyard, ground: str) -> None:
    """Stored access exports go; the requests stay without the requester's name and text."""
    ids = [person.pk, *person.merged_from.values_list("pk", flat=True)]
    for export in AccessExport.objects.filter(request__person_ref__in=ids).defer("pdf", "data"):
        pk, generated = export.pk, export.generated_at
        export.delete()
        graveyard.bury(
            kind="access_export",
            record_id=pk,
            ground=ground,
            person_id=person.pk,
            record_date=generated,
        )
    SubjectRequest.objects.filter(person_ref__in=ids).update(requester_name="", description="")


def person_delete_rows(person: Person) -> dict[str, int]:
    """Delete a person with their facts and every duplicate merged into them; the counts of
    what went with them (for retention, which leaves one tombstone per person)."""
    counts: Counter[str] = Counter()
    for duplicate in Person.objects.filter(merged_into=person):
        counts["persons.Person"] += 1
        counts.update(person_delete_rows(duplicate))
    counts.update(delete_with_counts(person))
    return dict(counts)


def _erase_person(person: Person, graveyard: Graveyard, ground: str) -> None:
    for duplicate in Person.objects.filter(merged_into=person):
        _erase_person(duplicate, graveyard, ground)
    pk, created = person.pk, person.created_at
    graveyard.bury(
        kind="person",
        record_id=pk,
        ground=ground,
        person_id=pk,
        record_date=created,
        detail=delete_with_counts(person),
    )


def erase_person(person: Person, graveyard: Graveyard, ground: str) -> None:
    """The person with their registered facts, rectifications and restrictions, and every
    duplicate merged into them."""
    _erase_person(person, graveyard, ground)


register_eraser("cases", order=20, erase=erase_cases)
register_eraser("nominations", order=40, erase=erase_nominations)
register_eraser("rights", order=80, erase=erase_requests)
register_eraser("persons", order=100, erase=erase_person)


def person_erase(
    *, actor: User, request: SubjectRequest, outcome: str, legal_ground: str
) -> DeletionBatch:
    """Grant an erasure request: delete every record of the person (tombstones stay), notify
    the participating organisations, and close the request with outcome and legal ground.

    Raises ``PermissionDenied`` for anyone but the privacy officer, ``ValidationError`` for a
    request that is not an open erasure request, a missing outcome or ground, or data another
    record still depends on (nothing is deleted then).
    """
    if not can(actor, Action.DECIDE, request):
        raise PermissionDenied
    if request.kind != RequestKind.ERASURE or not request.is_open:
        raise ValidationError(_("Wissen kan alleen bij een open wissingsverzoek."))
    if not outcome.strip() or not legal_ground.strip():
        raise ValidationError(
            {
                "outcome": _("Beschrijf de uitkomst van het verzoek."),
                "legal_ground": _("Geef de juridische grondslag van de wissing."),
            }
        )
    ground = _("Wissing op verzoek PGR-V%(pk)s (%(ground)s)") % {
        "pk": request.pk,
        "ground": legal_ground.strip(),
    }
    with transaction.atomic():
        person = (
            Person.objects.select_for_update().filter(pk=request.person_id).first()
            if request.person_id is not None
            else None
        )
        if person is None:
            raise ValidationError(_("De gegevens van deze persoon zijn al gewist."))
        notify_participants(person=person, kind=NotificationKind.ERASURE)
        batch = DeletionBatch.objects.create(
            kind=BatchKind.ERASURE, started_at=timezone.now(), actor=actor, request=request
        )
        graveyard = Graveyard(batch, actor=actor)
        try:
            for eraser in erasers():
                eraser.erase(person, graveyard, ground)
        except ProtectedError as exc:
            raise ValidationError(
                _("Niet alles kon worden gewist: %(what)s verwijst nog naar deze persoon.")
                % {
                    "what": ", ".join(
                        sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
                    )
                }
            ) from exc
        graveyard.finish()
        event_record(
            type=EventType.PERSON_ERASED,
            actor=actor,
            payload={"request": request.pk, "batch": batch.pk, "counts": batch.counts},
        )
        conclude(
            actor=actor,
            request=request,
            status=RequestStatus.DONE,
            outcome=outcome,
            legal_ground=legal_ground,
        )
    return batch
