"""Forms of the contact point: every field with a Dutch label and hint; services do the checks."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.persons.models import normalise_bsn
from regie.rights.inzage.grounds import WithholdGround
from regie.rights.inzage.registry import Item
from regie.rights.models import RECTIFIABLE_FIELDS, RequesterKind, RequestKind
from regie.rights.retention.policy import kinds

DATE = forms.DateInput(attrs={"type": "date"})


class ReceiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=RequestKind.choices)
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=DATE,
        help_text=_(
            "De dag waarop het contactpunt het verzoek ontving; de termijn telt vanaf hier."
        ),
    )
    bsn = forms.CharField(
        label=_("BSN van de persoon"),
        required=False,
        max_length=20,
        help_text=_("Of vul achternaam en geboortedatum in."),
    )
    last_name = forms.CharField(label=_("Achternaam"), required=False, max_length=100)
    date_of_birth = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATE)
    requester_kind = forms.ChoiceField(
        label=_("Wie doet het verzoek?"),
        choices=RequesterKind.choices,
        widget=forms.RadioSelect,
        initial=RequesterKind.PERSON,
    )
    requester_name = forms.CharField(
        label=_("Naam ouder of voogd"),
        required=False,
        max_length=200,
        help_text=_("Alleen als een ouder of voogd het verzoek doet voor een minderjarige."),
    )
    description = forms.CharField(
        label=_("Wat wordt gevraagd"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld welk gegeven volgens de persoon onjuist is."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()

    def clean_bsn(self) -> str:
        return normalise_bsn(self.cleaned_data["bsn"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("bsn") and not (data.get("last_name") and data.get("date_of_birth")):
            raise forms.ValidationError(
                _("Vul het BSN in, of de achternaam en de geboortedatum van de persoon.")
            )
        return data


class ExtendForm(forms.Form):
    notice_on = forms.DateField(
        label=_("Verzoeker geïnformeerd op"),
        widget=DATE,
        help_text=_("Uiterlijk binnen de eerste maand na ontvangst."),
    )
    notice_text = forms.CharField(
        label=_("Bericht aan de verzoeker"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is gemeld, met de redenen voor de vertraging."),
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Uitkomst"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat met het verzoek is gedaan; dit krijgt de verzoeker te horen."),
    )
    legal_ground = forms.CharField(
        label=_("Juridische grondslag"),
        max_length=300,
        help_text=_("Bijvoorbeeld 'AVG art. 15', 'AVG art. 16' of 'AVG art. 17 lid 3 sub b'."),
    )


class EraseForm(CloseForm):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat alle gegevens van deze persoon definitief worden gewist."),
        help_text=_("Alleen grafstenen zonder persoonsgegevens en het auditlog blijven over."),
    )


class RectifyForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Gegeven"),
        choices=[(k, str(v).capitalize()) for k, v in RECTIFIABLE_FIELDS.items()],
    )
    new_value = forms.CharField(
        label=_("Juiste waarde"),
        required=False,
        max_length=200,
        help_text=_("Een datum als JJJJ-MM-DD; een keuze (gemeente, geslacht) als naam of code."),
    )
    ground = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom de oude waarde onjuist was: bron, bewijs."),
    )


class RestrictForm(forms.Form):
    ground = forms.CharField(
        label=_("Grond voor de beperking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld 'juistheid betwist, in onderzoek' (AVG art. 18 lid 1 sub a)."),
    )


class LiftForm(forms.Form):
    lift_ground = forms.CharField(
        label=_("Grond voor het opheffen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De betrokkene is vooraf geïnformeerd (AVG art. 18 lid 3)."),
    )


class WithholdForm(forms.Form):
    """One choice per withholdable item: show it, or withhold it on a legal ground."""

    def __init__(self, *args: Any, items: list[tuple[str, Item]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("Tonen"))] + [(g.value, g.label) for g in WithholdGround]
        self.items = items
        for index, (section, item) in enumerate(items):
            self.fields[f"item_{index}"] = forms.ChoiceField(
                label=f"{section}: {item.title}",
                choices=choices,
                required=False,
                initial=WithholdGround.OTHERS if item.suggest_withhold else "",
                help_text=_(
                    "Voorgesteld om in te houden (zichtbaar voor alleen de regisseur of één organisatie)."
                )
                if item.suggest_withhold
                else "",
            )

    def withheld(self) -> dict[str, str]:
        return {
            item.key: self.cleaned_data[f"item_{index}"]
            for index, (_section, item) in enumerate(self.items)
            if self.cleaned_data.get(f"item_{index}")
        }


class ExtendRetentionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort gegeven"))
    record_id = forms.IntegerField(label=_("Intern nummer"), min_value=1)
    justification = forms.CharField(
        label=_("Rechtvaardiging"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom het gegeven langer nodig is (minstens 20 tekens)."),
    )
    until = forms.DateField(label=_("Bewaren tot en met"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        kind_field = cast(forms.ChoiceField, self.fields["kind"])
        kind_field.choices = [(k.key, k.label) for k in kinds() if k.deletes]
