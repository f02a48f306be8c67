"""The 12-month trend chart of the active ratio (SVG by pygal, no script; the page shows the same
numbers in a table beside it)."""

from __future__ import annotations

import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#222222",
    foreground_strong="#111111",
    foreground_subtle="#666666",
    colors=("#b3261e", "#1f5fa8", "#2e7d32", "#8d6e00", "#6a1b9a"),
    font_family="sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)


def trend_svg(trend: dict) -> bytes:
    """An SVG line chart of ``selectors.trend(...)``: overall and top occupations."""
    chart = pygal.Line(
        style=STYLE,
        js=[],  # no script: the SVG is a plain image under a strict CSP
        disable_xml_declaration=False,
        width=800,
        height=400,
        show_dots=True,
        dots_size=3,
        x_label_rotation=30,
        legend_at_bottom=True,
        allow_interruptions=True,
        include_x_axis=True,
        title=_("Active ratio (demand ratio), last 12 months"),
    )
    chart.x_labels = trend["months"]
    chart.add(_("All occupations"), [_number(v) for v in trend["overall"]])
    for series in trend["occupations"]:
        chart.add(series["name"], [_number(v) for v in series["values"]])
    # pygal always embeds a small config script; the chart needs none of it.
    return re.sub(rb"<script\b[^>]*?(/>|>.*?</script>)", b"", chart.render(), flags=re.S)


def _number(value):
    return None if value is None else float(value)
