"""Generating the access export (inzage) for an access request: one PDF for the person and the
same content as JSON, with what was withheld and on which ground. Generating it is audited as
an ``EXPORT`` (ids and counts only)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from regie.access.policy import can
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.persons.models import Person
from regie.rights.inzage.grounds import WithholdGround
from regie.rights.inzage.registry import Inzage, as_json, collect, withholdable_items
from regie.rights.models import AccessExport, RequestKind, SubjectRequest
from regie.triage.letters import CONTACT_POINT

if TYPE_CHECKING:
    from regie.accounts.models import User


def show_employee_names() -> bool:
    return bool(getattr(settings, "REGIE_INZAGE_SHOW_EMPLOYEE_NAMES", False))


def inzage_render_pdf(
    *, inzage: Inzage, person: Person, request: SubjectRequest, number: int
) -> bytes:
    """The export as a readable Dutch PDF (no side effects)."""
    from weasyprint import HTML

    html = render_to_string(
        "rights/inzage_pdf.html",
        {
            "person": person,
            "request": request,
            "export_number": number,
            "generated_at": inzage.generated_at,
            "sections": inzage.sections,
            "withheld": inzage.withheld,
            "contact": CONTACT_POINT,
        },
    )
    return bytes(HTML(string=html).write_pdf())


def _check_withheld(person: Person, withheld: Mapping[str, str]) -> dict[str, str]:
    allowed = {item.key for _title, item in withholdable_items(person)}
    labels = dict(WithholdGround.choices)
    grounds = {}
    for key, ground in withheld.items():
        if key not in allowed:
            raise ValidationError(_("Dit onderdeel kan niet worden ingehouden."))
        if ground not in labels:
            raise ValidationError(_("Kies een wettelijke grond om iets in te houden."))
        grounds[key] = str(labels[ground])
    return grounds


def access_export_generate(
    *, actor: User, request: SubjectRequest, withheld: Mapping[str, str] | None = None
) -> AccessExport:
    """Collect everything held on the request's person and store the export as handed over.

    ``withheld`` maps item keys (from ``withholdable_items``) to a ``WithholdGround``; those
    items appear only as "withheld" with the ground. Raises ``PermissionDenied`` for anyone
    but the privacy officer and ``ValidationError`` for a request that is not an open access
    request, a person whose data is erased, or an item or ground that cannot be withheld.
    """
    if not can(actor, Action.EXPORT, request):
        raise PermissionDenied
    if request.kind != RequestKind.ACCESS or not request.is_open:
        raise ValidationError(_("Een inzage maakt u bij een open inzageverzoek."))
    if request.person_id is None:
        raise ValidationError(_("De gegevens van deze persoon zijn gewist."))
    person = Person.objects.get(pk=request.person_id)
    grounds = _check_withheld(person, withheld or {})
    with transaction.atomic():
        inzage = collect(person, withheld=grounds, show_employee_names=show_employee_names())
        export = AccessExport.objects.create(
            request=request,
            generated_at=inzage.generated_at,
            generated_by=actor,
            withheld=[
                {"key": w.key, "section": w.section, "title": w.title, "ground": w.ground}
                for w in inzage.withheld
            ],
            pdf=b"",
            data={},
        )
        export.data = as_json(inzage)
        export.pdf = inzage_render_pdf(
            inzage=inzage, person=person, request=request, number=export.pk
        )
        export.save(update_fields=["data", "pdf"])
        audit_record(
            action=AuditAction.EXPORT,
            actor=actor,
            object_type="access_export",
            object_id=export.pk,
            person_id=person.pk,
            detail={
                "request": request.pk,
                "withheld": len(inzage.withheld),
                "sections": [s.key for s in inzage.sections],
            },
        )
    return export


def access_export_download(*, actor: User, export: AccessExport, format: str) -> bytes:
    """The stored copy of an export (``pdf`` or ``json``), audited as an ``EXPORT``."""
    if not can(actor, Action.EXPORT, export.request):
        raise PermissionDenied
    audit_record(
        action=AuditAction.EXPORT,
        actor=actor,
        object_type="access_export",
        object_id=export.pk,
        person_id=export.request.person_ref,
        detail={"request": export.request_id, "format": format},
    )
    if format == "pdf":
        return bytes(export.pdf)
    return json.dumps(export.data, ensure_ascii=False, indent=2).encode()
