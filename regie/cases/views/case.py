"""The case page and its sections: participants, journal and family."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regie.cases import selectors
from regie.cases.forms import FamilyContactForm, JournalForm, ParticipantForm
from regie.cases.models import Case
from regie.cases.services import family_contact_record, journal_entry_add, participant_add
from regie.cases.services import participant_remove as remove_participant
from regie.cases.views.common import (
    acting_user,
    apply_errors,
    case_context,
    deny,
    page_or_fragment,
    plan_context,
    require_case_regisseur,
)
from regie.core.http import is_htmx

JOURNAL_PAGE_SIZE = 20


def _case_url(case: Case, anchor: str = "") -> str:
    return reverse("cases:detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def journal_context(
    request: HttpRequest, case: Case, *, form: JournalForm | None = None
) -> dict[str, Any]:
    entries = selectors.journal_entries(acting_user(request), case)
    page = Paginator(entries, JOURNAL_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return {"journal_page": page, "journal_form": form or JournalForm()}


@login_required
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id)
    context = case_context(user, case)
    context.update(plan_context(case))
    context.update(journal_context(request, case))
    context.update(
        participants=selectors.participants(case),
        conferences=selectors.conferences(case),
        family_contacts=selectors.family_contacts(user, case),
    )
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest, case_id: int) -> HttpResponse:
    """The journal (page, or the section for HTMX), and writing an entry."""
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    context = case_context(user, case)
    form = JournalForm(request.POST or None)
    if request.method == "POST":
        if not context["can_contribute"]:
            deny(request, object_type="case", object_id=case.pk)
        if form.is_valid():
            try:
                journal_entry_add(
                    actor=user,
                    case=case,
                    text=form.cleaned_data["text"],
                    visibility=form.cleaned_data["visibility"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if not is_htmx(request):
                    messages.success(request, _("Journaalregel opgeslagen."))
                    return redirect(_case_url(case, "journaal"))
                form = JournalForm()
                context["journal_saved"] = True
    context.update(journal_context(request, case, form=form))
    return page_or_fragment(
        request, page="cases/journal_page.html", fragment="cases/_journal.html", context=context
    )


@login_required
def participants(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id)
    context = case_context(user, case)
    context["participants"] = selectors.participants(case)
    return page_or_fragment(
        request,
        page="cases/participants_page.html",
        fragment="cases/_participants.html",
        context=context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant_add(actor=user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Deelnemer toegevoegd; de toegang geldt meteen."))
            return redirect(_case_url(case, "deelnemers"))
    return render(
        request,
        "cases/form_page.html",
        {"case": case, "form": form, "title": _("Deelnemer toevoegen"), "submit": _("Toevoegen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, case_id: int, participant_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    participant = selectors.participants(case).filter(pk=participant_id).first()
    if participant is None:
        deny(request, object_type="case_participant", object_id=participant_id)
    if request.method == "POST":
        try:
            remove_participant(actor=user, participant=participant)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Deelnemer verwijderd; de toegang is meteen beëindigd."))
        return redirect(_case_url(case, "deelnemers"))
    return render(
        request, "cases/participant_remove.html", {"case": case, "participant": participant}
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    form = FamilyContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            family_contact_record(actor=user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Steun aan gezinslid vastgelegd."))
            return redirect(_case_url(case, "gezin"))
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "form": form,
            "title": _("Steun aan een gezinslid vastleggen"),
            "intro": _(
                "Een gezinslid is nooit zelf onderwerp van de aanpak: leg geen strafrechtelijke "
                "gegevens vast. Alleen u als regisseur ziet dit."
            ),
            "submit": _("Vastleggen"),
        },
    )
