"""The monitor's filter (page and CLI share its checks) and the analyst's experience form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Municipality
from regie.core.domain import TargetGroup
from regie.monitor.models import Experience, ExperienceKind, Theme
from regie.monitor.yearly import Scope, default_peildatum

FIRST_YEAR = 2000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def scope_from(
    *,
    year: int,
    peildatum: date | None,
    municipality: str = "",
    target_group: str = "",
    today: date | None = None,
) -> Scope:
    """A checked scope; raises ``ValidationError`` with a Dutch message for a year outside
    2000 … this year, a peildatum outside the year or in the future, or an unknown
    municipality or target group."""
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            _("Kies een jaar van %(first)s tot en met %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year}
        )
    peildatum = peildatum or default_peildatum(year, today)
    if peildatum.year != year:
        raise ValidationError(_("De peildatum moet in het gekozen jaar liggen."))
    if peildatum > today:
        raise ValidationError(_("De peildatum ligt in de toekomst."))
    if municipality and municipality not in Municipality.values:
        raise ValidationError(_("Onbekende gemeente: %(value)s.") % {"value": municipality})
    if target_group and target_group not in TargetGroup.values:
        raise ValidationError(_("Onbekende doelgroep: %(value)s.") % {"value": target_group})
    return Scope(year, peildatum, municipality, target_group)


class MonitorFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), required=False)
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        widget=DATE,
        help_text=_("Standaard 31 december, of vandaag in het lopende jaar."),
    )
    municipality = forms.ChoiceField(
        label=_("Woongemeente"),
        required=False,
        choices=[("", _("Hele regio")), *Municipality.choices],
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle doelgroepen")), *TargetGroup.choices],
    )

    def __init__(self, *args: Any, own_municipality_only: str = "", **kwargs: Any) -> None:
        """``own_municipality_only``: the one municipality a municipal contact may choose."""
        super().__init__(*args, **kwargs)
        if own_municipality_only:
            field = self.fields["municipality"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(own_municipality_only, Municipality(own_municipality_only).label)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            data["scope"] = scope_from(
                year=data.get("year") or timezone.localdate().year,
                peildatum=data.get("peildatum"),
                municipality=data.get("municipality") or "",
                target_group=data.get("target_group") or "",
            )
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return data


class ExperienceForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Eén of meer thema's."),
    )
    kind = forms.ChoiceField(label=_("Wie vertelt"), choices=ExperienceKind.choices)

    class Meta:
        model = Experience
        fields = ["kind", "year", "themes", "text", "consent_given", "consent_date", "included"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "consent_date": DATE}
        help_texts = {
            "text": _(
                "Let op: noem geen namen, adressen, geboortedata of andere herkenbare details. "
                "Het citaat staat in de monitor zonder verband met een persoon."
            )
        }
