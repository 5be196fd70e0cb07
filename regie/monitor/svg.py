"""Server-rendered SVG charts for the monitor page and its PDF (DESIGN.md §10).

Each chart is a self-contained ``<svg>`` string, so the page and the WeasyPrint PDF show the same
picture. No script, no ``style`` attribute and no ``<style>`` element (the Content Security Policy
forbids inline styles): colours and fonts are presentation attributes. Every chart has
``role="img"``, a ``<title>`` and a ``<desc>`` that also lists the data, so a screen reader gets
the figures, not just a picture. Hidden (suppressed) or undefined values draw no bar or point;
their text (``<5``) is still shown.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT_FAMILY = "'Amsterdam Sans', Arial, sans-serif"
TEXT_COLOUR = "#202020"
GRID_COLOUR = "#d1d1d1"
#: Amsterdam Design System colours with at least 3:1 contrast on white (WCAG 1.4.11).
PALETTE = ("#004699", "#e50082", "#00893c", "#a00078", "#767676")
#: Dash patterns so that series differ without colour too (WCAG 1.4.1).
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")

_FONT_SIZE = 14
_CHAR_WIDTH = 7.5  # rough average advance of the font at 14px, for layout without metrics
_MAX_LABEL_CHARS = 32


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (``None`` when hidden or undefined) and the text shown
    beside it (defaults to the value, Dutch number format)."""

    label: str
    value: float | None
    text: str | None = None


@dataclass(frozen=True)
class Series:
    """One line: its name, one value per x label (``None`` leaves a gap) and optionally the
    text for each value (e.g. ``<5`` for a hidden one; defaults to the value)."""

    name: str
    values: Sequence[float | None]
    texts: Sequence[str] | None = None

    def text(self, index: int) -> str:
        return self.texts[index] if self.texts is not None else _text(self.values[index])


