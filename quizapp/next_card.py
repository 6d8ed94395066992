"""The study queue's two hot reads in SQL: the day's counts per set, and the first card in queue order.

:func:`quizapp.scheduling.get_queued_cards` defines the queue over plain candidates (and stays
the reference, e.g. for the offline pack). Building it means reading every live question of the
set; a request needs only its head and its size. So here one aggregate statement counts, per set,
the cards due now, the new cards available, the learning cards later today or within the
learn-ahead window, and the day's study answers (all and first answers) from the review log; the
limits are applied to those numbers in Python; and one more statement returns the first card in
the scheduler's order (due first, oldest due first, then new in set order), its question and its
card row together.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import DEFAULT_DAY_START_HOUR, State, study_day_bounds

_REVIEW = int(State.REVIEW)


@dataclass(frozen=True)
class DayCounts:
    """One set as the day stands: what the queue would hold before and after the limits."""

    due: int = 0               # due now (review cards until the end of the study day, learning steps reached)
    new_available: int = 0     # never answered, not suspended
    learning_later: int = 0    # (re)learning steps later in the study day
    learning_ahead: int = 0    # (re)learning steps due within the learn-ahead window
    answered_today: int = 0    # study answers in the study day
    new_today: int = 0         # of which a card's first answer


@dataclass(frozen=True)
class Budget:
    """The queue's sizes after the day's limits (the rules of get_queued_cards)."""

    due: int
    new: int

    @property
    def empty(self) -> bool:
        return self.due + self.new == 0


def budget(user: User, counts: DayCounts) -> Budget:
    """Due cards up to the review limit, then new ones up to the new limit and what is left of the review limit."""
    left = max(0, user.reviews_per_day - counts.answered_today)
    due = min(counts.due, left)
    new = min(counts.new_available, max(0, user.new_per_day - counts.new_today), left - due)
    return Budget(due, new)


def _day_bounds(user: User, now: datetime) -> tuple[datetime, datetime]:
    hour = DEFAULT_DAY_START_HOUR if user.day_start_hour is None else user.day_start_hour
    return study_day_bounds(now, user.timezone or "UTC", hour)


def _card_of(user_id: int):
    return sa.and_(Card.question_id == Question.id, Card.user_id == user_id)


def _is_new():
    return sa.or_(Card.id.is_(None), Card.reps == 0)


def _held(now: datetime):
    """Suspended, or buried for the rest of the day (quizapp.cards): out of the queue, new or not."""
    # Written never to be NULL (no card row, no burial), so that NOT of it is a plain boolean.
    return sa.or_(Card.suspended.is_(True), sa.and_(Card.buried_until.is_not(None), Card.buried_until > now))


def _free_new(now: datetime):
    return sa.and_(_is_new(), sa.not_(_held(now)))


def _answered(now: datetime):
    return sa.and_(Card.reps > 0, sa.not_(_held(now)))


def _due(now: datetime, day_end: datetime):
    return sa.or_(sa.and_(Card.state == _REVIEW, Card.due < day_end), sa.and_(Card.state != _REVIEW, Card.due <= now))


def _learning_until(now: datetime, moment: datetime):
    return sa.and_(_answered(now), Card.state != _REVIEW, Card.due <= moment)


def _count(condition):
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def day_counts(user: User, set_ids: Iterable[int], now: datetime, learn_ahead: timedelta) -> dict[int, DayCounts]:
    """:class:`DayCounts` of each set that has live questions, in one statement for all the sets."""
    ids = list(set_ids)
    if not ids:
        return {}
    start, end = _day_bounds(user, now)
    answered = aliased(Question)
    today = (
        sa.select(sa.func.count()).select_from(ReviewLog).join(answered, answered.id == ReviewLog.question_id)
        .where(ReviewLog.user_id == user.id, ReviewLog.origin == "study", ReviewLog.reviewed_at >= start,
               ReviewLog.reviewed_at < end, answered.set_id == Question.set_id)
    )
    first_answers = today.where(sa.func.coalesce(ReviewLog.state_before["reps"].as_integer(), 0) == 0)
    rows = db.session.execute(
        sa.select(
            Question.set_id,
            _count(sa.and_(_answered(now), _due(now, end))),
            _count(_free_new(now)),
            _count(sa.and_(_answered(now), Card.state != _REVIEW, Card.due > now, Card.due < end)),
            _count(_learning_until(now, now + learn_ahead)),
            today.scalar_subquery(),
            first_answers.scalar_subquery(),
        )
        .select_from(Question).outerjoin(Card, _card_of(user.id))
        .where(Question.set_id.in_(ids), Question.removed_at.is_(None))
        .group_by(Question.set_id)
    )
    return {row[0]: DayCounts(*(int(n or 0) for n in row[1:])) for row in rows}


def first_card(user: User, set_id: int, now: datetime, counts: DayCounts,
               learn_ahead: timedelta) -> tuple[Optional[Question], Optional[Card]]:
    """The head of the set's queue (its question and the user's card row, if any), or (None, None).

    When the limits leave nothing, (re)learning steps due within ``learn_ahead`` are offered,
    oldest first, while the review limit allows.
    """
    sizes = budget(user, counts)
    _, end = _day_bounds(user, now)
    if not sizes.empty:
        wanted = []
        if sizes.due:
            wanted.append(sa.and_(_answered(now), _due(now, end)))
        if sizes.new:
            wanted.append(_free_new(now))
        condition = sa.or_(*wanted)
    elif counts.learning_ahead and user.reviews_per_day > counts.answered_today:
        condition = _learning_until(now, now + learn_ahead)
    else:
        return None, None
    new_last = sa.case((_is_new(), 1), else_=0)
    row = db.session.execute(
        sa.select(Question, Card).outerjoin(Card, _card_of(user.id))
        .where(Question.set_id == set_id, Question.removed_at.is_(None), condition)
        .order_by(new_last, sa.case((_is_new(), None), else_=Card.due), Question.position, Question.id)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)
