"""Short, language-neutral labels for scheduling intervals ("10 min", "2 d", "3 mo")."""

from __future__ import annotations

from datetime import timedelta

# Calendar-free month and year lengths: labels are a hint on a button, not a date.
_DAY = 86400
_MONTH_DAYS = 30
_YEAR_DAYS = 365


def _number(value: float) -> str:
    """One decimal below ten ("1.5"), whole numbers above, never a trailing ".0"."""
    if value < 10:
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    return str(round(value))


def format_interval(interval: timedelta) -> str:
    """Label an interval with SI-style units that read the same in every language.

    Seconds, minutes, hours and days are whole numbers; months (30 days) and years
    (365 days) carry one decimal below ten so "1.5 mo" differs from "2 mo".
    """
    seconds = max(0.0, interval.total_seconds())
    if seconds < 60:
        return f"{round(seconds)} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < _DAY:
        return f"{round(seconds / 3600)} h"
    days = seconds / _DAY
    if days < _MONTH_DAYS:
        return f"{round(days)} d"
    if days < _YEAR_DAYS:
        return f"{_number(days / _MONTH_DAYS)} mo"
    return f"{_number(days / _YEAR_DAYS)} y"
