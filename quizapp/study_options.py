"""A user's study options (the account's, a set's own overrides and limits) and the scheduler they make.

The scheduling rules live in :mod:`quizapp.scheduling` (pure, no database); this module reads the
user's settings into its plain values. Nothing here commits: the view commits once.
"""
from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any, Iterable, Optional

import sqlalchemy as sa

from quizapp import clock
from quizapp.extensions import db
from quizapp.models import Card, SetStudySettings, User
from quizapp.scheduling.options import StudyOptions, parse_steps
from quizapp.scheduling import (
    DEFAULT_DAY_START_HOUR,
    Scheduler,
    State,
    day_start,
    study_day_bounds,
    study_date,
)


def account_options(user: User) -> StudyOptions:
    """The options the user set for all their sets."""
    defaults = StudyOptions()
    return StudyOptions(
        desired_retention=user.desired_retention or defaults.desired_retention,
        learning_steps=user.learning_steps if user.learning_steps is not None else defaults.learning_steps,
        relearning_steps=user.relearning_steps if user.relearning_steps is not None else defaults.relearning_steps,
        maximum_interval=user.maximum_interval or defaults.maximum_interval,
        leech_threshold=user.leech_threshold or defaults.leech_threshold,
        leech_action=user.leech_action or defaults.leech_action,
        new_card_order=user.new_card_order or defaults.new_card_order,
    )


def options_for(user: User, set_id: Optional[int] = None) -> StudyOptions:
    """The user's options in one set: the account's, with the set's own overrides on top."""
    options = account_options(user)
    if set_id is None:
        return options
    own = db.session.get(SetStudySettings, (user.id, set_id))
    if own is None:
        return options
    return options.override(desired_retention=own.desired_retention, learning_steps=own.learning_steps,
                            relearning_steps=own.relearning_steps, maximum_interval=own.maximum_interval,
                            new_card_order=own.new_card_order)


def scheduler_for(user: User, set_id: Optional[int] = None, options: Optional[StudyOptions] = None) -> Scheduler:
    """The scheduler with the user's options in the set (retention, steps, maximum interval), their time zone,
    day start and fitted parameters (``options``: those options, when the caller has read them already)."""
    options = options or options_for(user, set_id)
    balancing = bool(user.load_balancing) if user.load_balancing is not None else True
    return Scheduler(desired_retention=options.desired_retention, tz=user.timezone or "UTC",
                     day_start_hour=day_start_hour(user), parameters=user.fsrs_parameters or None,
                     learning_steps=parse_steps(options.learning_steps),
                     relearning_steps=parse_steps(options.relearning_steps),
                     maximum_interval=options.maximum_interval,
                     load=_DayLoad(user) if balancing else None, easy_days=easy_days(user))


def easy_days(user: User) -> tuple[int, ...]:
    """The weekdays (Monday 0) the user wants lighter."""
    return tuple(int(day) for day in (user.easy_days or "").split(",") if day.strip().isdigit())


class _DayLoad:
    """Reviews due per study day for the user, read a window of days at a time (only a review interval needs it).

    Load balancing asks about the few days a fuzz range allows, lowest first, so reading the user's
    review cards due in the next weeks answers it; reading every review card of theirs would cost time
    growing with the collection on every answer.
    """

    WINDOW_DAYS = 32

    def __init__(self, user: User) -> None:
        self.user = user
        self._by_day: dict = {}
        self._windows: list[tuple] = []  # (first, last) study dates already read

    def __call__(self, day) -> int:
        if not any(first <= day <= last for first, last in self._windows):
            # The window stops short of any window read before it, so no day is counted twice.
            # Farther days come with wider fuzz ranges (and later ratings' ranges lie beyond): the window
            # grows with the distance from today.
            span = max(self.WINDOW_DAYS, (day - self._today()).days)
            last = min([day + timedelta(days=span - 1)]
                       + [first - timedelta(days=1) for first, _ in self._windows if first > day])
            self._read(day, last)
        return self._by_day.get(day, 0)

    def _today(self):
        return study_date(clock.now(), self.user.timezone or "UTC", day_start_hour(self.user))

    def _read(self, first, last) -> None:
        tz, hour = self.user.timezone or "UTC", day_start_hour(self.user)
        rows = db.session.execute(_review_dues_statement(), {
            "user_id": self.user.id, "start": day_start(first, tz, hour),
            "end": day_start(last + timedelta(days=1), tz, hour)})
        for due, count in rows:
            day = study_date(due, tz, hour)
            self._by_day[day] = self._by_day.get(day, 0) + count
        self._windows.append((first, last))


@functools.cache
def _review_dues_statement() -> sa.Select:
    """The user's review cards per due instant in [start, end), built once (building it cost more than running it)."""
    return (sa.select(Card.due, sa.func.count())
            .where(Card.user_id == sa.bindparam("user_id"), Card.due >= sa.bindparam("start"),
                   Card.due < sa.bindparam("end"), Card.reps > 0, Card.state == int(State.REVIEW),
                   Card.suspended.is_(False))
            .group_by(Card.due))


def day_start_hour(user: User) -> int:
    """The hour the user's study day starts at (their "next day starts at", 4 unless set)."""
    hour = user.day_start_hour
    return DEFAULT_DAY_START_HOUR if hour is None else hour


def day_bounds(user: User, now: datetime) -> tuple[datetime, datetime]:
    """UTC start and end of the user's study day holding `now`."""
    return study_day_bounds(now, user.timezone or "UTC", day_start_hour(user))


def set_limits(user_id: int, set_ids: Iterable[int]) -> dict[int, SetStudySettings]:
    """The user's own settings of each set that has any."""
    ids = list(set_ids)
    if not ids:
        return {}
    return {row.set_id: row for row in db.session.scalars(
        sa.select(SetStudySettings).where(SetStudySettings.user_id == user_id, SetStudySettings.set_id.in_(ids)))}


SET_OPTIONS = ("new_per_day", "reviews_per_day", "desired_retention", "learning_steps", "relearning_steps",
               "maximum_interval", "new_card_order")


def save_set_limits(user_id: int, set_id: int, new_per_day: Optional[int] = None,
                    reviews_per_day: Optional[int] = None, **options: Any) -> None:
    """Store the user's own limits and options for a set (None or "": the account's); no row is kept without any."""
    values = {"new_per_day": new_per_day, "reviews_per_day": reviews_per_day, **options}
    unknown = set(values) - set(SET_OPTIONS)
    if unknown:
        raise ValueError(f"unknown set options: {sorted(unknown)}")
    values = {name: (None if values.get(name) in (None, "") else values.get(name)) for name in SET_OPTIONS}
    row = db.session.get(SetStudySettings, (user_id, set_id))
    if all(value is None for value in values.values()):
        if row is not None:
            db.session.delete(row)
        return
    if row is None:
        row = SetStudySettings(user_id=user_id, set_id=set_id)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
