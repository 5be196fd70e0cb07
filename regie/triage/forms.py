"""Forms of the triage screens. They translate HTTP to service arguments, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import User
from regie.core.domain import ZRM_SCORES, LifeDomain, PartnerDomain, TargetGroup
from regie.core.widgets import LongSelect
from regie.nominations.models import NominationOutcome, NominationStatus, Urgency
from regie.triage.models import QUESTIONS, Answer, Assessment
from regie.triage.selectors import AGE_BANDS, WAITING_BANDS, QueueFilters, regisseurs

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_WIDGET_CLASSES = (
    (forms.Select, "ams-select"),
    (forms.Textarea, "ams-text-area"),
    (forms.DateInput, "ams-date-input"),
)


class StyledForm(forms.Form):
    """Gives the widgets the Amsterdam Design System classes. No ``required`` attribute: the
    server says what is missing, and the browser would otherwise mark empty fields red on load."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        for field in self.fields.values():
            for widget_type, css_class in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css_class)


class QueueFilterForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Open (ingediend of in triage)")),
            (NominationStatus.SUBMITTED, NominationStatus.SUBMITTED.label),
            (NominationStatus.IN_TRIAGE, NominationStatus.IN_TRIAGE.label),
            (NominationStatus.DECIDED, NominationStatus.DECIDED.label),
            (NominationStatus.WITHDRAWN, NominationStatus.WITHDRAWN.label),
            ("alle", _("Alle")),
        ],
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"), required=False, choices=[("", _("Alle")), *TargetGroup.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Leeftijd"),
        required=False,
        choices=[("", _("Alle")), *((k, _("%s jaar") % k) for k in AGE_BANDS)],
    )
    waiting = forms.ChoiceField(
        label=_("Wachttijd"),
        required=False,
        choices=[("", _("Alle")), *((k, _("%s dagen") % k) for k in WAITING_BANDS)],
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"), required=False, choices=[("", _("Alle")), *Urgency.choices]
    )

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return QueueFilters(
            status=data.get("status") or "open",
            target_group=data.get("target_group", ""),
            age_band=data.get("age_band", ""),
            waiting=data.get("waiting", ""),
            urgency=data.get("urgency", ""),
        )


class AssessmentForm(StyledForm):
    """ZRM score + substantiation per life domain, and the four questions with motivation."""

    def __init__(self, *args: Any, assessment: Assessment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scores = {s.domain: s for s in assessment.scores.all()} if assessment else {}
        for domain in LifeDomain:
            row = scores.get(domain.value)
            self.fields[f"score_{domain.value}"] = forms.TypedChoiceField(
                label=_("Score"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("— nog niet gescoord —")), *ZRM_SCORES],
                initial=row.score if row else None,
            )
            self.fields[f"substantiation_{domain.value}"] = forms.CharField(
                label=_("Onderbouwing"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.substantiation if row else "",
            )
        self.fields["partner_domains"] = forms.MultipleChoiceField(
            label=_("Partnerdomeinen waarvan inzet nodig is"),
            help_text=_(
                "Vink elk domein aan waarvan de inzet van partners nodig is. De noodzaakregel "
                "van de criteria telt deze domeinen; niets aanvinken betekent: geen."
            ),
            required=False,
            choices=[(d.value, d.label) for d in PartnerDomain],
            widget=forms.CheckboxSelectMultiple,
            initial=(assessment.partner_domains or []) if assessment else [],
        )
        for question, (label, help_text) in QUESTIONS.items():
            self.fields[question] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                initial=getattr(assessment, question, ""),
            )
            self.fields[f"{question}_motivation"] = forms.CharField(
                label=_("Motivatie"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=getattr(assessment, f"{question}_motivation", ""),
            )
        self.style_widgets()

    def domain_rows(self) -> list[tuple[LifeDomain, forms.BoundField, forms.BoundField]]:
        return [
            (d, self[f"score_{d.value}"], self[f"substantiation_{d.value}"]) for d in LifeDomain
        ]

    def question_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[q], self[f"{q}_motivation"]) for q in QUESTIONS]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        return {
            d.value: (
                self.cleaned_data[f"score_{d.value}"],
                self.cleaned_data[f"substantiation_{d.value}"],
            )
            for d in LifeDomain
        }

    def answers(self) -> dict[str, tuple[str, str]]:
        return {q: (self.cleaned_data[q], self.cleaned_data[f"{q}_motivation"]) for q in QUESTIONS}

    def partner_domains(self) -> list[str]:
        return sorted(self.cleaned_data["partner_domains"])

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            field = f"substantiation_{key}" if f"substantiation_{key}" in self.fields else None
            for message in messages:
                self.add_error(field, message)


class RegisseurChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.organisation})"


class DecisionForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Voorstel"), choices=NominationOutcome.choices, widget=forms.RadioSelect
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", "—"), *TargetGroup.choices],
        help_text=_("Bij toelating."),
    )
    regisseur = RegisseurChoiceField(
        label=_("Regisseur"),
        queryset=User.objects.none(),
        required=False,
        widget=LongSelect(attrs={"class": "ams-select"}),
        help_text=_("Bij toelating."),
    )
    first_review_date = forms.DateField(
        label=_("Eerste toets"), required=False, widget=DATE_INPUT, help_text=_("Bij toelating.")
    )
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij afwijzing."),
    )
    referral_advice = forms.CharField(
        label=_("Verwijsadvies"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij afwijzing: welke aanpak of organisatie past wel?"),
    )
    motivation = forms.CharField(
        label=_("Motivatie van het besluit"), widget=forms.Textarea(attrs={"rows": 4})
    )
    override_motivation = forms.CharField(
        label=_("Motivatie afwijking van de criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht als u toelaat terwijl de harde criteria niet zijn voldaan, of afwijst "
            "terwijl ze wel zijn voldaan."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = regisseurs()  # type: ignore[attr-defined]
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == NominationOutcome.ADMITTED:
            for field, message in (
                ("target_group", _("Kies de doelgroep.")),
                ("regisseur", _("Kies de regisseur.")),
                ("first_review_date", _("Geef de datum van de eerste toets.")),
            ):
                if not data.get(field):
                    self.add_error(field, message)
        elif data.get("kind") == NominationOutcome.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef de reden van de afwijzing."))
        return data


class ReturnForm(StyledForm):
    note = forms.CharField(
        label=_("Toelichting voor triage"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf wat triage nog moet doen.")},
    )


class PostponeForm(StyledForm):
    ground = forms.CharField(
        label=_("Grond voor uitstel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de grond voor het uitstel.")},
    )
    until = forms.DateField(
        label=_("Uitgesteld tot"),
        widget=DATE_INPUT,
        error_messages={
            "required": _("Geef de datum waarop de brief uiterlijk wordt verstuurd."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
