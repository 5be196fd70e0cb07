"""Notifications for participating organisations, and the retention overview for the privacy
officer (terms, runs, extensions, a dry run on demand)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access.policy import scope
from regie.access.rules import Action
from regie.core.http import require_any_role
from regie.persons.models import Person
from regie.rights.forms import ExtendRetentionForm
from regie.rights.models import DeletionBatch, RetentionExtension
from regie.rights.retention.policy import kinds
from regie.rights.retention.run import retention_run
from regie.rights.selectors import notifications_for
from regie.rights.services.corrections import notification_mark_read
from regie.rights.services.retention import retention_extend
from regie.rights.views import FG, form_errors_from, user_of

NOTIFIED_ROLES = ("partner", "regisseur", "teamlead", "triage", "triage_chair")


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
    request: HttpRequest, form: ExtendRetentionForm | None = None, report: object = None
) -> HttpResponse:
    return render(
        request,
        "rights/retention.html",
        {
            "kinds": kinds(),
            "runs": DeletionBatch.objects.select_related("actor")[:20],
            "extensions": RetentionExtension.objects.select_related("created_by")[:50],
            "form": form or ExtendRetentionForm(),
            "report": report,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_any_role(FG)
def retention(request: HttpRequest) -> HttpResponse:
    return _retention_page(request)


@login_required
@require_any_role(FG)
@require_POST
def retention_dry_run(request: HttpRequest) -> HttpResponse:
    report = retention_run(actor=user_of(request), dry_run=True)
    return _retention_page(request, report=report)


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
