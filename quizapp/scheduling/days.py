"""Study days: the day a student studies in starts at their "next day starts at" hour, in their zone.

As in Anki, a review card is due for a whole study day, and the memory model counts elapsed time
as the difference of study-day numbers: a card seen at 20:00 and again at 05:00 the next morning
(day starting at 4) is one day later, one seen at 23:00 and again at 03:00 is the same day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from .cards import as_utc

DEFAULT_DAY_START_HOUR = 4


def _check_hour(day_start_hour: int) -> None:
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day_start_hour must be 0-23, got {day_start_hour}")


def study_date(now: datetime, tz: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The calendar date naming the study day that holds `now` (before the start hour: the day before)."""
    _check_hour(day_start_hour)
    local = as_utc(now, "now").astimezone(ZoneInfo(tz))
    # Shifting by whole hours before taking the date is exact on the wall clock.
    return (local - timedelta(hours=day_start_hour)).date()


def day_start(day: date, tz: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> datetime:
    """The UTC instant the study day named `day` begins (zoneinfo applies daylight saving)."""
    _check_hour(day_start_hour)
    return datetime.combine(day, time(day_start_hour), tzinfo=ZoneInfo(tz)).astimezone(timezone.utc)


def study_day_bounds(now: datetime, tz: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> tuple[datetime, datetime]:
    """The UTC start (inclusive) and end (exclusive) of the study day containing `now`.

    `tz` is an IANA name ("America/Sao_Paulo"). Across a daylight-saving change the day
    is 23 or 25 hours long, as the wall clock says.
    """
    day = study_date(now, tz, day_start_hour)
    return day_start(day, tz, day_start_hour), day_start(day + timedelta(days=1), tz, day_start_hour)


def days_between(earlier: datetime, later: datetime, tz: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> int:
    """Study days from `earlier` to `later` (0 within one study day), as Anki and fsrs-rs count them."""
    return (study_date(later, tz, day_start_hour) - study_date(earlier, tz, day_start_hour)).days
