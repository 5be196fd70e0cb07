"""Forms translate HTTP input into service arguments; the services decide and validate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.cases.forms import DATE, WIDGET_CLASSES, StyledForm
from regie.cases.models import Goal
from regie.core.domain import ZRM_SCORES, LifeDomain
from regie.reviews.models import Answer, Decision, OutflowReason, Progress
from regie.reviews.services import ReviewContent

TEXT = forms.Textarea(attrs={"rows": 3})


def _radio(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=False, **kwargs
    )


class CaseVersionForm(StyledForm):
    """Every change to a case says which version of the case the user saw."""

    case_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReviewForm(CaseVersionForm):
    """A review: ZRM scores, progress per goal, the two questions, and (not for a correction)
    the decision with the next date or the outflow proposal. Required fields are checked by the
    service, which knows the decision."""

    held_on = forms.DateField(label=_("Datum van de toets"), widget=DATE)

    def __init__(
        self,
        *args: Any,
        goals: Iterable[Goal],
        previous_scores: Mapping[str, int] | None = None,
        correction: bool = False,
        decision: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        self.correction = correction
        for domain in LifeDomain:
            self.fields[f"score_{domain.value}"] = forms.TypedChoiceField(
                label=domain.label,
                coerce=int,
                empty_value=None,
                required=False,
                choices=[("", _("— kies een score —")), *ZRM_SCORES],
                initial=(previous_scores or {}).get(domain.value),
            )
        for goal in self.goals:
            self.fields[f"progress_{goal.pk}"] = forms.ChoiceField(
                label=_("Voortgang: %(goal)s") % {"goal": goal.description},
                choices=[("", _("— kies —")), *Progress.choices],
                required=False,
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Toelichting: %(goal)s") % {"goal": goal.description},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["added_value"] = _radio(
            _("Heeft de regie nog toegevoegde waarde?"), Answer.choices
        )
        self.fields["added_value_motivation"] = forms.CharField(
            label=_("Motivatie toegevoegde waarde"), required=False, widget=TEXT
        )
        self.fields["proportional"] = _radio(_("Is de inzet nog proportioneel?"), Answer.choices)
        self.fields["proportionality_motivation"] = forms.CharField(
            label=_("Motivatie proportionaliteit"), required=False, widget=TEXT
        )
        if not correction:
            self.fields["decision"] = _radio(_("Besluit"), Decision.choices)
        if not correction or decision == Decision.CONTINUE:
            self.fields["next_review_date"] = forms.DateField(
                label=_("Volgende toets"),
                required=False,
                widget=DATE,
                help_text=_("Bij voortzetten; uiterlijk de termijn van de doelgroep."),
            )
        if not correction:
            self.fields["outflow_reason"] = forms.ChoiceField(
                label=_("Reden van uitstroom"),
                choices=[("", _("— kies bij uitstroom —")), *OutflowReason.choices],
                required=False,
            )
            self.fields["outflow_reason_text"] = forms.CharField(
                label=_("Toelichting op de reden"),
                required=False,
                widget=TEXT,
                help_text=_("Verplicht bij 'anders'."),
            )
            self.fields["care_needed"] = forms.CharField(
                label=_("Welke zorg of ondersteuning is nog nodig?"),
                required=False,
                widget=TEXT,
                help_text=_("Uw voorstel voor het gezamenlijke oordeel bij de uitstroom."),
            )
        else:
            self.fields["correction_reason"] = forms.CharField(
                label=_("Wat klopte er niet in de eerdere vastlegging?"), widget=TEXT
            )
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES.items():
                if type(field.widget) is widget_type:
                    field.widget.attrs.setdefault("class", css)

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{d.value}"] for d in LifeDomain]

    def goal_fields(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"progress_{g.pk}"], self[f"note_{g.pk}"]) for g in self.goals]

    def question_fields(self) -> list[forms.BoundField]:
        names = (
            "added_value",
            "added_value_motivation",
            "proportional",
            "proportionality_motivation",
        )
        return [self[name] for name in names]

    def decision_fields(self) -> list[forms.BoundField]:
        names = (
            "decision",
            "next_review_date",
            "outflow_reason",
            "outflow_reason_text",
            "care_needed",
        )
        return [self[name] for name in names if name in self.fields]

    def content(self) -> ReviewContent:
        data = self.cleaned_data
        return ReviewContent(
            held_on=data["held_on"],
            scores={d.value: data[f"score_{d.value}"] for d in LifeDomain},
            progress={g.pk: (data[f"progress_{g.pk}"], data[f"note_{g.pk}"]) for g in self.goals},
            added_value=data["added_value"],
            added_value_motivation=data["added_value_motivation"],
            proportional=data["proportional"],
            proportionality_motivation=data["proportionality_motivation"],
            next_review_date=data.get("next_review_date"),
        )


class OutflowConfirmForm(CaseVersionForm):
    care_needed = forms.CharField(
        label=_("Gezamenlijk oordeel: welke zorg of ondersteuning is nog nodig?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class OutflowReturnForm(CaseVersionForm):
    note = forms.CharField(label=_("Waarom moet het voorstel terug?"), widget=TEXT, required=False)


class HandoverForm(StyledForm):
    receiving_organisation = forms.ModelChoiceField(
        label=_("Ontvangende organisatie"), queryset=Organisation.objects.none()
    )
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=200)
    contact_details = forms.CharField(
        label=_("Bereikbaar via"), max_length=200, help_text=_("Telefoonnummer of e-mailadres.")
    )
    what = forms.CharField(label=_("Wat wordt overgedragen"), widget=TEXT)
    handover_date = forms.DateField(
        label=_("Datum van overdracht"),
        widget=DATE,
        help_text=_("Vandaag of eerder: de overdracht heeft plaatsgevonden. Later: gepland."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["receiving_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(is_active=True).order_by("name")


class HandoverDoneForm(StyledForm):
    handed_over_on = forms.DateField(label=_("Overgedragen op"), widget=DATE)


class FollowUpForm(StyledForm):
    in_view = forms.TypedChoiceField(
        label=_("Is de persoon nog in beeld bij zorg of ondersteuning?"),
        choices=[("ja", _("Ja, nog in beeld")), ("nee", _("Nee, niet meer in beeld"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=TEXT,
        help_text=_("Bij wie de persoon in beeld is, of wat er is gedaan."),
    )


def initial_for(*, held_on: date, next_date: date, case_version: int) -> dict[str, Any]:
    return {"held_on": held_on, "next_review_date": next_date, "case_version": case_version}
