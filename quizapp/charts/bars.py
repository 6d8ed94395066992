"""Vertical bar charts: one bar per labelled value (a forecast per day, counts per rating)."""
from collections.abc import Sequence

from markupsafe import Markup, escape

from quizapp.charts.svg import (
    HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PALETTE, WIDTH,
    Chart, attrs, fmt, label_every, nice_ticks, open_svg, x_axis, y_axis,
)


def bar_chart(
    chart_id: str,
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    bar_titles: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
    y_max: float | None = None,
    y_suffix: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Bars for ``points`` = [(label, value)], in order; ``bar_titles`` are the hover texts per bar.

    A value of None draws no bar (no data, which is not the same as zero); ``y_max`` fixes the top
    of the axis (100 for percentages) and ``y_suffix`` follows each value ("%").
    """
    x0, x1 = MARGIN_LEFT, width - MARGIN_RIGHT
    y_top, y_base = MARGIN_TOP, height - MARGIN_BOTTOM
    ticks = nice_ticks(y_max if y_max is not None else max((v for _, v in points if v is not None), default=0))
    top = ticks[-1]

    def scale(value: float) -> float:
        return y_base - (y_base - y_top) * (value / top if top else 0)

    parts = open_svg(chart_id, title, description, width, height)
    y_axis(parts, ticks, scale, y_label, x0=x0, x1=x1, suffix=y_suffix)
    slot = (x1 - x0) / max(1, len(points))
    gap = min(slot * 0.2, 8)
    every = label_every(len(points), x1 - x0)
    parts.append('<g class="marks">')
    x_ticks = []
    for i, (label, value) in enumerate(points):
        x = x0 + i * slot
        if i % every == 0:
            x_ticks.append((x + slot / 2, label))
        if value is None:
            continue
        y = scale(value)
        color = (colors[i % len(colors)] if colors else PALETTE[0])
        hover = bar_titles[i] if bar_titles else f"{label}: {fmt(value)}{y_suffix}"
        parts.append(
            f'<rect {attrs(class_="bar", x=round(x + gap / 2, 1), y=round(y, 1), width=round(max(1, slot - gap), 1), height=round(y_base - y, 1), fill=color, data_label=label, data_value=value)}>'
            f"<title>{escape(hover)}</title></rect>"
        )
    parts.append("</g>")
    x_axis(parts, x_ticks, x_label, y=y_base, x0=x0, x1=x1, height=height)
    parts.append("</svg>")
    rows = [(label, "–" if value is None else fmt(value) + y_suffix) for label, value in points]
    return Chart(chart_id, title, description, Markup("".join(parts)), (x_label, y_label), rows)
