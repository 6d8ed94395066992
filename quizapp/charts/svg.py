"""The pieces every chart shares: the result type, escaping, scales and the frame with its axes."""
import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# The stylesheet's palette, so charts look like the rest of the app without a stylesheet of their own.
INK = "#1f2a28"
MUTED = "#5d6b67"
LINE = "#e2ddd2"
PALETTE = ("#2f5d50", "#c8553d", "#3a6ea5", "#b08a1e", "#7a4f9a", "#4f8a3a")

WIDTH = 640
HEIGHT = 240
# Room for tick labels on the left, the x tick labels and axis title below.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 52


@dataclass(frozen=True)
class Chart:
    """A rendered chart and its data as text: ``columns`` are the table headers, ``rows`` its cells."""

    id: str
    title: str
    description: str
    svg: Markup
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def __html__(self) -> str:
        return str(self.svg)


def attrs(**values) -> str:
    """XML attributes from keyword arguments (``class_`` → ``class``, ``data_value`` → ``data-value``)."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{escape(value if isinstance(value, str) else fmt(value))}"')
    return " ".join(parts)


def fmt(number) -> str:
    """A number as short text: integers without a decimal point, others with at most 2 decimals."""
    if isinstance(number, float):
        if number.is_integer():
            return str(int(number))
        return f"{number:.2f}".rstrip("0").rstrip(".")
    return str(number)


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round tick values from 0 up to at least ``maximum`` (steps of 1, 2 or 5 times a power of ten)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and float(maximum).is_integer():
        step = 1  # counts: no ticks at 0.5
    top = math.ceil(maximum / step) * step
    ticks, value = [], 0.0
    while value <= top + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return ticks


def open_svg(chart_id: str, title: str, description: str, width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    """The opening of an accessible SVG: role, title and description wired with ``aria-labelledby``."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" {attrs(viewBox=f"0 0 {width} {height}", role="img", class_="chart", id=chart_id, aria_labelledby=f"{chart_id}-title {chart_id}-desc", width=width)}>',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def y_axis(parts: list[str], ticks: list[float], scale, label: str, *, x0: float, x1: float, suffix: str = "") -> None:
    """Horizontal grid lines with tick labels, and the y axis title turned along the axis."""
    parts.append('<g class="axis y-axis">')
    for tick in ticks:
        y = scale(tick)
        parts.append(f'<line {attrs(x1=x0, x2=x1, y1=round(y, 1), y2=round(y, 1), stroke=LINE)}/>')
        parts.append(f'<text {attrs(x=x0 - 6, y=round(y + 4, 1), text_anchor="end", font_size=11, fill=MUTED)}>{escape(fmt(tick) + suffix)}</text>')
    middle = (scale(ticks[0]) + scale(ticks[-1])) / 2
    parts.append(f'<text {attrs(class_="axis-label", x=14, y=round(middle, 1), text_anchor="middle", font_size=12, fill=INK, transform=f"rotate(-90 14 {round(middle, 1)})")}>{escape(label)}</text>')
    parts.append("</g>")


def x_axis(parts: list[str], ticks: list[tuple], label: str, *, y: float, x0: float, x1: float, height: int) -> None:
    """The base line, tick labels under it and the x axis title centred below.

    ``ticks`` are (x, text) or (x, text, text-anchor) for labels that must not run off an edge.
    """
    parts.append('<g class="axis x-axis">')
    parts.append(f'<line {attrs(x1=x0, x2=x1, y1=y, y2=y, stroke=MUTED)}/>')
    for x, text, *anchor in ticks:
        anchor = anchor[0] if anchor else "middle"
        parts.append(f'<text {attrs(x=round(x, 1), y=y + 16, text_anchor=anchor, font_size=11, fill=MUTED)}>{escape(text)}</text>')
    parts.append(f'<text {attrs(class_="axis-label", x=round((x0 + x1) / 2, 1), y=height - 8, text_anchor="middle", font_size=12, fill=INK)}>{escape(label)}</text>')
    parts.append("</g>")


def label_every(count: int, room: float, per_label: float = 44) -> int:
    """Show every n-th x label so labels ``per_label`` pixels wide do not overlap in ``room`` pixels."""
    fits = max(1, int(room // per_label))
    return max(1, math.ceil(count / fits))
