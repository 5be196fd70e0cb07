"""What a request leads to: the access export (generate, download), rectification,
restriction (and lifting it) and erasure. Privacy officer only; thin wrappers over services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.rules import Action
from regie.core.http import require_any_role
from regie.persons.models import Person
from regie.rights.forms import EraseForm, LiftForm, RectifyForm, RestrictForm, WithholdForm
from regie.rights.inzage.registry import withholdable_items
from regie.rights.models import AccessExport, ProcessingRestriction, RequestKind
from regie.rights.selectors import request_get
from regie.rights.services.corrections import (
    person_rectify,
    processing_restrict,
    processing_restriction_lift,
)
from regie.rights.services.erasure import person_erase
from regie.rights.services.inzage import access_export_download, access_export_generate
from regie.rights.views import FG, _detail, _transition, form_errors_from, user_of


@login_required
@require_any_role(FG)
def inzage(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide what to withhold, then generate the export."""
    subject_request = request_get(user=request.user, pk=pk, action=Action.EXPORT)
    if subject_request.kind != RequestKind.ACCESS or subject_request.person_id is None:
        raise Http404
    person = Person.objects.get(pk=subject_request.person_id)
    data = request.POST if request.method == "POST" else None
    form = WithholdForm(data, items=withholdable_items(person))
    if request.method == "POST" and form.is_valid():
        try:
            export = access_export_generate(
                actor=user_of(request), request=subject_request, withheld=form.withheld()
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("De inzage is gemaakt (%(n)d onderdelen ingehouden).")
                % {"n": len(export.withheld)},
            )
            return redirect("rights:detail", pk=pk)
    return render(
        request,
        "rights/inzage.html",
        {"r": subject_request, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_any_role(FG)
def inzage_download(request: HttpRequest, pk: int, export_pk: int, format: str) -> HttpResponse:
    subject_request = request_get(user=request.user, pk=pk, action=Action.EXPORT)
    export = AccessExport.objects.filter(request=subject_request, pk=export_pk).first()
    if export is None or format not in ("pdf", "json"):
        raise Http404
    content = access_export_download(actor=user_of(request), export=export, format=format)
    response = HttpResponse(
        content, content_type="application/pdf" if format == "pdf" else "application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inzage-PGR-V{subject_request.pk}-{export.pk}.{format}"'
    )
    return response


@login_required
@require_any_role(FG)
@require_POST
def rectify(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        RectifyForm,
        "rectify_form",
        lambda user, r, data: person_rectify(
            actor=user,
            request=r,
            field=data["field"],
            new_value=data["new_value"],
            ground=data["ground"],
        ),
        _("Gegeven gecorrigeerd; de deelnemende organisaties krijgen een melding."),
    )


@login_required
@require_any_role(FG)
@require_POST
def restrict(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        RestrictForm,
        "restrict_form",
        lambda user, r, data: processing_restrict(actor=user, request=r, ground=data["ground"]),
        _("De verwerking is beperkt: de gegevens worden alleen nog bewaard."),
    )


@login_required
@require_any_role(FG)
@require_POST
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    subject_request = request_get(user=request.user, pk=pk, action=Action.CHANGE)
    restriction = ProcessingRestriction.objects.filter(
        person_id=subject_request.person_ref, lifted_at__isnull=True
    ).first()
    if restriction is None:
        raise Http404
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            processing_restriction_lift(
                actor=user_of(request),
                restriction=restriction,
                ground=form.cleaned_data["lift_ground"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De beperking is opgeheven."))
            return redirect("rights:detail", pk=pk)
    return _detail(request, subject_request, lift_form=form)


@login_required
@require_any_role(FG)
@require_POST
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        EraseForm,
        "erase_form",
        lambda user, r, data: person_erase(
            actor=user, request=r, outcome=data["outcome"], legal_ground=data["legal_ground"]
        ),
        _("De gegevens zijn gewist; grafstenen zonder persoonsgegevens blijven over."),
    )
