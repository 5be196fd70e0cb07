"""The regisseur's (and partner's) "Mijn casussen" and the teamlead's overview with reassigning."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from regie.access.rules import Action as Act
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.cases import selectors
from regie.cases.forms import ReassignForm
from regie.cases.services import case_reassign
from regie.cases.views.common import acting_user, apply_errors
from regie.core.http import require_any_role

PAGE_SIZE = 50
CASELOAD_PAGE_SIZE = 25  # regisseurs per page of the caseload table


@login_required
@require_any_role("regisseur", "partner")
def my_cases(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    cases = selectors.my_cases(user)
    page = Paginator(cases.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="case_list",
        detail={"view": "mijn_casussen", "page": page.number},
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "page": page,
            "cases": selectors.page_of(cases, list(page.object_list)),
            "totals": selectors.attention_totals(
                cases, organisation_id=selectors.my_cases_organisation(user)
            ),
            "is_regisseur": user.has_role("regisseur"),
            "today": timezone.localdate(),
            "letters_tracked": selectors.letters_tracked(),
        },
    )


@login_required
@require_any_role("teamlead")
def overview(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regisseur_id = request.GET.get("regisseur", "")
    chosen = int(regisseur_id) if regisseur_id.isdigit() else None
    cases = selectors.active_cases(user, regisseur_id=chosen)
    page = Paginator(cases.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        object_type="case_list",
        detail={"view": "teamoverzicht", "regisseur": chosen, "page": page.number},
    )
    caseload = Paginator(selectors.caseload(user), CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("team")
    )
    selectors.caseload_overdue(user, list(caseload.object_list))
    # Each table's page links keep the other table's page and the chosen regisseur.
    keep = {"regisseur": chosen} if chosen else {}
    return render(
        request,
        "cases/overview.html",
        {
            "page": page,
            "cases": selectors.page_of(cases, list(page.object_list)),
            "caseload": caseload,
            "chosen": chosen,
            "query": urlencode({**keep, "team": caseload.number}),
            "team_query": urlencode({**keep, "pagina": page.number}),
            "today": timezone.localdate(),
            "letters_tracked": selectors.letters_tracked(),
        },
    )


@login_required
@require_any_role("teamlead")
def reassign(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, action=Act.REASSIGN, audit=request.method == "GET")
    form = ReassignForm(
        request.POST or None,
        regisseurs=selectors.assignable_regisseurs().exclude(pk=case.regisseur_id),
        initial={"case_version": case.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case_reassign(
                actor=user,
                case=case,
                regisseur=form.cleaned_data["regisseur"],
                seen_version=form.cleaned_data["case_version"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("De casus is overgedragen aan een andere regisseur."))
            return redirect("cases:overview")
    return render(request, "cases/reassign.html", {"case": case, "form": form})
