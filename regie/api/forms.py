"""Forms of the API-client administration (functional administration)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.api.models import ApiClient, ApiScope


def end_of(day: date | None) -> datetime | None:
    """A token "valid through" a date expires at the midnight after it (local time)."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


class ValidThroughField(forms.DateField):
    def __init__(self) -> None:
        super().__init__(
            label=_("Geldig tot en met"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Leeg: geldig tot het wordt ingetrokken."),
        )

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een latere datum."))


class ApiClientCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(is_active=True),
        help_text=_("De client handelt namens deze organisatie en ziet wat zij mag zien."),
    )
    name = forms.CharField(
        label=_("Naam van het systeem"), max_length=100, help_text=_("Bijv. 'BVH-koppeling'.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )
    valid_through = ValidThroughField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, name = data.get("organisation"), data.get("name")
        if (
            organisation
            and name
            and ApiClient.objects.filter(organisation=organisation, name=name).exists()
        ):
            self.add_error("name", _("Deze organisatie heeft al een client met deze naam."))
        return data


class TokenRotateForm(forms.Form):
    overlap_hours = forms.TypedChoiceField(
        label=_("Oude tokens"),
        choices=[
            (0, _("Direct intrekken")),
            (24, _("Nog 24 uur geldig laten (overstaptijd)")),
        ],
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
    )
    valid_through = ValidThroughField()
