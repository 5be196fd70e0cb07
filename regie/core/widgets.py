"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms


class LongSelect(forms.Select):
    """A select for long lists (every employee, every regisseur): the same markup as Django's,
    with each option written in place instead of through two template includes per option —
    at national scale a list of 800 employees took most of the privacy officer's page. Options
    carry no attributes of their own beyond ``selected``."""

    template_name = "core/widgets/select.html"
