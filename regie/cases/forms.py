"""Forms translate HTTP input into service arguments; the services decide and validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation, User
from regie.cases.models import (
    ActionStatus,
    ConsentGivenBy,
    Goal,
    GoalStatus,
    ParticipantRole,
    Relation,
    Scenario,
    ShortageType,
    Visibility,
)
from regie.core.domain import LifeDomain
from regie.core.widgets import LongSelect

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _user_label(user: User) -> str:
    return f"{user.get_full_name() or user.username} ({user.organisation})"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _user_label(obj)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _user_label(obj)


WIDGET_CLASSES = {
    forms.DateInput: "ams-date-input",
    forms.Textarea: "ams-text-area",
    forms.Select: "ams-select",
    forms.NumberInput: "ams-text-input",
    forms.TextInput: "ams-text-input",
}


class StyledForm(forms.Form):
    """Gives each widget its Amsterdam Design System class. Required fields are checked by the
    server, with Dutch messages, not marked invalid by the browser before anything is typed."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES.items():
                if type(field.widget) is widget_type:
                    field.widget.attrs.setdefault("class", css)


class PlanVersionForm(StyledForm):
    """Every plan edit says which version of the plan the user saw."""

    plan_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class GoalForm(PlanVersionForm):
    domain = forms.ChoiceField(label=_("Leefgebied"), choices=LifeDomain.choices)
    description = forms.CharField(label=_("Doel"), widget=TEXT)
    indicator = forms.CharField(
        label=_("Meetbare indicator"),
        max_length=300,
        help_text=_("Waaraan ziet u dat het doel bereikt is?"),
    )
    target_date = forms.DateField(label=_("Streefdatum"), widget=DATE)
    primary_scenario = forms.CharField(
        label=_("Primair scenario"), widget=TEXT, help_text=_("De gewenste route naar het doel.")
    )
    alternative_scenario = forms.CharField(
        label=_("Alternatief scenario"),
        widget=TEXT,
        help_text=_("Wat u doet als het primaire scenario vastloopt door een tekort."),
    )


class GoalStatusForm(PlanVersionForm):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[(v, label) for v, label in GoalStatus.choices if v != GoalStatus.OPEN],
    )
    reason = forms.CharField(label=_("Reden"), widget=TEXT)
    indicator = forms.CharField(
        label=_("Nieuwe indicator"), max_length=300, required=False, help_text=_("Bij bijstellen.")
    )
    target_date = forms.DateField(
        label=_("Nieuwe streefdatum"), widget=DATE, required=False, help_text=_("Bij bijstellen.")
    )


class ActionForm(PlanVersionForm):
    description = forms.CharField(label=_("Actie"), widget=TEXT)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Verantwoordelijke organisatie"), queryset=Organisation.objects.none()
    )
    owner = UserChoiceField(label=_("Uitvoerder"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DATE)

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        users: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["owner"].queryset = users  # type: ignore[attr-defined]


class ActionStatusForm(PlanVersionForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class ActionEditForm(ActionStatusForm):
    description = forms.CharField(label=_("Actie"), widget=TEXT)
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DATE)


class ScenarioForm(PlanVersionForm):
    description = forms.CharField(label=_("Alternatief scenario"), widget=TEXT)


class ScenarioBlockForm(PlanVersionForm):
    shortage_type = forms.ChoiceField(
        label=_("Waardoor loopt het vast?"), choices=ShortageType.choices, widget=forms.RadioSelect
    )
    shortage_other = forms.CharField(
        label=_("Ander tekort"), required=False, max_length=200, help_text=_("Bij 'anders'.")
    )
    blocked_on = forms.DateField(label=_("Vastgelopen op"), widget=DATE)
    waiting_time = forms.IntegerField(label=_("Verwachte wachttijd"), min_value=0, max_value=5000)
    waiting_unit = forms.ChoiceField(
        label=_("Eenheid"), choices=[("dagen", _("dagen")), ("weken", _("weken"))]
    )
    alternative = forms.ModelChoiceField(
        label=_("Alternatief dat u nu inzet"),
        queryset=Scenario.objects.none(),
        required=False,
        empty_label=_("(nog geen alternatief inzetten)"),
    )

    def __init__(self, *args: Any, alternatives: QuerySet[Scenario], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("blocked_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["alternative"].queryset = alternatives  # type: ignore[attr-defined]
        self.fields["alternative"].label_from_instance = lambda s: s.description  # type: ignore[attr-defined]

    def waiting_days(self) -> int:
        amount = self.cleaned_data["waiting_time"]
        return amount * 7 if self.cleaned_data["waiting_unit"] == "weken" else amount


class ParticipantForm(StyledForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.filter(is_active=True)
    )
    user = UserChoiceField(
        label=_("Medewerker"),
        queryset=User.objects.filter(is_active=True).select_related("organisation"),
        required=False,
        help_text=_("Leeg laten als de hele organisatie deelneemt."),
    )
    role = forms.ChoiceField(
        label=_("Rol in de casus"),
        choices=[(v, label) for v, label in ParticipantRole.choices if v != "regisseur"],
    )


class ConferenceForm(StyledForm):
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attendees = UserMultipleChoiceField(
        label=_("Aanwezige medewerkers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agenda = forms.CharField(label=_("Agenda"), widget=TEXT, required=False)
    minutes = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        users: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = users  # type: ignore[attr-defined]


class AgreementForm(StyledForm):
    description = forms.CharField(label=_("Afspraak"), widget=TEXT)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Wie voert het uit?"), queryset=Organisation.objects.none()
    )
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DATE)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = organisations  # type: ignore[attr-defined]


class AgreementToActionForm(PlanVersionForm):
    goal = forms.ModelChoiceField(label=_("Bij doel"), queryset=Goal.objects.none())

    def __init__(self, *args: Any, goals: QuerySet[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
        self.fields["goal"].label_from_instance = (  # type: ignore[attr-defined]
            lambda g: f"{g.get_domain_display()}: {g.description[:60]}"
        )


class JournalForm(StyledForm):
    text = forms.CharField(label=_("Nieuwe journaalregel"), widget=TEXT, max_length=5000)
    visibility = forms.ChoiceField(
        label=_("Zichtbaar voor"),
        choices=Visibility.choices,
        initial=Visibility.ALL_PARTICIPANTS,
        widget=forms.RadioSelect,
    )


class FamilyContactForm(StyledForm):
    relation = forms.ChoiceField(label=_("Relatie tot de regiepersoon"), choices=Relation.choices)
    offered = forms.CharField(
        label=_("Aangeboden steun"),
        widget=TEXT,
        help_text=_("Welke steun, door wie. Geen gegevens over strafzaken van het gezinslid."),
    )
    offered_on = forms.DateField(label=_("Aangeboden op"), widget=DATE)
    consent_given_by = forms.ChoiceField(
        label=_("Toestemming gegeven door"), choices=ConsentGivenBy.choices
    )
    consent_given_on = forms.DateField(label=_("Toestemming gegeven op"), widget=DATE)
    parents_consulted = forms.BooleanField(label=_("In overleg met de ouders"), required=False)
    parents_consulted_on = forms.DateField(
        label=_("Ouders geraadpleegd op"), widget=DATE, required=False
    )


class ReassignForm(StyledForm):
    regisseur = UserChoiceField(
        label=_("Nieuwe regisseur"),
        queryset=User.objects.none(),
        widget=LongSelect(attrs={"class": "ams-select"}),
    )
    case_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, regisseurs: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = regisseurs  # type: ignore[attr-defined]
