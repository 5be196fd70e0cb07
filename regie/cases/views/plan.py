"""The plan van aanpak: goals, actions and scenarios, edited in place with HTMX.

Every change goes through a service. An HTMX change answers with the whole plan section
(``#plan``), so every form on it carries the fresh plan version; a form with errors answers with
itself. A stale version answers with the current plan and the conflict message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from regie.accounts.models import User
from regie.cases import selectors
from regie.cases.forms import (
    ActionEditForm,
    ActionForm,
    ActionStatusForm,
    GoalForm,
    GoalStatusForm,
    PlanVersionForm,
    ScenarioBlockForm,
    ScenarioForm,
)
from regie.cases.models import Action, Case, ScenarioStatus
from regie.cases.services import (
    action_add,
    action_update,
    goal_add,
    goal_set_status,
    scenario_activate,
    scenario_add,
    scenario_block,
)
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


def _context(user: User, case: Case, **extra: Any) -> dict[str, Any]:
    return {**case_context(user, case), **plan_context(case), **extra}


def _plan_url(case: Case, anchor: str = "plan") -> str:
    return reverse("cases:detail", args=[case.pk]) + f"#{anchor}"


def _plan_section(request: HttpRequest, case: Case, **extra: Any) -> HttpResponse:
    response = render(request, "cases/_plan.html", _context(acting_user(request), case, **extra))
    return reswap(retarget(response, "#plan"), "outerHTML")


def _changed(request: HttpRequest, case: Case, notice: str, anchor: str = "plan") -> HttpResponse:
    if is_htmx(request):
        return _plan_section(request, case, plan_notice=notice)
    messages.success(request, notice)
    return redirect(_plan_url(case, anchor))


def _failed(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    error: ValidationError,
    *,
    fragment: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A stale plan answers (for HTMX) with the current plan and the message; anything else
    with the form and its errors, in place or as a page."""
    if is_htmx(request) and getattr(error, "code", None) == "stale":
        case.plan.refresh_from_db(fields=["version"])
        return _plan_section(request, case, plan_error=error.messages[0])
    apply_errors(form, error)
    template = fragment if is_htmx(request) else "cases/form_page.html"
    return render(request, template, {**context, "case": case, "form": form})


def _version_initial(case: Case) -> dict[str, Any]:
    return {"plan_version": case.plan.version}


