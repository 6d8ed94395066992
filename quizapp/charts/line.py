"""Line charts over time: one polyline with point markers per series (quiz scores per set)."""
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from quizapp.charts.svg import (
    HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PALETTE, WIDTH,
    Chart, attrs, fmt, nice_ticks, open_svg, x_axis, y_axis,
)


@dataclass(frozen=True)
class Series:
    """A named line: ``points`` are (time, value) pairs in time order."""

    name: str
    points: Sequence[tuple[datetime, float]]


def line_chart(
    chart_id: str,
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    y_max: float | None = None,
    y_suffix: str = "",
    time_label: Callable[[datetime], str] = lambda t: t.strftime("%Y-%m-%d"),
    columns: tuple[str, ...] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Lines on a shared time axis; ``y_max`` fixes the top (100 for percentages)."""
    legend_rows = len(series) if len(series) > 1 else 0
    height = height + 18 * legend_rows
    x0, x1 = MARGIN_LEFT, width - MARGIN_RIGHT
    y_top, y_base = MARGIN_TOP, height - MARGIN_BOTTOM - 18 * legend_rows
    times = [t for s in series for t, _ in s.points]
    values = [v for s in series for _, v in s.points]
    ticks = nice_ticks(y_max if y_max is not None else max(values, default=0))
    top = ticks[-1]
    start = min(times) if times else None
    span = (max(times) - start).total_seconds() if times else 0

    def sx(t: datetime) -> float:
        # A single moment sits in the middle rather than on the axis.
        if not span:
            return (x0 + x1) / 2
        return x0 + 10 + (x1 - x0 - 20) * ((t - start).total_seconds() / span)

    def sy(value: float) -> float:
        return y_base - (y_base - y_top) * (value / top if top else 0)

    parts = open_svg(chart_id, title, description, width, height)
    y_axis(parts, ticks, sy, y_label, x0=x0, x1=x1, suffix=y_suffix)
    for i, s in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        parts.append(f'<g {attrs(class_="series", data_series=s.name)}>')
        coords = " ".join(f"{round(sx(t), 1)},{round(sy(v), 1)}" for t, v in s.points)
        if len(s.points) > 1:
            parts.append(f'<polyline {attrs(points=coords, fill="none", stroke=color, stroke_width=2)}/>')
        for t, v in s.points:
            parts.append(
                f'<circle {attrs(class_="point", cx=round(sx(t), 1), cy=round(sy(v), 1), r=4, fill=color, data_label=t.isoformat(), data_value=v)}>'
                f"<title>{escape(f'{s.name}, {time_label(t)}: {fmt(v)}{y_suffix}')}</title></circle>"
            )
        parts.append("</g>")
    x_ticks = []
    if times:
        end = max(times)
        if end == start:
            x_ticks.append((sx(start), time_label(start)))
        else:
            x_ticks.append((sx(start), time_label(start), "start"))
            x_ticks.append((sx(end), time_label(end), "end"))
    x_axis(parts, x_ticks, x_label, y=y_base, x0=x0, x1=x1, height=height - 18 * legend_rows)
    for i, s in enumerate(series if legend_rows else ()):
        y = height - 18 * legend_rows + 18 * i + 4
        parts.append(f'<g class="legend"><rect {attrs(x=x0, y=y, width=12, height=12, fill=PALETTE[i % len(PALETTE)])}/>'
                     f'<text {attrs(x=x0 + 18, y=y + 11, font_size=12)}>{escape(s.name)}</text></g>')
    parts.append("</svg>")
    rows = [(s.name, time_label(t), fmt(v) + y_suffix) for s in series for t, v in s.points]
    return Chart(chart_id, title, description, Markup("".join(parts)), columns or ("", x_label, y_label), rows)
