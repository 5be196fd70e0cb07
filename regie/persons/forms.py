"""Forms for searching and registering persons and for recording a fact by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Municipality, Organisation
from regie.core.domain import OffenceCategory
from regie.persons.models import (
    AMSTERDAM_DISTRICTS,
    FactKind,
    Gender,
    OffenceRole,
    ResidenceStatus,
    elfproef,
    normalise_bsn,
)

_WIDGET_CLASSES = {
    forms.Select: "ams-select",
    forms.Textarea: "ams-text-area",
    forms.DateInput: "ams-date-input",
    forms.TextInput: "ams-text-input",
}


class StyledForm(forms.Form):
    """A form whose widgets carry the Amsterdam Design System classes. Fields are checked on
    the server only (the design system marks empty ``required`` fields red before any input)."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, widget=widget, **kwargs)


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class BsnField(forms.CharField):
    """A BSN as typed (spaces and dots allowed), checked with the elfproef."""

    def clean(self, value: Any) -> str:
        digits = normalise_bsn(super().clean(value) or "")
        if digits and not elfproef(digits):
            raise forms.ValidationError(
                _(
                    "Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."
                )
            )
        return digits


class PersonSearchForm(StyledForm):
    bsn = BsnField(label=_("BSN"), required=False, max_length=12)
    first_name = forms.CharField(label=_("Voornaam"), required=False, max_length=100)
    name_prefix = forms.CharField(label=_("Tussenvoegsel"), required=False, max_length=20)
    last_name = forms.CharField(label=_("Achternaam"), required=False, max_length=100)
    date_of_birth = _date_field(_("Geboortedatum"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("bsn") and not (data.get("last_name") and data.get("date_of_birth")):
            raise forms.ValidationError(
                _("Zoek op BSN, of op achternaam én geboortedatum (voornaam helpt).")
            )
        return data


class PersonForm(StyledForm):
    bsn = BsnField(
        label=_("BSN"),
        required=False,
        max_length=12,
        help_text=_("Niet verplicht, wel gecontroleerd met de elfproef."),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    name_prefix = forms.CharField(label=_("Tussenvoegsel"), required=False, max_length=20)
    last_name = forms.CharField(label=_("Achternaam"), max_length=100)
    date_of_birth = _date_field(_("Geboortedatum"))
    gender = forms.ChoiceField(label=_("Geslacht"), choices=_blank(Gender.choices))
    municipality = forms.ChoiceField(label=_("Woongemeente"), choices=_blank(Municipality.choices))
    district = forms.ChoiceField(
        label=_("Stadsdeel"),
        required=False,
        choices=_blank([(d, d) for d in AMSTERDAM_DISTRICTS]),
        help_text=_("Alleen voor Amsterdam."),
    )
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Shown on the same page as the search form, with the same field names.
        kwargs.setdefault("auto_id", "person_%s")
        super().__init__(*args, **kwargs)


class FactForm(StyledForm):
    kind = forms.ChoiceField(label=_("Soort feit"), choices=_blank(FactKind.choices))
    date = _date_field(_("Datum"), help_text=_("Datum van het feit of begin van de detentie."))
    category = forms.ChoiceField(
        label=_("Delictcategorie"),
        required=False,
        choices=_blank(OffenceCategory.choices),
        help_text=_("Bij een delict."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=_blank(OffenceRole.choices),
        help_text=_("Bij een delict."),
    )
    end_date = _date_field(_("Verwachte einddatum"), required=False, help_text=_("Bij detentie."))
    residence_status = forms.ChoiceField(
        label=_("Verblijfsstatus"),
        required=False,
        choices=_blank(ResidenceStatus.choices),
        help_text=_("Bij een verblijfsstatus-feit."),
    )
    municipality = forms.ChoiceField(
        label=_("Nieuwe gemeente"),
        required=False,
        choices=_blank(Municipality.choices),
        help_text=_("Bij een verhuizing."),
    )
    source_organisation = forms.ModelChoiceField(
        label=_("Bronorganisatie"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        help_text=_("De partner bij wie het feit geregistreerd is."),
    )
    external_key = forms.CharField(
        label=_("Kenmerk bij de bron"),
        required=False,
        max_length=100,
        help_text=_(
            "Bijvoorbeeld het registratienummer; voorkomt dubbel vastleggen bij een latere import."
        ),
    )
