from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.domain import TargetGroup
from regie.criteria.models import CriteriaSet
from regie.governance.models import Body, DocumentKind

DATE = forms.DateInput(attrs={"type": "date"})


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld de vraag aan de commissie."),
    )


class AdviceForm(forms.Form):
    body = forms.ChoiceField(label=_("Commissie"), choices=Body.choices, initial=Body.LEGALITY)
    advice_date = forms.DateField(label=_("Datum van het advies"), widget=DATE)
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst van het advies"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Het advies zelf of een getrouwe samenvatting; geen persoonsgegevens."),
    )


class AdoptForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Geldig vanaf"), widget=DATE, help_text=_("De eerste dag waarop de set geldt.")
    )
    note = forms.CharField(
        label=_("Besluit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld hoe het advies is verwerkt."),
    )


class ExpireForm(forms.Form):
    last_day = forms.DateField(label=_("Laatste geldige dag"), widget=DATE)
    note = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom de set vervalt."),
    )


class DocumentForm(forms.Form):
    body = forms.ChoiceField(label=_("Commissie"), choices=Body.choices)
    kind = forms.ChoiceField(label=_("Soort"), choices=DocumentKind.choices)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De tekst of samenvatting; geen persoonsgegevens."),
    )
    criteria_set = forms.ModelChoiceField(
        label=_("Over criteriaset"),
        queryset=CriteriaSet.objects.order_by("target_group", "-version"),
        required=False,
        help_text=_("Of vul de periode in waarover het document gaat."),
    )
    period_start = forms.DateField(label=_("Periode vanaf"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("Periode tot en met"), widget=DATE, required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DATE)
    end = forms.DateField(label=_("Tot en met"), widget=DATE)

    def __init__(self, data: Any = None, *, days: int = 30, **kwargs: Any):
        today = timezone.localdate()
        super().__init__(data, **kwargs)
        self.fields["start"].initial = today - timedelta(days=days)
        self.fields["end"].initial = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Het einde van de periode ligt vóór het begin."))
        return data

    def period(self) -> tuple[date, date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.fields["start"].initial, self.fields["end"].initial


class SampleForm(forms.Form):
    target_group = forms.ChoiceField(
        label=_("Doelgroep"), choices=[("", _("Alle")), *list(TargetGroup.choices)], required=False
    )
    start = forms.DateField(label=_("Besloten vanaf"), widget=DATE, required=False)
    end = forms.DateField(label=_("Besloten tot en met"), widget=DATE, required=False)
    size = forms.IntegerField(
        label=_("Aantal"), min_value=1, max_value=100, initial=20, required=False
    )
