"""The published criteria (DESIGN.md §7): every set in plain Dutch, for every logged-in user."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from regie.criteria.describe import RuleLine, describe
from regie.criteria.models import CriteriaSet
from regie.criteria.selectors import criteria_set_in_force, criteria_sets


@dataclass(frozen=True)
class SetView:
    criteria_set: CriteriaSet
    in_force: bool
    hard_rules: list[RuleLine]
    exclusion_rules: list[RuleLine]
    necessity_rule: RuleLine


@login_required
def criteria_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sets = list(criteria_sets())
    in_force = set()
    for group in {s.target_group for s in sets}:
        current = criteria_set_in_force(group, today)
        if current is not None:
            in_force.add(current.pk)
    views = [
        SetView(
            criteria_set=s,
            in_force=s.pk in in_force,
            hard_rules=[describe(r) for r in s.document["hard_rules"]],
            exclusion_rules=[describe(r) for r in s.document["exclusion_rules"]],
            necessity_rule=describe(s.document["necessity_rule"]),
        )
        for s in sets
    ]
    return render(request, "criteria/list.html", {"sets": views, "today": today})