@login_required
def plan(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id)
    return page_or_fragment(
        request,
        page="cases/plan_page.html",
        fragment="cases/_plan.html",
        context=_context(user, case),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    form = GoalForm(request.POST or None, initial=_version_initial(case))
    context = {"title": _("Doel toevoegen"), "submit": _("Doel toevoegen")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = goal_add(
                actor=user,
                case=case,
                domain=data["domain"],
                description=data["description"],
                indicator=data["indicator"],
                target_date=data["target_date"],
                primary_scenario=data["primary_scenario"],
                alternative_scenarios=[data["alternative_scenario"]],
                seen_version=data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/form_page.html", context=context
            )
        return _changed(request, case, _("Doel toegevoegd."), anchor=f"doel-{goal.pk}")
    return render(request, "cases/form_page.html", {**context, "case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    goal = selectors.plan_goal(case, goal_id) or deny(
        request, object_type="goal", object_id=goal_id
    )
    form = GoalStatusForm(request.POST or None, initial=_version_initial(case))
    context = {"goal": goal, "title": _("Doel afsluiten of bijstellen"), "submit": _("Opslaan")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal_set_status(
                actor=user,
                case=case,
                goal=goal,
                status=data["status"],
                reason=data["reason"],
                indicator=data["indicator"],
                target_date=data["target_date"],
                seen_version=data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/_goal_status_form.html", context=context
            )
        return _changed(request, case, _("Doel bijgewerkt."), anchor=f"doel-{goal.pk}")
    template = "cases/_goal_status_form.html" if is_htmx(request) else "cases/form_page.html"
    return render(request, template, {**context, "case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    goal = selectors.plan_goal(case, goal_id) or deny(
        request, object_type="goal", object_id=goal_id
    )
    form = ActionForm(
        request.POST or None,
        initial=_version_initial(case),
        organisations=selectors.participating_organisations(case),
        users=selectors.participating_users(case),
    )
    context = {"goal": goal, "title": _("Actie toevoegen"), "submit": _("Actie toevoegen")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action_add(
                actor=user,
                case=case,
                goal=goal,
                description=data["description"],
                responsible_organisation=data["responsible_organisation"],
                owner=data["owner"],
                due_date=data["due_date"],
                seen_version=data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/form_page.html", context=context
            )
        return _changed(request, case, _("Actie toegevoegd."), anchor=f"doel-{goal.pk}")
    return render(request, "cases/form_page.html", {**context, "case": case, "form": form})


def _editable_action(
    request: HttpRequest, case_id: int, action_id: int
) -> tuple[User, Case, Action]:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    action = selectors.plan_action(case, action_id)
    if action is None:
        deny(request, object_type="action", object_id=action_id)
    return user, case, action


@login_required
@require_http_methods(["GET", "POST"])
def action_status(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """GET: the action (its row, for HTMX). POST: its new status and note, by the regisseur or
    a participant of the responsible organisation."""
    user, case, action = _editable_action(request, case_id, action_id)
    context = {
        **_context(user, case),
        "action": action,
        "title": _("Actie bijwerken"),
        "submit": _("Bijwerken"),
    }
    if request.method == "GET":
        return page_or_fragment(
            request, page="cases/plan_page.html", fragment="cases/_action.html", context=context
        )
    may_update = context["is_regisseur"] or (
        context["can_contribute"] and action.responsible_organisation_id == user.organisation_id
    )
    if not may_update:
        deny(request, object_type="action", object_id=action.pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        return render(request, "cases/_action.html", {**context, "form": form})
    try:
        action_update(
            actor=user,
            case=case,
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            seen_version=form.cleaned_data["plan_version"],
        )
    except ValidationError as exc:
        return _failed(request, case, form, exc, fragment="cases/_action.html", context=context)
    return _changed(request, case, _("Actie bijgewerkt."), anchor=f"actie-{action.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """The regisseur changes what, when and status of an action, in place."""
    user, case, action = _editable_action(request, case_id, action_id)
    require_case_regisseur(request, case)
    initial = {
        **_version_initial(case),
        "description": action.description,
        "due_date": action.due_date,
        "status": action.status,
        "note": action.note,
    }
    form = ActionEditForm(request.POST or None, initial=initial)
    context = {"action": action, "title": _("Actie wijzigen"), "submit": _("Opslaan")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action_update(
                actor=user,
                case=case,
                action=action,
                status=data["status"],
                note=data["note"],
                description=data["description"],
                due_date=data["due_date"],
                seen_version=data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/_action_edit.html", context=context
            )
        return _changed(request, case, _("Actie bijgewerkt."), anchor=f"actie-{action.pk}")
    template = "cases/_action_edit.html" if is_htmx(request) else "cases/form_page.html"
    return render(request, template, {**context, "case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    goal = selectors.plan_goal(case, goal_id) or deny(
        request, object_type="goal", object_id=goal_id
    )
    form = ScenarioForm(request.POST or None, initial=_version_initial(case))
    context = {"goal": goal, "title": _("Alternatief verkennen"), "submit": _("Toevoegen")}
    if request.method == "POST" and form.is_valid():
        try:
            scenario_add(
                actor=user,
                case=case,
                goal=goal,
                description=form.cleaned_data["description"],
                seen_version=form.cleaned_data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/form_page.html", context=context
            )
        return _changed(request, case, _("Alternatief scenario toegevoegd."), f"doel-{goal.pk}")
    return render(request, "cases/form_page.html", {**context, "case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_block_view(request: HttpRequest, case_id: int, scenario_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=request.method == "GET")
    require_case_regisseur(request, case)
    scenario = selectors.plan_scenario(case, scenario_id)
    if scenario is None:
        deny(request, object_type="scenario", object_id=scenario_id)
    alternatives = scenario.goal.scenarios.filter(status=ScenarioStatus.EXPLORED).exclude(
        pk=scenario.pk
    )
    form = ScenarioBlockForm(
        request.POST or None, initial=_version_initial(case), alternatives=alternatives
    )
    context = {
        "scenario": scenario,
        "title": _("Scenario loopt vast"),
        "intro": scenario.description,
        "submit": _("Vastleggen"),
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scenario_block(
                actor=user,
                case=case,
                scenario=scenario,
                shortage_type=data["shortage_type"],
                shortage_other=data["shortage_other"],
                blocked_on=data["blocked_on"],
                expected_wait_days=form.waiting_days(),
                alternative=data["alternative"],
                seen_version=data["plan_version"],
            )
        except ValidationError as exc:
            return _failed(
                request, case, form, exc, fragment="cases/form_page.html", context=context
            )
        notice = (
            _("Tekort vastgelegd en alternatief ingezet.")
            if data["alternative"]
            else _("Tekort vastgelegd.")
        )
        return _changed(request, case, notice, anchor=f"doel-{scenario.goal_id}")
    return render(request, "cases/form_page.html", {**context, "case": case, "form": form})


@login_required
def scenario_activate_view(request: HttpRequest, case_id: int, scenario_id: int) -> HttpResponse:
    user = acting_user(request)
    case = selectors.case_get(user, case_id, audit=False)
    require_case_regisseur(request, case)
    scenario = selectors.plan_scenario(case, scenario_id)
    if scenario is None:
        deny(request, object_type="scenario", object_id=scenario_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PlanVersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Laad de pagina opnieuw en probeer het nog eens."))
        scenario_activate(
            actor=user, case=case, scenario=scenario, seen_version=form.cleaned_data["plan_version"]
        )
    except ValidationError as exc:
        if is_htmx(request):
            case.plan.refresh_from_db(fields=["version"])
            return _plan_section(request, case, plan_error=" ".join(exc.messages))
        messages.error(request, " ".join(exc.messages))
        return redirect(_plan_url(case))
    return _changed(request, case, _("Alternatief scenario ingezet."), f"doel-{scenario.goal_id}")
