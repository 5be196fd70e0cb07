"""The privacy officer's filter over the audit log: one person, one employee, a period."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import User

# Outside this range a date cannot be a moment of Regie's audit log, and near the calendar's
# ends the conversion to UTC would overflow.
EARLIEST = date(2000, 1, 1)
LATEST = date(2999, 12, 31)
_PERIOD_ERROR = _("Kies een datum tussen 2000 en 2999.")


class EmployeeField(forms.ModelChoiceField):
    """An employee by username, typed in: a list of every employee (800 at national scale) is
    no way to pick one, and rendering it took most of the page. A number is taken as the
    employee's id, as the links from the list of anomalies carry it."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _("Er is geen medewerker met deze gebruikersnaam of dit nummer."),
    }

    def to_python(self, value: Any) -> User | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        lookup: dict[str, Any] = (
            {"pk": int(text)}
            if text.isdigit() and len(text) <= 18
            else {"username__iexact": text[:150]}
        )
        found = self.queryset.filter(**lookup)[:2]  # type: ignore[union-attr]
        if len(found) != 1:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return found[0]

    def prepare_value(self, value: Any) -> Any:
        return value.username if isinstance(value, User) else value

    def bound_data(self, data: Any, initial: Any) -> Any:
        """Show the employee found by their own username (also when a number was given)."""
        try:
            return self.to_python(data) or data
        except forms.ValidationError:
            return data


class AuditFilterForm(forms.Form):
    person = forms.IntegerField(
        label=_("Persoonsnummer"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Intern nummer van de regiepersoon."),
    )
    employee = EmployeeField(
        label=_("Medewerker"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Gebruikersnaam van wie de handelingen verrichtte."),
    )
    start = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Eerste dag van de periode."),
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laatste dag van de periode."),
    )

    def __init__(self, *args: Any, employees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if employees is not None:
            self.fields["employee"].queryset = employees  # type: ignore[attr-defined]

    def _clean_day(self, name: str) -> date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_PERIOD_ERROR)
        return day

    def clean_start(self) -> date | None:
        return self._clean_day("start")

    def clean_end(self) -> date | None:
        return self._clean_day("end")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return data

    def period(self) -> tuple[datetime | None, datetime | None]:
        """``[start, end)`` as aware datetimes: from the start of the first day to the start of
        the day after the last, in the local time zone."""

        def at_midnight(d: date | None) -> datetime | None:
            return timezone.make_aware(datetime.combine(d, time.min)) if d else None

        end = self.cleaned_data.get("end")
        return at_midnight(self.cleaned_data.get("start")), at_midnight(
            end + timedelta(days=1) if end else None
        )

    def filter_detail(self) -> dict[str, str | int | None]:
        """The filter as it goes into the audit event of a search or export (ids only)."""
        data = self.cleaned_data
        return {
            "person": data.get("person"),
            "employee": data["employee"].pk if data.get("employee") else None,
            "start": data["start"].isoformat() if data.get("start") else "",
            "end": data["end"].isoformat() if data.get("end") else "",
        }
