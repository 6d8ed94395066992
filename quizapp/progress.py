"""How a student is doing, computed from the review log, card states and quiz attempts.

Every function takes the user's id (never trusts a set alone) and an explicit ``now``, so the
numbers are reproducible: views pass :func:`quizapp.clock.now`. Days are study days: they start
at 4 a.m. in the user's time zone (:mod:`quizapp.scheduling.days`). Counting is done
by the database, never by walking all rows in Python. Counts over past days read the per-day
summary (:class:`quizapp.models.ReviewDay`), so they do not grow with the student's past; today
is counted from the review log itself (one day of rows), which also keeps reviews stamped after
``now`` out. For a time zone other than the user's own the days are cut from the log.

A review counts as *correct* when the grader said so (``ReviewLog.correct``) or, for self-rated
flashcards without a grade, when the rating is Hard or better (Again means forgotten).
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Optional

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, QuizAnswer, QuizAttempt, ReviewDay, ReviewLog, User
from quizapp.models.review_days import RATING_COLUMNS
from quizapp.scheduling import days

RETENTION_DAYS = 30
FORECAST_DAYS = 30
ACTIVITY_DAYS = 90

# 1 when a review was answered right, else 0 (see the module docstring).
CORRECT = sa.case(
    (ReviewLog.correct.is_(True), 1),
    (ReviewLog.correct.is_(False), 0),
    (ReviewLog.rating > 1, 1),
    else_=0,
)
# A review or quiz answer that went wrong, for "study my mistakes".
WRONG_REVIEW = sa.or_(ReviewLog.correct.is_(False), sa.and_(ReviewLog.correct.is_(None), ReviewLog.rating == 1))


# ---------------------------------------------------------------- study days

def study_date(now: datetime, tz: str) -> date:
    """The calendar date that names the study day containing ``now``."""
    return days.study_date(now, tz)


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """UTC start and end of the study day named ``day``."""
    return days.day_start(day, tz), days.day_start(day + timedelta(days=1), tz)


def day_edges(first: date, count: int, tz: str) -> list[datetime]:
    """The ``count + 1`` UTC instants that cut ``count`` study days from ``first`` on."""
    edges = [day_bounds(first + timedelta(days=i), tz)[0] for i in range(count)]
    edges.append(day_bounds(first + timedelta(days=count - 1), tz)[1])
    return edges


def bucket(column, edges: Sequence[datetime]):
    """SQL: the index i of the interval ``[edges[i], edges[i+1])`` holding ``column``.

    Values before ``edges[0]`` fall into bucket 0 (callers filter them out when they should not
    count, and keep them where overdue means "due today").
    """
    return sa.case(*[(column < edges[i + 1], i) for i in range(len(edges) - 1)], else_=None)


def _count_by_bucket(select_from: sa.Select, column, edges, *group) -> list[sa.Row]:
    """Run ``select_from`` with a bucket label and count rows per (group..., bucket)."""
    # A subquery, because PostgreSQL refuses to GROUP BY a CASE whose parameters are rebound.
    sub = select_from.add_columns(bucket(column, edges).label("bucket")).subquery()
    keys = [sub.c[name] for name in group] + [sub.c.bucket]
    return db.session.execute(sa.select(*keys, sa.func.count()).group_by(*keys)).all()


# ---------------------------------------------------------------- per-set numbers

@dataclass
class SetProgress:
    """One set as one student stands with it today."""

    question_set: QuestionSet
    new: int = 0
    learning: int = 0
    review: int = 0
    suspended: int = 0
    reviews: int = 0          # reviews in the retention window
    correct: int = 0          # of which answered right
    # Cards due on each of the next FORECAST_DAYS study days, overdue ones today.
    forecast: list[int] = field(default_factory=lambda: [0] * FORECAST_DAYS)

    @property
    def due_today(self) -> int:
        return self.forecast[0]

    @property
    def due_tomorrow(self) -> int:
        return self.forecast[1]

    @property
    def due_month(self) -> int:
        """Today and the next FORECAST_DAYS - 1 days."""
        return sum(self.forecast)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.suspended

    @property
    def retention(self) -> Optional[float]:
        """Share of reviews answered right in the window, or None without reviews."""
        return self.correct / self.reviews if self.reviews else None


def studied_set_ids(user_id: int) -> list[int]:
    """Sets the user has studied (a card) or taken a quiz on."""
    from_cards = sa.select(Question.set_id).join(Card, Card.question_id == Question.id).where(Card.user_id == user_id)
    from_quizzes = sa.select(QuizAttempt.set_id).where(QuizAttempt.user_id == user_id)
    return list(db.session.scalars(sa.union(from_cards, from_quizzes)))


def state_counts(user_id: int, set_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Live questions per set by the user's state: new, learning (incl. relearning), review, suspended."""
    category = sa.case(
        (Card.suspended.is_(True), "suspended"),
        (sa.or_(Card.id.is_(None), Card.reps == 0), "new"),
        (Card.state == 2, "review"),
        else_="learning",
    )
    sub = (
        sa.select(Question.set_id, category.label("category"))
        .outerjoin(Card, sa.and_(Card.question_id == Question.id, Card.user_id == user_id))
        .where(Question.set_id.in_(list(set_ids)), Question.removed_at.is_(None))
        .subquery()
    )
    counts: dict[int, dict[str, int]] = {}
    for set_id, name, n in db.session.execute(
        sa.select(sub.c.set_id, sub.c.category, sa.func.count()).group_by(sub.c.set_id, sub.c.category)
    ):
        counts.setdefault(set_id, {})[name] = n
    return counts


