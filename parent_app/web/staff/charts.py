"""Charts for the staff console, drawn on the server as SVG with pygal and shown as an
<img> of a data: URL: no script runs (pygal's scripts are left out) and the page's
Content Security Policy allows images from data: only, so the chart's own styles stay
inside the image."""

from __future__ import annotations

import base64
from typing import Any

import pygal
from pygal.etree import etree  # lxml when installed, else the standard library's
from pygal.style import Style

# GOV.UK Design System colours: blue, green, orange, purple, pink, turquoise.
GOVUK_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=18,
    colors=("#1d70b8", "#00703c", "#f47738", "#4c2c92", "#d53880", "#28a197"),
)

Series = list[tuple[str, list[int | None]]]


def _data_url(chart: Any) -> str:
    """The chart as a data: URL, its one inline script (pygal's tooltip settings, which
    an image never runs) taken out."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.endswith("script"):
                parent.remove(child)
    svg = etree.tostring(tree, encoding="utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _chart(
    kind: Any, title: str, months: list[str], series: Series, **options: Any
) -> str:
    chart = kind(
        title=title,
        style=GOVUK_STYLE,
        js=[],  # no script in the SVG
        width=800,
        height=400,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        x_label_rotation=30 if len(months) > 6 else 0,
        print_values=False,
        **options,
    )
    chart.x_labels = months
    for label, values in series:
        chart.add(label, values)
    return _data_url(chart)


def bar_chart(title: str, months: list[str], series: Series) -> str:
    """Counts over months, one bar per series in each month (a missing value, such as a
    suppressed count, draws no bar)."""
    return _chart(pygal.Bar, title, months, series, min_scale=1)


def percent_chart(title: str, months: list[str], series: Series) -> str:
    """Percentages over months, one line per series, on a 0 to 100 scale."""
    return _chart(
        pygal.Line,
        title,
        months,
        series,
        range=(0, 100),
        value_formatter=lambda value: f"{value:.0f}%",
        allow_interruptions=True,
    )
