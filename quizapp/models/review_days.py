"""The per-user, per-set, per-study-day summary of the review log, kept as reviews are written.

History pages count reviews per day, right answers and ratings over months or all time. Summing
the review log for that grows with the student's past; this table holds one row per (user, set,
study day) instead, so those counts read a few hundred rows whatever the past holds.

The rows are kept by ORM events on :class:`ReviewLog`: every insert adds to its day's row and
every delete (undo) takes away from it, in the same flush and so the same transaction as the
review itself; no code path that writes a review can forget it. Days are study days in the
user's time zone as stored when the review was written; when a user's ``timezone`` changes,
their rows are rebuilt from the log in the same flush (:func:`rebuild_user`).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session
from sqlalchemy.orm.util import identity_key

from quizapp.models.base import db
from quizapp.models.content import Question
from quizapp.models.study import ReviewLog
from quizapp.models.user import User
from quizapp.scheduling import study_day_bounds

RATING_COLUMNS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
_COUNTS = ("reviews", "correct", "again", "hard", "good", "easy", "duration_ms")


class ReviewDay(db.Model):
    """One user's reviews of one set on one study day: how many, how many right, by button, time spent."""

    __tablename__ = "review_day"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), primary_key=True,
                                        index=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    reviews: Mapped[int] = mapped_column(default=0)
    correct: Mapped[int] = mapped_column(default=0)  # by the rule of progress.CORRECT
    again: Mapped[int] = mapped_column(default=0)
    hard: Mapped[int] = mapped_column(default=0)
    good: Mapped[int] = mapped_column(default=0)
    easy: Mapped[int] = mapped_column(default=0)
    duration_ms: Mapped[int] = mapped_column(sa.BigInteger, default=0)


def study_date_of(moment: datetime, tz: str) -> date:
    """The date naming the study day (from 4 a.m. local) that holds ``moment``."""
    start, _ = study_day_bounds(moment, tz)
    return start.astimezone(ZoneInfo(tz)).date()


def is_correct(rating: int, correct: Optional[bool]) -> bool:
    """Graded right, or self-rated Hard or better (the rule of progress.CORRECT)."""
    return bool(correct) if correct is not None else rating > 1


def _amounts(rating: int, correct: Optional[bool], duration_ms: Optional[int], sign: int = 1) -> dict[str, int]:
    amounts = dict.fromkeys(_COUNTS, 0)
    amounts["reviews"] = sign
    amounts["correct"] = sign * is_correct(rating, correct)
    if rating in RATING_COLUMNS:
        amounts[RATING_COLUMNS[rating]] = sign
    amounts["duration_ms"] = sign * (duration_ms or 0)
    return amounts


_UPSERT = sa.text(
    "INSERT INTO review_day (user_id, set_id, day, reviews, correct, again, hard, good, easy, duration_ms) "
    "SELECT :user_id, question.set_id, :day, :reviews, :correct, :again, :hard, :good, :easy, :duration_ms "
    "FROM question WHERE question.id = :question_id "
    "ON CONFLICT (user_id, set_id, day) DO UPDATE SET "
    + ", ".join(f"{name} = review_day.{name} + excluded.{name}" for name in _COUNTS)
)


def _zone_of(connection, session: Optional[Session], user_id: int) -> str:
    """The user's time zone, from the session's identity map when the user is loaded (no query)."""
    user = session.identity_map.get(identity_key(User, user_id)) if session is not None else None
    if user is not None:
        return user.timezone or "UTC"
    zone = connection.scalar(sa.select(User.timezone).where(User.id == user_id))
    return zone or "UTC"


def _apply(connection, review: ReviewLog, sign: int) -> None:
    zone = _zone_of(connection, object_session(review), review.user_id)
    connection.execute(_UPSERT, {
        "user_id": review.user_id, "question_id": review.question_id,
        "day": study_date_of(review.reviewed_at, zone),
        **_amounts(review.rating, review.correct, review.duration_ms, sign),
    })


@sa.event.listens_for(ReviewLog, "after_insert")
def _review_written(mapper, connection, review: ReviewLog) -> None:
    _apply(connection, review, +1)


@sa.event.listens_for(ReviewLog, "after_delete")
def _review_deleted(mapper, connection, review: ReviewLog) -> None:
    _apply(connection, review, -1)


@sa.event.listens_for(Session, "after_flush")
def _rebuild_on_new_zone(session: Session, flush_context) -> None:
    for user in session.dirty:
        if isinstance(user, User) and sa.inspect(user).attrs.timezone.history.has_changes():
            rebuild_user(user.id, user.timezone or "UTC", connection=session.connection())


def summarise(rows: Iterable[tuple], zone_of) -> dict[tuple[int, int, date], dict[str, int]]:
    """Sum review rows ``(user_id, set_id, reviewed_at, rating, correct, duration_ms)`` into days."""
    days: dict[tuple[int, int, date], dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
    for user_id, set_id, reviewed_at, rating, correct, duration_ms in rows:
        totals = days[(user_id, set_id, study_date_of(reviewed_at, zone_of(user_id)))]
        for name, amount in _amounts(rating, correct, duration_ms).items():
            totals[name] += amount
    return days


def summary_rows(days: dict[tuple[int, int, date], dict[str, int]]) -> list[dict]:
    return [{"user_id": u, "set_id": s, "day": d, **totals} for (u, s, d), totals in days.items()]


def rebuild_user(user_id: int, zone: Optional[str] = None, *, connection=None) -> None:
    """Recompute one user's summary from the review log (a changed time zone, a bulk load)."""
    connection = connection if connection is not None else db.session.connection()
    zone = zone or connection.scalar(sa.select(User.timezone).where(User.id == user_id)) or "UTC"
    connection.execute(sa.delete(ReviewDay).where(ReviewDay.user_id == user_id))
    reviews = connection.execute(
        sa.select(ReviewLog.user_id, Question.set_id, ReviewLog.reviewed_at, ReviewLog.rating, ReviewLog.correct,
                  ReviewLog.duration_ms)
        .join(Question, Question.id == ReviewLog.question_id).where(ReviewLog.user_id == user_id)
    )
    rows = summary_rows(summarise(reviews, lambda _: zone))
    if rows:
        connection.execute(sa.insert(ReviewDay), rows)
