from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.access.models import ReviewOutcome


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Waarom moet u dit nu inzien, buiten uw eigen casussen? De functionaris "
            "gegevensbescherming beoordeelt elke doorbraak."
        ),
    )


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beoordeling"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
