"""The history pages' charts: progress numbers turned into :mod:`quizapp.charts` with translated labels."""
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime, gettext as _, ngettext

from quizapp.charts import Chart, Series, bar_chart, heat_strip, line_chart

RATING_COLORS = ("#b3261e", "#b08a1e", "#2f5d50", "#3a6ea5")


def rating_names() -> dict[int, str]:
    return {1: _("Again"), 2: _("Hard"), 3: _("Good"), 4: _("Easy")}


def activity_chart(chart_id: str, days: Sequence[tuple[date, int]]) -> Chart:
    """Reviews per study day as a calendar heat strip."""
    total = sum(n for _, n in days)
    active = sum(1 for _, n in days if n)
    return heat_strip(
        chart_id, days,
        title=_("Reviews per day, last %(num)d days", num=len(days)),
        description=ngettext("%(num)d review on %(active)d of the last %(days)d days; darker squares mean more reviews.",
                             "%(num)d reviews on %(active)d of the last %(days)d days; darker squares mean more reviews.",
                             total, active=active, days=len(days)),
        x_label=_("Week"), y_label=_("Weekday"),
        weekday_labels=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        month_label=lambda d: format_date(d, "MMM"),
        cell_title=lambda d, n: ngettext("%(day)s: %(num)d review", "%(day)s: %(num)d reviews", n, day=format_date(d, "medium")),
        legend=(_("Fewer"), _("More")),
        columns=(_("Day"), _("Reviews")),
    )


def forecast_chart(chart_id: str, start: date, counts: Sequence[int]) -> Chart:
    """Cards due per study day from today (overdue ones count today)."""
    labels = [format_date(start + timedelta(days=i), "d MMM") for i in range(len(counts))]
    return bar_chart(
        chart_id, list(zip(labels, counts)),
        title=_("Due in the next %(num)d days", num=len(counts)),
        description=ngettext("%(num)d card falls due in the next %(days)d days, %(today)d of them today (overdue included).",
                             "%(num)d cards fall due in the next %(days)d days, %(today)d of them today (overdue included).",
                             sum(counts), days=len(counts), today=counts[0] if counts else 0),
        x_label=_("Day"), y_label=_("Cards due"),
        bar_titles=[ngettext("%(day)s: %(num)d card due", "%(day)s: %(num)d cards due", n, day=label)
                    for label, n in zip(labels, counts)],
    )


def ratings_chart(chart_id: str, counts: dict[int, int]) -> Chart:
    """How often each answer rating was given."""
    names = rating_names()
    points = [(names[r], counts.get(r, 0)) for r in (1, 2, 3, 4)]
    return bar_chart(
        chart_id, points,
        title=_("Answer ratings"),
        description=_("Ratings given in every review: Again %(again)d, Hard %(hard)d, Good %(good)d, Easy %(easy)d.",
                      again=points[0][1], hard=points[1][1], good=points[2][1], easy=points[3][1]),
        x_label=_("Rating"), y_label=_("Reviews"), colors=RATING_COLORS, height=200,
    )


def scores_chart(chart_id: str, scores: Sequence[tuple[int, datetime, float]], titles: dict[int, str]) -> Chart:
    """Quiz scores (percent) over time, one line per set."""
    by_set: dict[int, list[tuple[datetime, float]]] = {}
    for set_id, at, score in scores:
        by_set.setdefault(set_id, []).append((at, round(score * 100, 1)))
    series = [Series(titles.get(set_id, "?"), points) for set_id, points in by_set.items()]
    return line_chart(
        chart_id, series,
        title=_("Quiz scores over time"),
        description=ngettext("%(num)d finished quiz; scores in percent of questions answered right.",
                             "%(num)d finished quizzes; scores in percent of questions answered right.", len(scores)),
        x_label=_("Date"), y_label=_("Score"), y_max=100, y_suffix="%",
        time_label=lambda t: format_datetime(t, "d MMM yyyy"),
        columns=(_("Set"), _("Date"), _("Score")),
    )


def weekly_attempts_chart(chart_id: str, weeks) -> tuple[Chart, Chart]:
    """A teacher's set: attempts per week (bars) and mean score per week (line)."""
    labels = [format_date(w.start, "d MMM") for w in weeks]
    attempts = bar_chart(
        chart_id + "-attempts", list(zip(labels, [w.attempts for w in weeks])),
        title=_("Quiz attempts per week"),
        description=ngettext("%(num)d finished attempt in the last %(weeks)d weeks.", "%(num)d finished attempts in the last %(weeks)d weeks.",
                             sum(w.attempts for w in weeks), weeks=len(weeks)),
        x_label=_("Week starting"), y_label=_("Attempts"), height=200,
    )
    mean = bar_chart(
        chart_id + "-mean",
        list(zip(labels, [None if w.mean_score is None else round(w.mean_score * 100, 1) for w in weeks])),
        title=_("Mean score per week"),
        description=_("Mean quiz score of each week, in percent; weeks without attempts have no bar."),
        x_label=_("Week starting"), y_label=_("Mean score"), y_max=100, y_suffix="%", height=200,
    )
    return attempts, mean