def _summary_applies(user_id: int, tz: str) -> bool:
    """True when the summary's days are the study days of ``tz`` (the user's own zone)."""
    user = db.session.get(User, user_id)
    return user is not None and (user.timezone or "UTC") == tz


def _log_since(user_id: int, start: datetime, now: datetime, *columns) -> sa.Select:
    """The user's reviews from ``start`` up to ``now``, with their questions joined."""
    return (
        sa.select(*columns).select_from(ReviewLog).join(Question, Question.id == ReviewLog.question_id)
        .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= start, ReviewLog.reviewed_at <= now)
    )


def retention_counts(user_id: int, *, now: datetime, tz: str, days: int = RETENTION_DAYS,
                     set_ids: Optional[Iterable[int]] = None) -> dict[int, tuple[int, int]]:
    """(correct, reviews) per set over the last ``days`` study days, today included."""
    today = study_date(now, tz)
    first = today - timedelta(days=days - 1)
    ids = list(set_ids) if set_ids is not None else None
    summary = _summary_applies(user_id, tz)
    # With the summary, the log is read for today only; otherwise for the whole window.
    log = _log_since(user_id, day_bounds(today if summary else first, tz)[0], now,
                     Question.set_id, sa.func.sum(CORRECT), sa.func.count()).group_by(Question.set_id)
    if ids is not None:
        log = log.where(Question.set_id.in_(ids))
    totals: dict[int, list[int]] = {}
    parts = [db.session.execute(log)]
    if summary:
        past = (
            sa.select(ReviewDay.set_id, sa.func.sum(ReviewDay.correct), sa.func.sum(ReviewDay.reviews))
            .where(ReviewDay.user_id == user_id, ReviewDay.day >= first, ReviewDay.day < today)
            .group_by(ReviewDay.set_id)
        )
        if ids is not None:
            past = past.where(ReviewDay.set_id.in_(ids))
        parts.append(db.session.execute(past))
    for rows in parts:
        for set_id, correct, total in rows:
            counted = totals.setdefault(set_id, [0, 0])
            counted[0] += int(correct or 0)
            counted[1] += int(total or 0)
    return {set_id: (correct, total) for set_id, (correct, total) in totals.items() if total}


def due_forecast_by_set(user_id: int, *, now: datetime, tz: str, days: int = FORECAST_DAYS,
                        set_ids: Optional[Iterable[int]] = None) -> dict[int, list[int]]:
    """Cards falling due on each of the next ``days`` study days, per set; overdue cards count today.

    New (never answered) and suspended cards are not due: they are not in the forecast.
    """
    edges = day_edges(study_date(now, tz), days, tz)
    query = (
        sa.select(Question.set_id)
        .join(Question, Question.id == Card.question_id)
        .where(Card.user_id == user_id, Card.reps > 0, Card.suspended.is_(False),
               Question.removed_at.is_(None), Card.due < edges[-1])
    )
    if set_ids is not None:
        query = query.where(Question.set_id.in_(list(set_ids)))
    forecast: dict[int, list[int]] = {}
    for set_id, index, n in _count_by_bucket(query, Card.due, edges, "set_id"):
        forecast.setdefault(set_id, [0] * days)[index] += n
    return forecast


def set_progress(user_id: int, *, now: datetime, tz: str, set_ids: Optional[Iterable[int]] = None) -> list[SetProgress]:
    """The progress of each studied set (or of ``set_ids``), ordered by title; four queries in all."""
    ids = list(set_ids) if set_ids is not None else studied_set_ids(user_id)
    if not ids:
        return []
    sets = db.session.scalars(sa.select(QuestionSet).where(QuestionSet.id.in_(ids)).order_by(QuestionSet.title)).all()
    states = state_counts(user_id, ids)
    retention = retention_counts(user_id, now=now, tz=tz, set_ids=ids)
    forecast = due_forecast_by_set(user_id, now=now, tz=tz, set_ids=ids)
    result = []
    for s in sets:
        correct, reviews = retention.get(s.id, (0, 0))
        result.append(SetProgress(s, **states.get(s.id, {}), reviews=reviews, correct=correct,
                                  forecast=forecast.get(s.id, [0] * FORECAST_DAYS)))
    return result


