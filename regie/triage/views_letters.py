"""The admission letter on the triage file: download the PDF, mark it sent, postpone it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.http import require_any_role
from regie.nominations.models import Nomination
from regie.triage.forms import PostponeForm
from regie.triage.letters import letter_generate_pdf, letter_mark_sent, letter_postpone
from regie.triage.models import Letter
from regie.triage.selectors import nomination_for_triage
from regie.triage.views import TRIAGE_ROLES, form_errors_from, render_file, request_user


def _letter(request: HttpRequest, pk: int) -> tuple[Nomination, Letter]:
    nomination = nomination_for_triage(request.user, pk)
    letter = (
        Letter.objects.filter(nomination=nomination)
        .select_related("person", "nomination", "decision__regisseur")
        .order_by("-created_at")
        .first()
    )
    if letter is None:
        raise Http404
    return nomination, letter


@login_required
@require_any_role(*TRIAGE_ROLES)
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _nomination, letter = _letter(request, pk)
    pdf = letter_generate_pdf(actor=request_user(request), letter=letter)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brief-PGR-{letter.pk}.pdf"'
    return response


@login_required
@require_any_role(*TRIAGE_ROLES)
@require_POST
def letter_sent(request: HttpRequest, pk: int) -> HttpResponse:
    _nomination, letter = _letter(request, pk)
    try:
        letter_mark_sent(actor=request_user(request), letter=letter)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Brief gemarkeerd als verstuurd."))
    return redirect("triage:file", pk=pk)


@login_required
@require_any_role(*TRIAGE_ROLES)
@require_POST
def letter_postponed(request: HttpRequest, pk: int) -> HttpResponse:
    nomination, letter = _letter(request, pk)
    form = PostponeForm(request.POST)
    if form.is_valid():
        try:
            letter_postpone(
                actor=request_user(request),
                letter=letter,
                ground=form.cleaned_data["ground"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Brief uitgesteld."))
            return redirect("triage:file", pk=pk)
    return render_file(request, nomination, postpone_form=form, status=400)
