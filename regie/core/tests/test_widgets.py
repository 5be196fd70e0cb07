"""The select for long lists writes the same options as Django's own select."""

from __future__ import annotations

from django import forms

from regie.core.widgets import LongSelect

CHOICES = [("", "—"), ("1", "Anna & Bram"), ("2", "Chris")]


def test_the_long_select_writes_every_option_with_the_selected_one_marked() -> None:
    html = LongSelect(attrs={"class": "ams-select"}, choices=CHOICES).render("who", "2")
    assert html.startswith('<select name="who" class="ams-select">')
    assert '<option value="1">Anna &amp; Bram</option>' in html
    assert '<option value="2" selected>Chris</option>' in html
    assert html.count("<option") == len(CHOICES)


def test_the_long_select_matches_djangos_select_apart_from_whitespace() -> None:
    ours = LongSelect(choices=CHOICES).render("who", "1")
    django = forms.Select(choices=CHOICES).render("who", "1")
    assert "".join(ours.split()) == "".join(django.split())