# ---------------------------------------------------------------- series for charts

def sum_forecast(forecasts: Sequence[list[int]], days: int = FORECAST_DAYS) -> list[int]:
    """Per-day totals over several sets' forecasts."""
    return [sum(per_set[i] for per_set in forecasts) for i in range(days)]


def reviews_per_day(user_id: int, *, now: datetime, tz: str, days: int = ACTIVITY_DAYS,
                    set_id: Optional[int] = None) -> list[tuple[date, int]]:
    """Reviews on each of the last ``days`` study days (oldest first, today last)."""
    today = study_date(now, tz)
    first = today - timedelta(days=days - 1)
    if not _summary_applies(user_id, tz):
        return _reviews_per_day_from_log(user_id, now=now, tz=tz, first=first, days=days, set_id=set_id)
    counts = [0] * days
    past = (
        sa.select(ReviewDay.day, sa.func.sum(ReviewDay.reviews))
        .where(ReviewDay.user_id == user_id, ReviewDay.day >= first, ReviewDay.day < today)
        .group_by(ReviewDay.day)
    )
    today_log = _log_since(user_id, day_bounds(today, tz)[0], now, sa.func.count())
    if set_id is not None:
        past = past.where(ReviewDay.set_id == set_id)
        today_log = today_log.where(Question.set_id == set_id)
    for day, n in db.session.execute(past):
        counts[(day - first).days] += int(n or 0)
    counts[-1] = db.session.scalar(today_log) or 0
    return [(first + timedelta(days=i), counts[i]) for i in range(days)]


def _reviews_per_day_from_log(user_id: int, *, now: datetime, tz: str, first: date, days: int,
                              set_id: Optional[int]) -> list[tuple[date, int]]:
    """:func:`reviews_per_day` for study days of another zone than the summary's: buckets over the log."""
    edges = day_edges(first, days, tz)
    query = sa.select(ReviewLog.id).where(
        ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= edges[0], ReviewLog.reviewed_at < edges[-1],
        ReviewLog.reviewed_at <= now,
    )
    if set_id is not None:
        query = query.join(Question, Question.id == ReviewLog.question_id).where(Question.set_id == set_id)
    counts = [0] * days
    for index, n in _count_by_bucket(query, ReviewLog.reviewed_at, edges):
        counts[index] += n
    return [(first + timedelta(days=i), counts[i]) for i in range(days)]


def rating_counts(user_id: int, *, set_id: Optional[int] = None) -> dict[int, int]:
    """How often each rating (1 Again, 2 Hard, 3 Good, 4 Easy) was given, all time (from the summary)."""
    query = sa.select(*(sa.func.coalesce(sa.func.sum(getattr(ReviewDay, name)), 0)
                        for name in RATING_COLUMNS.values())).where(ReviewDay.user_id == user_id)
    if set_id is not None:
        query = query.where(ReviewDay.set_id == set_id)
    return dict(zip(RATING_COLUMNS, (int(n) for n in db.session.execute(query).one())))


def quiz_scores(user_id: int, *, set_id: Optional[int] = None) -> list[tuple[int, datetime, float]]:
    """(set id, finished at, score 0-1) of each finished attempt, oldest first."""
    query = (
        sa.select(QuizAttempt.set_id, QuizAttempt.finished_at, QuizAttempt.score)
        .where(QuizAttempt.user_id == user_id, QuizAttempt.finished_at.is_not(None), QuizAttempt.score.is_not(None))
        .order_by(QuizAttempt.finished_at)
    )
    if set_id is not None:
        query = query.where(QuizAttempt.set_id == set_id)
    return [tuple(row) for row in db.session.execute(query)]


# ---------------------------------------------------------------- study my mistakes

def mistake_question_ids(user_id: int, *, now: datetime, days: int, set_id: Optional[int] = None,
                         types: Optional[Sequence[str]] = None) -> list[int]:
    """Live questions the user answered wrong (a review or a quiz answer) in the last ``days`` days.

    ``types`` keeps only those question types (a quiz grades no flashcards).
    """
    since = now - timedelta(days=days)
    from_reviews = sa.select(ReviewLog.question_id.label("qid")).where(
        ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since, WRONG_REVIEW)
    from_quizzes = (
        sa.select(QuizAnswer.question_id.label("qid"))
        .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
        .where(QuizAttempt.user_id == user_id, QuizAnswer.answered_at >= since, QuizAnswer.correct.is_(False))
    )
    wrong = sa.union(from_reviews, from_quizzes).subquery()
    query = (
        sa.select(Question.id)
        .where(Question.id.in_(sa.select(wrong.c.qid)), Question.removed_at.is_(None))
        .order_by(Question.set_id, Question.position)
    )
    if set_id is not None:
        query = query.where(Question.set_id == set_id)
    if types is not None:
        query = query.where(Question.type.in_(list(types)))
    return list(db.session.scalars(query))
