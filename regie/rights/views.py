"""The contact point's screens: the list of requests (overdue first), receiving a request,
one request with its deadline and the steps of its life. For the privacy officer only (others
get "not found", audited); every request is fetched through the access policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.rules import Action
from regie.accounts.models import User
from regie.core.http import require_any_role
from regie.rights.forms import (
    CloseForm,
    EraseForm,
    ExtendForm,
    LiftForm,
    ReceiveForm,
    RectifyForm,
    RestrictForm,
)
from regie.rights.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from regie.rights.selectors import (
    active_restriction,
    overdue_requests,
    person_identify,
    request_get,
    request_history,
    requests_visible,
)
from regie.rights.services.corrections import RESTRICTION_KINDS
from regie.rights.services.requests import (
    subject_request_close,
    subject_request_extend,
    subject_request_receive,
    subject_request_refuse,
    subject_request_start,
)

FG = "privacy_officer"


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def form_errors_from(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_any_role(FG)
def request_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    rows = requests_visible(user)
    if status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status == "gesloten":
        rows = rows.filter(status__in=CLOSED_STATUSES).order_by("-closed_on", "-pk")
    page = Paginator(rows, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "rights/request_list.html",
        {
            "overdue": overdue_requests(user, today=today),
            "page": page,
            "status": status,
            "today": today,
        },
    )


@login_required
@require_any_role(FG)
def receive(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = ReceiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        persons = person_identify(
            user=user,
            bsn=data["bsn"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
        )
        if len(persons) != 1:
            form.add_error(
                None,
                _("Geen persoon gevonden met deze gegevens.")
                if not persons
                else _("Meer dan één persoon gevonden: vul het BSN in."),
            )
        else:
            try:
                subject_request = subject_request_receive(
                    actor=user,
                    person=persons[0],
                    kind=data["kind"],
                    received_on=data["received_on"],
                    requester_kind=data["requester_kind"],
                    requester_name=data["requester_name"],
                    description=data["description"],
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Verzoek geregistreerd."))
                return redirect("rights:detail", pk=subject_request.pk)
    return render(
        request, "rights/receive.html", {"form": form}, status=400 if form.errors else 200
    )


def _detail(request: HttpRequest, subject_request: SubjectRequest, **forms_: Any) -> HttpResponse:
    today = timezone.localdate()
    kind = subject_request.kind
    context: dict[str, Any] = {
        "r": subject_request,
        "today": today,
        "days_left": (subject_request.deadline - today).days,
        "days_overdue": max(0, (today - subject_request.deadline).days),
        "history": request_history(subject_request),
        "restriction": active_restriction(subject_request.person_ref),
        "exports": subject_request.exports.defer("pdf", "data").select_related("generated_by"),
        "rectifications": subject_request.rectifications.all(),
    }
    if subject_request.is_open:
        context.update(
            extend_form=forms_.get("extend_form") or ExtendForm(initial={"notice_on": today}),
            close_form=forms_.get("close_form") or CloseForm(),
            can_restrict=kind in RESTRICTION_KINDS and subject_request.person_id is not None,
            restrict_form=forms_.get("restrict_form") or RestrictForm(),
            rectify_form=forms_.get("rectify_form") or RectifyForm()
            if kind == RequestKind.RECTIFICATION
            else None,
            erase_form=forms_.get("erase_form") or EraseForm()
            if kind == RequestKind.ERASURE
            else None,
        )
    if context["restriction"] is not None:
        context["lift_form"] = forms_.get("lift_form") or LiftForm()
    return render(request, "rights/detail.html", context, status=400 if forms_ else 200)


@login_required
@require_any_role(FG)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, request_get(user=request.user, pk=pk))


def _transition(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form] | None,
    form_name: str,
    call: Callable[[User, SubjectRequest, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    subject_request = request_get(user=request.user, pk=pk, action=Action.CHANGE)
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            call(user_of(request), subject_request, form.cleaned_data if form else {})
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect("rights:detail", pk=pk)
            form_errors_from(form, exc)
        else:
            messages.success(request, done)
            return redirect("rights:detail", pk=pk)
    return _detail(request, subject_request, **{form_name: form})


@login_required
@require_any_role(FG)
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        None,
        "",
        lambda user, r, _data: subject_request_start(actor=user, request=r),
        _("Het verzoek is in behandeling; u bent de behandelaar."),
    )


@login_required
@require_any_role(FG)
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        ExtendForm,
        "extend_form",
        lambda user, r, data: subject_request_extend(
            actor=user, request=r, notice_on=data["notice_on"], notice_text=data["notice_text"]
        ),
        _("De termijn is met twee maanden verlengd."),
    )


@login_required
@require_any_role(FG)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    refuse = request.POST.get("decision") == RequestStatus.REFUSED
    service = subject_request_refuse if refuse else subject_request_close
    return _transition(
        request,
        pk,
        CloseForm,
        "close_form",
        lambda user, r, data: service(
            actor=user, request=r, outcome=data["outcome"], legal_ground=data["legal_ground"]
        ),
        _("Het verzoek is afgewezen.") if refuse else _("Het verzoek is afgehandeld."),
    )
