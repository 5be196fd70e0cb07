"""Notifications for participating organisations, and the retention overview for the privacy
officer (terms, runs, extensions, a dry run on demand as a background task)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from regie.access.policy import scope
from regie.access.rules import Action
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.http import is_htmx, require_any_role
from regie.persons.models import Person
from regie.rights.forms import ExtendRetentionForm
from regie.rights.models import DeletionBatch, RetentionExtension
from regie.rights.retention.policy import kinds
from regie.rights.selectors import notifications_for
from regie.rights.services.corrections import notification_mark_read
from regie.rights.services.retention import retention_extend
from regie.rights.tasks import retention_dry_run as dry_run_task
from regie.rights.views import FG, form_errors_from, user_of

NOTIFIED_ROLES = ("partner", "regisseur", "teamlead", "triage", "triage_chair")
NO_WORKER_AFTER = timedelta(minutes=1)


@login_required
@require_any_role(*NOTIFIED_ROLES)
def notifications(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    page = Paginator(notifications_for(user), 25).get_page(request.GET.get("pagina"))
    visible = set(
        scope(user, Action.VIEW, Person)
        .filter(pk__in=[n.person_id for n in page if n.person_id])
        .values_list("pk", flat=True)
    )
    return render(request, "rights/notifications.html", {"page": page, "visible": visible})


@login_required
@require_any_role(*NOTIFIED_ROLES)
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    notification = notifications_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    notification_mark_read(actor=user, notification=notification)
    return redirect("rights:notifications")


def _retention_page(
    request: HttpRequest, form: ExtendRetentionForm | None = None, dry_run: TaskResult | None = None
) -> HttpResponse:
    return render(
        request,
        "rights/retention.html",
        {
            "kinds": kinds(),
            "runs": DeletionBatch.objects.select_related("actor")[:20],
            "extensions": RetentionExtension.objects.select_related("created_by")[:50],
            "form": form or ExtendRetentionForm(),
            "dry_run": _dry_run_view(request, dry_run) if dry_run else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _dry_run_of(task_id: UUID) -> TaskResult:
    """The dry run with this id; any other task, or none, is not found."""
    try:
        return dry_run_task.get_result(str(task_id))
    except (TaskResultDoesNotExist, TaskResultMismatch):
        raise Http404 from None


def _dry_run_view(request: HttpRequest, result: TaskResult) -> dict[str, Any]:
    """What the page shows of a dry run: its status and, once it is done, the summary (whose
    held records say which persons have an open request or a restriction: audited)."""
    waiting = result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    queued_since = result.enqueued_at or timezone.now()
    view: dict[str, Any] = {
        "id": result.id,
        "status": result.status,
        "waiting": waiting,
        "enqueued_at": result.enqueued_at,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        # Still in the queue after a minute: no worker takes it.
        "no_worker": result.status == TaskResultStatus.READY
        and timezone.now() - queued_since > NO_WORKER_AFTER,
    }
    if result.status == TaskResultStatus.SUCCESSFUL:
        value = result.return_value or {}
        _audit_dry_run(request, value, AuditAction.VIEW, held=len(value["held"]))
        view["kinds"] = [
            {**kind, "first": _day(kind["first"]), "last": _day(kind["last"])}
            for kind in value["kinds"]
        ]
        view["total"] = value["total"]
        view["held"] = [
            {"label": label, "record_id": pk, "trigger": _day(trigger), "reason": reason}
            for _kind, label, pk, trigger, reason in value["held"]
        ]
        view["kept"] = sum(value["kept"].values())
    return view


def _audit_dry_run(
    request: HttpRequest, value: dict[str, Any], action: AuditAction, **detail: int
) -> None:
    audit_record(
        action=action,
        actor=user_of(request),
        object_type="retention_run",
        object_id=value["batch"],
        detail={"dry_run": True, **detail},
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@login_required
@require_any_role(FG)
def retention(request: HttpRequest) -> HttpResponse:
    return _retention_page(request)


@login_required
@require_any_role(FG)
@require_POST
def retention_dry_run(request: HttpRequest) -> HttpResponse:
    """Put the dry run in the queue and show its status: the worker runs it."""
    result = dry_run_task.enqueue(actor_id=user_of(request).pk)
    return redirect("rights:retention_dry_run_result", task_id=result.id)


@login_required
@require_any_role(FG)
def retention_dry_run_result(request: HttpRequest, task_id: UUID) -> HttpResponse:
    """The retention page with the dry run's status or result; to HTMX (which asks again every
    few seconds while the run waits or runs) only the dry run's section."""
    result = _dry_run_of(task_id)
    if is_htmx(request):
        return render(request, "rights/_dry_run.html", {"dry_run": _dry_run_view(request, result)})
    return _retention_page(request, dry_run=result)


@login_required
@require_any_role(FG)
def retention_dry_run_csv(request: HttpRequest, task_id: UUID) -> HttpResponse:
    """Every record the dry run found, as CSV (kind, internal number, start of the term)."""
    result = _dry_run_of(task_id)
    if result.status != TaskResultStatus.SUCCESSFUL:
        raise Http404
    value = result.return_value or {}
    _audit_dry_run(request, value, AuditAction.EXPORT, rows=value["total"])
    response = HttpResponse(
        value["csv"].encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="proefdraai-bewaartermijnen-{value["today"]}.csv"'
    )
    return response


@login_required
@require_any_role(FG)
@require_POST
def retention_extension(request: HttpRequest) -> HttpResponse:
    form = ExtendRetentionForm(request.POST)
    if form.is_valid():
        try:
            retention_extend(actor=user_of(request), **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Bewaartermijn verlengd."))
            return redirect("rights:retention")
    return _retention_page(request, form=form)
