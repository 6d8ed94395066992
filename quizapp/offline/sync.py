"""Answers given offline and sent later: when they may be placed, and the replay of a card's reviews.

A device studying offline sends each answer with the time it was given (``reviewed_at``) and the
card's last review as the device knew it (``known_last_review``, null when it saw the card new).
The server schedules the answer at that time, within bounds:

* not in the future: a time up to `CLOCK_SKEW` ahead of the server's clock is taken as "now"
  (device clocks drift), anything later is refused;
* not before the card's previous review: without ``known_last_review`` that is the card's last
  review on the server; with it, the last review the device had seen. Reviews recorded since then
  and later than ``reviewed_at`` were given on another device meanwhile: the card's reviews are
  then replayed in time order (:func:`record_at`).

A replay keeps every review's facts (rating, time, answer, duration); only the states derived
from them (the card row, each row's ``state_before``/``state_after``) are computed again, so
undo and history stay true.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

import sqlalchemy as sa
from flask_babel import gettext as _

from quizapp import card_rows, reviews
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import Rating

CLOCK_SKEW = timedelta(minutes=5)


class ReviewTimeError(ValueError):
    """A ``reviewed_at`` that cannot be placed; the message says why."""


def parse_time(value, field: str) -> datetime:
    """An ISO 8601 time with its zone ("2026-03-01T08:15:00Z"); naive or malformed values are refused."""
    if not isinstance(value, str):
        raise ReviewTimeError(_("%(field)s must be an ISO 8601 time such as 2026-03-01T08:15:00Z.", field=field))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ReviewTimeError(_("%(field)s is not an ISO 8601 time: “%(value)s”.", field=field, value=value[:40])) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ReviewTimeError(_("%(field)s must carry its time zone (e.g. a final Z for UTC).", field=field))
    return parsed


def bounded_time(card: Optional[Card], reviewed_at: datetime, now: datetime, *,
                 known: bool = False, known_last_review: Optional[datetime] = None) -> datetime:
    """The time to schedule an answer at, or :class:`ReviewTimeError` when it is out of bounds."""
    if reviewed_at > now + CLOCK_SKEW:
        raise ReviewTimeError(_("reviewed_at %(time)s is in the future (the server's time is %(now)s).",
                                time=reviewed_at.isoformat(), now=now.isoformat()))
    reviewed_at = min(reviewed_at, now)
    previous = known_last_review if known else (card.last_review if card is not None and card.reps else None)
    if previous is not None and reviewed_at < previous:
        raise ReviewTimeError(_("reviewed_at %(time)s is before the card's previous review at %(previous)s.",
                                time=reviewed_at.isoformat(), previous=previous.isoformat()))
    return reviewed_at


@dataclass(frozen=True)
class Placed:
    """An answer recorded at its own time, and how many later reviews were replayed after it."""

    outcome: reviews.ReviewOutcome
    replayed: int = 0


def later_reviews(user_id: int, question_id: int, after: datetime) -> list[ReviewLog]:
    """The user's reviews of the question given after `after`, in time order."""
    return list(db.session.scalars(
        sa.select(ReviewLog)
        .where(ReviewLog.user_id == user_id, ReviewLog.question_id == question_id, ReviewLog.reviewed_at > after)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ))


def record_at(user: User, question: Question, rating: Rating, reviewed_at: datetime, **fields) -> Placed:
    """Record an answer given at `reviewed_at` (already bounded), replaying the card's later reviews.

    Call inside :func:`quizapp.user_writes.begin_write`; `fields` are those of
    :func:`quizapp.reviews.answer_card` (answer_given, correct, duration_ms, client_id, origin).
    """
    later = later_reviews(user.id, question.id, reviewed_at)
    if later:
        # Back to the state the card had when this answer was given, i.e. before the first later review.
        card_rows.restore_state(card_rows.get_card(user.id, question.id), later[0].state_before)
    outcome = reviews.answer_card(user, question, rating, now=reviewed_at, **fields)
    card = outcome.card
    for row in later:
        row.state_before, row.state_after, _ = reviews.apply_answer(user, card, row.rating, row.reviewed_at)
    db.session.flush()
    return Placed(reviews.ReviewOutcome(outcome.review, card, repeat=outcome.repeat,
                                        became_leech=outcome.became_leech), replayed=len(later))
