"""A calendar heat strip: one square per day, weeks as columns and weekdays as rows."""
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

from quizapp.charts.svg import INK, MUTED, Chart, attrs, open_svg

# Empty day, then four steps of the accent colour: light to dark.
LEVELS = ("#ebe6da", "#c5dccd", "#8dbba0", "#4f8a6f", "#2f5d50")
CELL, GAP = 22, 4
LEFT, TOP = 64, 30


def level(count: int, maximum: int) -> int:
    """The colour step of a day: 0 for none, else 1-4 by quarter of the busiest day."""
    if count <= 0 or maximum <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // maximum)


def heat_strip(
    chart_id: str,
    days: Sequence[tuple[date, int]],
    *,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    weekday_labels: Sequence[str] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    month_label: Callable[[date], str] = lambda d: d.strftime("%b"),
    cell_title: Callable[[date, int], str] = lambda d, n: f"{d.isoformat()}: {n}",
    legend: tuple[str, str] = ("Fewer", "More"),
    columns: tuple[str, str] | None = None,
) -> Chart:
    """Squares for ``days`` = [(date, count)] in date order; darker is busier."""
    if not days:
        raise ValueError("heat_strip needs at least one day")
    first = days[0][0]
    origin = first - timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (days[-1][0] - origin).days // 7 + 1
    width = LEFT + weeks * (CELL + GAP) + 16
    height = TOP + 7 * (CELL + GAP) + 58
    maximum = max(n for _, n in days)

    parts = open_svg(chart_id, title, description, width, height)
    parts.append('<g class="axis y-axis">')
    for row in (0, 2, 4, 6):
        y = TOP + row * (CELL + GAP) + CELL - 5
        parts.append(f'<text {attrs(x=LEFT - 6, y=y, text_anchor="end", font_size=11, fill=MUTED)}>{escape(weekday_labels[row])}</text>')
    middle = TOP + 3.5 * (CELL + GAP)
    parts.append(f'<text {attrs(class_="axis-label", x=12, y=middle, text_anchor="middle", font_size=12, fill=INK, transform=f"rotate(-90 12 {middle})")}>{escape(y_label)}</text>')
    parts.append("</g>")

    parts.append('<g class="axis x-axis">')
    shown_month = None
    for week in range(weeks):
        monday = origin + timedelta(weeks=week)
        visible = max(monday, first)
        if (visible.year, visible.month) != shown_month:
            shown_month = (visible.year, visible.month)
            parts.append(f'<text {attrs(x=LEFT + week * (CELL + GAP), y=TOP - 10, font_size=11, fill=MUTED)}>{escape(month_label(visible))}</text>')
    bottom = TOP + 7 * (CELL + GAP)
    parts.append(f'<text {attrs(class_="axis-label", x=LEFT + weeks * (CELL + GAP) / 2, y=bottom + 16, text_anchor="middle", font_size=12, fill=INK)}>{escape(x_label)}</text>')
    parts.append("</g>")

    parts.append('<g class="marks">')
    for day, count in days:
        offset = (day - origin).days
        x = LEFT + (offset // 7) * (CELL + GAP)
        y = TOP + (offset % 7) * (CELL + GAP)
        parts.append(
            f'<rect {attrs(class_="day", x=x, y=y, width=CELL, height=CELL, rx=3, fill=LEVELS[level(count, maximum)], data_label=day.isoformat(), data_value=count)}>'
            f"<title>{escape(cell_title(day, count))}</title></rect>"
        )
    parts.append("</g>")

    legend_y = bottom + 30
    parts.append('<g class="legend">')
    parts.append(f'<text {attrs(x=LEFT, y=legend_y + 12, font_size=11, fill=MUTED)}>{escape(legend[0])}</text>')
    for i, color in enumerate(LEVELS):
        parts.append(f'<rect {attrs(x=LEFT + 48 + i * 16, y=legend_y + 1, width=12, height=12, rx=2, fill=color)}/>')
    parts.append(f'<text {attrs(x=LEFT + 48 + 5 * 16 + 4, y=legend_y + 12, font_size=11, fill=MUTED)}>{escape(legend[1])}</text>')
    parts.append("</g></svg>")
    rows = [(day.isoformat(), str(count)) for day, count in days]
    return Chart(chart_id, title, description, Markup("".join(parts)), columns or (x_label, y_label), rows)
