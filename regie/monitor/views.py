"""The yearly monitor page and downloads, and the analyst's register of experiences."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regie.access.policy import access
from regie.access.rules import Action, Org, Part, decide
from regie.accounts.models import User
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.http import require_any_role
from regie.monitor.exports import FORMATS, audit_detail, context, monitor_export
from regie.monitor.forms import ExperienceForm, MonitorFilterForm
from regie.monitor.models import Experience
from regie.monitor.selectors import (
    experiences_for,
    experiences_in_monitor,
    may_see_monitor,
    monitor_scope,
    own_municipality,
)
from regie.monitor.services import experience_change, experience_create
from regie.monitor.tables import build_monitor
from regie.monitor.yearly import Scope

MONITOR_ROLES = ("analyst", "oversight", "teamlead", "municipality")


def _form(request: HttpRequest) -> MonitorFilterForm:
    """The filter; a user who may see only their own municipality gets it filled in and as the
    only choice (asking for another one by URL still answers "not found")."""
    user = request.user
    assert isinstance(user, User)
    data = request.GET.copy()
    if may_see_monitor_region(user):
        return MonitorFilterForm(data)
    own = own_municipality(user)
    asked = data.get("municipality") or own
    data["municipality"] = asked
    if asked != own:
        monitor_scope(user, Scope(2000, date(2000, 1, 1), asked))
    return MonitorFilterForm(data, own_municipality_only=own)


def may_see_monitor_region(user: User) -> bool:
    return decide(user.role_codes, "monitor", Org.OTHER, Part.NO, Action.VIEW)


@login_required
@require_any_role(*MONITOR_ROLES)
def yearly(request: HttpRequest) -> HttpResponse:
    """The yearly monitor for the chosen year, peildatum, municipality and target group."""
    if not may_see_monitor(request.user):
        raise Http404
    form = _form(request)
    if not form.is_valid():
        return render(request, "monitor/yearly.html", {"form": form, "monitor": None}, status=400)
    scope: Scope = monitor_scope(request.user, form.cleaned_data["scope"])
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in FORMATS:
            raise Http404
        scope = monitor_scope(request.user, scope, Action.EXPORT)
        body, content_type = monitor_export(actor=request.user, scope=scope, format=fmt)  # type: ignore[arg-type]
        response = HttpResponse(body, content_type=content_type)
        name = f"jaarmonitor-{scope.year}-{scope.peildatum.isoformat()}"
        if scope.municipality:
            name += f"-{scope.municipality}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    monitor = build_monitor(scope)
    audit_record(
        action=AuditAction.VIEW,
        actor=request.user,
        object_type="monitor",
        detail=audit_detail(scope),
    )
    query = request.GET.copy()
    query.pop("format", None)
    query.update(
        {
            "year": str(scope.year),
            "peildatum": scope.peildatum.isoformat(),
            "municipality": scope.municipality,
            "target_group": scope.target_group,
        }
    )
    return render(
        request,
        "monitor/yearly.html",
        {
            "form": form,
            "query": query.urlencode(),
            **context(monitor, list(experiences_in_monitor(scope.year))),
        },
    )


@login_required
@require_any_role("analyst")
def experience_list(request: HttpRequest) -> HttpResponse:
    experiences = list(experiences_for(request.user))
    audit_record(
        action=AuditAction.VIEW,
        actor=request.user,
        object_type="experience_list",
        detail={"count": len(experiences)},
    )
    return render(request, "monitor/experiences.html", {"experiences": experiences})


@login_required
@require_any_role("analyst")
def experience_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    experience = access(user, Action.CHANGE, Experience, pk=pk, audit=False) if pk else None
    form = ExperienceForm(request.POST or None, instance=experience)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in ExperienceForm.Meta.fields}
        try:
            if experience is None:
                experience_create(actor=user, **data)
            else:
                experience_change(actor=user, experience=experience, **data)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("De ervaring is opgeslagen."))
            return redirect("monitor:experiences")
    return render(request, "monitor/experience_form.html", {"form": form, "experience": experience})
