"""The privacy officer's view of the audit log: per person and per employee, by period."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import Organisation, User
from regie.audit.forms import AuditFilterForm
from regie.audit.models import AuditAction, AuditEvent
from regie.audit.selectors import audit_events
from regie.audit.services import audit_record
from regie.core.http import require_any_role

CSV_COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "organisation_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "outcome",
    "client_ip",
    "hash",
)


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    employees = scope(request.user, Action.VIEW, User).order_by("username")
    form = AuditFilterForm(request.GET or None, employees=employees)
    events = scope(request.user, Action.VIEW, AuditEvent).none()
    if form.is_bound and form.is_valid():
        start, end = form.period()
        employee = form.cleaned_data.get("employee")
        events = scope(
            request.user,
            Action.VIEW,
            audit_events(
                person_id=form.cleaned_data.get("person"),
                actor_id=employee.pk if employee else None,
                start=start,
                end=end,
            ),
        )
    return form, events


def _filter_detail(form: AuditFilterForm) -> dict[str, str | int | None]:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {
        "person": data.get("person"),
        "employee": data["employee"].pk if data.get("employee") else None,
        "start": str(data.get("start") or ""),
        "end": str(data.get("end") or ""),
    }


@login_required
@require_any_role("privacy_officer")
def log(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    if form.is_bound and form.is_valid():
        audit_record(
            action=AuditAction.SEARCH,
            actor=request.user,
            object_type="audit_log",
            person_id=form.cleaned_data.get("person"),
            detail=_filter_detail(form),
        )
    users = {u.pk: u for u in User.objects.filter(pk__in={e.actor_id for e in page if e.actor_id})}
    orgs = dict(Organisation.objects.values_list("pk", "name"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "users": users, "orgs": orgs, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_any_role("privacy_officer")
def log_csv(request: HttpRequest) -> HttpResponseBase:
    form, events = _filtered(request)
    if not (form.is_bound and form.is_valid()):
        return render(request, "audit/log.html", {"form": form, "page": None}, status=400)
    audit_record(
        action=AuditAction.EXPORT,
        actor=request.user,
        object_type="audit_log",
        person_id=form.cleaned_data.get("person"),
        detail=_filter_detail(form),
    )
    writer = csv.writer(_Echo())
    rows = events.order_by("seq").values_list(*CSV_COLUMNS).iterator(chunk_size=2000)

    def stream() -> Iterator[str]:
        yield writer.writerow(CSV_COLUMNS)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
    return response
