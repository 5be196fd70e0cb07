"""The nomination form: one field per life domain for the concerns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from regie.core.domain import LifeDomain, TargetGroup
from regie.nominations.models import Nomination, Urgency
from regie.persons.forms import StyledForm

CONCERN_PREFIX = "concern_"


class NominationForm(StyledForm):
    """Everything is optional for a draft; ``nomination_submit`` enforces what submitting needs
    (target group, reasons, at least one concern)."""

    proposed_target_group = forms.ChoiceField(
        label=_("Voorgestelde doelgroep"),
        required=False,
        choices=[("", "—"), *TargetGroup.choices],
        help_text=_("Verplicht bij indienen."),
    )
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Urgency.choices)
    reasons = forms.CharField(
        label=_("Redenen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Verplicht bij indienen. Waarom is persoonsgerichte regie volgens u nodig?"),
    )
    tried_already = forms.CharField(
        label=_("Al geprobeerd"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welke hulp of aanpak is al ingezet, en met welk resultaat?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domain in LifeDomain:
            self.fields[CONCERN_PREFIX + domain.value] = forms.CharField(
                label=domain.label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ams-text-area"}),
            )

    @classmethod
    def initial_for(cls, nomination: Nomination) -> dict[str, str]:
        initial = {
            "proposed_target_group": nomination.proposed_target_group,
            "urgency": nomination.urgency,
            "reasons": nomination.reasons,
            "tried_already": nomination.tried_already,
        }
        for concern in nomination.concerns.all():
            initial[CONCERN_PREFIX + concern.domain] = concern.description
        return initial

    def main_fields(self) -> list[BoundField]:
        return [self[name] for name in self.fields if not name.startswith(CONCERN_PREFIX)]

    def concern_fields(self) -> list[BoundField]:
        return [self[name] for name in self.fields if name.startswith(CONCERN_PREFIX)]

    def service_data(self) -> dict[str, Any]:
        """The cleaned data in the shape ``nomination_save_draft`` takes."""
        data = self.cleaned_data
        return {
            "proposed_target_group": data["proposed_target_group"],
            "urgency": data["urgency"],
            "reasons": data["reasons"],
            "tried_already": data["tried_already"],
            "concerns": {
                name.removeprefix(CONCERN_PREFIX): value
                for name, value in data.items()
                if name.startswith(CONCERN_PREFIX)
            },
        }
