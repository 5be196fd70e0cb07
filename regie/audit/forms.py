from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import User


class AuditFilterForm(forms.Form):
    person = forms.IntegerField(
        label=_("Persoonsnummer"),
        required=False,
        min_value=1,
        help_text=_("Intern nummer van de persoon."),
    )
    # A username, not a drop-down: a national deployment has thousands of accounts, and a
    # <select> of all of them cost more to render than the rest of the page together.
    employee = forms.CharField(
        label=_("Medewerker"),
        required=False,
        max_length=150,
        help_text=_("Gebruikersnaam van de medewerker."),
    )
    start = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, employees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employees = employees if employees is not None else User.objects.none()

    def clean_employee(self) -> User | None:
        username = (self.cleaned_data.get("employee") or "").strip()
        if not username:
            return None
        user = self.employees.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen medewerker met deze gebruikersnaam."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return data

    def period(self) -> tuple[datetime | None, datetime | None]:
        def at_midnight(d: date | None) -> datetime | None:
            return timezone.make_aware(datetime.combine(d, time.min)) if d else None

        end = self.cleaned_data.get("end")
        return at_midnight(self.cleaned_data.get("start")), at_midnight(
            end + timedelta(days=1) if end else None
        )