def format_number(value: float) -> str:
    """Dutch number format: ``1.234`` and ``12,5`` (one decimal unless whole)."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,"))


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shorten(label: str) -> str:
    return label if len(label) <= _MAX_LABEL_CHARS else label[: _MAX_LABEL_CHARS - 1] + "…"


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if value <= step * magnitude)


def _chart_id(chart_id: str | None, *parts: str) -> str:
    if chart_id is None:
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]
        return f"chart-{digest}"
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", chart_id):
        raise ValueError(f"a chart id must be a valid HTML id, not {chart_id!r}")
    return chart_id


def _open(chart_id: str, width: float, height: float, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_number(width)}" '
        f'height="{_number(height)}" viewBox="0 0 {_number(width)} {_number(height)}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{_attr(FONT_FAMILY)}" font-size="{_FONT_SIZE}" fill="{TEXT_COLOUR}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _check_values(values: Sequence[float | None]) -> float:
    present = [v for v in values if v is not None]
    if any(v < 0 or not math.isfinite(v) for v in present):
        raise ValueError("charts show finite, non-negative values only")
    return max(present, default=0.0)


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    chart_id: str | None = None,
    width: int = 640,
    reference: float | None = None,
) -> str:
    """A horizontal bar chart, one bar per item, largest value at ``reference`` or the data's
    rounded-up maximum. ``reference`` (e.g. 1 for disparity ratios) draws a dashed line."""
    texts = [bar.text if bar.text is not None else _text(bar.value) for bar in bars]
    data = "; ".join(f"{bar.label}: {text}" for bar, text in zip(bars, texts, strict=True))
    identifier = _chart_id(chart_id, title, description, data)
    maximum = _nice_ceiling(max(_check_values([bar.value for bar in bars]), reference or 0))
    label_width = min(
        max((len(_shorten(bar.label)) for bar in bars), default=0) * _CHAR_WIDTH + 12, width * 0.45
    )
    value_width = max((len(text) for text in texts), default=0) * _CHAR_WIDTH + 12
    plot_left, plot_width = label_width, max(width - label_width - value_width, 40)
    row, bar_height, top = 28, 18, 8
    height = top * 2 + row * len(bars) + 20
    parts = _open(identifier, width, height, title, f"{description} {data}".strip())
    for index, (bar, text) in enumerate(zip(bars, texts, strict=True)):
        y = top + index * row
        length = 0.0 if bar.value is None else bar.value / maximum * plot_width
        parts += [
            "<g>",
            f"<title>{escape(bar.label)}: {escape(text)}</title>",
            f'<text x="{_number(plot_left - 8)}" y="{_number(y + 14)}" '
            f'text-anchor="end">{escape(_shorten(bar.label))}</text>',
        ]
        if length > 0:
            parts.append(
                f'<rect x="{_number(plot_left)}" y="{_number(y + 1)}" width="{_number(length)}" '
                f'height="{bar_height}" fill="{PALETTE[0]}"/>'
            )
        parts += [
            f'<text x="{_number(plot_left + length + 6)}" y="{_number(y + 14)}">'
            f"{escape(text)}</text>",
            "</g>",
        ]
    axis_y = top + row * len(bars)
    parts.append(
        f'<line x1="{_number(plot_left)}" y1="{top}" x2="{_number(plot_left)}" '
        f'y2="{_number(axis_y)}" stroke="{TEXT_COLOUR}" stroke-width="1"/>'
    )
    if reference is not None:
        x = plot_left + reference / maximum * plot_width
        parts += [
            f'<line x1="{_number(x)}" y1="{top}" x2="{_number(x)}" y2="{_number(axis_y)}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="1" stroke-dasharray="4 3"/>',
            f'<text x="{_number(x)}" y="{_number(axis_y + 16)}" text-anchor="middle" '
            f'font-size="12">{escape(format_number(reference))}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _text(value: float | None) -> str:
    return "–" if value is None else format_number(value)


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str | None = None,
    width: int = 640,
    height: int = 320,
) -> str:
    """A line chart over ``x_labels`` (e.g. years), one line per series, y axis from 0.

    Each point carries a ``<title>`` with its value; a ``None`` value leaves a gap in its line.
    Raises ``ValueError`` when a series has a different number of values than there are labels.
    """
    for line in series:
        if len(line.values) != len(x_labels) or len(line.texts or x_labels) != len(x_labels):
            raise ValueError(f"series {line.name!r} needs one value per label")
    data = "; ".join(
        f"{line.name}: " + ", ".join(f"{x} {line.text(index)}" for index, x in enumerate(x_labels))
        for line in series
    )
    identifier = _chart_id(chart_id, title, description, data)
    maximum = _nice_ceiling(_check_values([v for line in series for v in line.values]))
    legend_rows = len(series)
    left, right, top = 56, 16, 12
    bottom = 32 + 22 * legend_rows
    height = max(height, top + bottom + 60)
    plot_width, plot_height = width - left - right, height - top - bottom

    def x_of(index: int) -> float:
        if len(x_labels) == 1:
            return left + plot_width / 2
        inset = 24  # keeps the first label clear of the y axis
        return left + inset + index * (plot_width - 2 * inset) / (len(x_labels) - 1)

    def y_of(value: float) -> float:
        return top + plot_height - value / maximum * plot_height

    parts = _open(identifier, width, height, title, f"{description} {data}".strip())
    for tick in range(5):
        tick_value = maximum * tick / 4
        y = y_of(tick_value)
        parts += [
            f'<line x1="{left}" y1="{_number(y)}" x2="{_number(left + plot_width)}" '
            f'y2="{_number(y)}" stroke="{GRID_COLOUR}" stroke-width="1"/>',
            f'<text x="{left - 6}" y="{_number(y + 4)}" text-anchor="end" font-size="12">'
            f"{escape(format_number(tick_value))}</text>",
        ]
    for index, label in enumerate(x_labels):
        parts.append(
            f'<text x="{_number(x_of(index))}" y="{_number(top + plot_height + 18)}" '
            f'text-anchor="middle" font-size="12">{escape(label)}</text>'
        )
    for number, line in enumerate(series):
        colour, dash = PALETTE[number % len(PALETTE)], DASHES[number % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append("<g>")
        for run in _runs(line.values):
            points = " ".join(f"{_number(x_of(i))},{_number(y_of(v))}" for i, v in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash_attr}/>'
            )
        for index, value in enumerate(line.values):
            if value is not None:
                parts.append(
                    f'<circle cx="{_number(x_of(index))}" cy="{_number(y_of(value))}" r="4" '
                    f'fill="{colour}"><title>{escape(line.name)}, {escape(x_labels[index])}: '
                    f"{escape(line.text(index))}</title></circle>"
                )
        legend_y = top + plot_height + 36 + 22 * number
        parts += [
            f'<line x1="{left}" y1="{_number(legend_y - 4)}" x2="{left + 28}" '
            f'y2="{_number(legend_y - 4)}" stroke="{colour}" stroke-width="2"{dash_attr}/>',
            f'<text x="{left + 36}" y="{_number(legend_y)}">{escape(line.name)}</text>',
            "</g>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive present values, each run at least two points long, so gaps stay gaps."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if len(run) >= 2]
