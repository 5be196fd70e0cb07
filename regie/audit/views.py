"""The privacy officer's view of the audit log: per person and per employee, by period, and as
CSV. Every search and every export is itself an audit event."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

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

PAGE_SIZE = 50
CSV_COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_username",
    "organisation_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "outcome",
    "client_ip",
    "detail",
    "prev_hash",
    "hash",
)
_FILTER_FIELDS = frozenset(AuditFilterForm.base_fields)


def _search(
    request: HttpRequest, action: Action
) -> tuple[AuditFilterForm, QuerySet[AuditEvent] | None]:
    """The filter form and, once it is filled in and valid, the events it selects."""
    employees = scope(request.user, Action.VIEW, User).order_by("username")
    data = request.GET if _FILTER_FIELDS & set(request.GET) else None
    form = AuditFilterForm(data, employees=employees)
    if not form.is_valid():
        return form, None
    start, end = form.period()
    employee = form.cleaned_data.get("employee")
    events = audit_events(
        person_id=form.cleaned_data.get("person"),
        actor_id=employee.pk if employee else None,
        start=start,
        end=end,
    )
    return form, scope(request.user, action, events)


def _record(
    request: HttpRequest, action: AuditAction, form: AuditFilterForm, events: QuerySet[AuditEvent]
) -> QuerySet[AuditEvent]:
    """Record the search or export, and return ``events`` as they were just before it (so the
    search does not list itself)."""
    recorded = audit_record(
        action=action,
        actor=request.user,
        object_type="audit_log",
        person_id=form.cleaned_data.get("person"),
        detail=form.filter_detail(),
    )
    return events.filter(seq__lt=recorded.seq)


def _detail_text(detail: dict[str, Any]) -> str:
    def plain(value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(plain(v) for v in value)
        return "—" if value is None or value == "" else str(value)

    return "; ".join(f"{key}: {plain(value)}" for key, value in sorted(detail.items())) or "—"


@login_required
@require_any_role("privacy_officer")
def log(request: HttpRequest) -> HttpResponse:
    form, events = _search(request, Action.VIEW)
    context: dict[str, Any] = {"form": form, "page": None}
    if events is not None:
        events = _record(request, AuditAction.SEARCH, form, events)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
        rows = [(event, _detail_text(event.detail)) for event in page]
        query = request.GET.copy()
        query.pop("pagina", None)
        context.update(
            page=page,
            rows=rows,
            users=User.objects.in_bulk({e.actor_id for e, _ in rows if e.actor_id}),
            orgs=Organisation.objects.in_bulk(
                {e.organisation_id for e, _ in rows if e.organisation_id}
            ),
            query=query.urlencode(),
        )
    return render(request, "audit/log.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    # A spreadsheet would run text starting with these as a formula (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
@require_any_role("privacy_officer")
def log_csv(request: HttpRequest) -> HttpResponseBase:
    form, events = _search(request, Action.EXPORT)
    if events is None:
        return render(request, "audit/log.html", {"form": form, "page": None}, status=400)
    events = _record(request, AuditAction.EXPORT, form, events)
    usernames = dict(User.objects.values_list("pk", "username"))
    fields = [c for c in CSV_COLUMNS if c != "actor_username"]
    rows = events.order_by("seq").values(*fields).iterator(chunk_size=2000)
    writer = csv.writer(_Echo())

    def line(event: dict[str, Any]) -> str:
        event["occurred_at"] = event["occurred_at"].isoformat()
        event["actor_username"] = usernames.get(event["actor_id"], "")
        event["detail"] = json.dumps(event["detail"], sort_keys=True, ensure_ascii=False)
        return writer.writerow([_cell(event[c]) for c in CSV_COLUMNS])

    def stream() -> Iterator[str]:
        yield writer.writerow(CSV_COLUMNS)
        for event in rows:
            yield line(event)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
    return response
