"""Answering a card: its new scheduled state and the review log row, and the previews of each rating.

The scheduling rules live in :mod:`quizapp.scheduling` (pure, no database); this module turns
rows into its plain values and stores what comes back. Nothing here commits: the view (or API
route) commits once, after :func:`quizapp.user_writes.begin_write`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import sqlalchemy as sa

from quizapp import clock
from quizapp.card_rows import card_key, card_state, get_card, state_dict
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import NextState, Rating, State
from quizapp.study_options import options_for, scheduler_for


class ClientIdReused(Exception):
    """The client_id was recorded before for another question."""

    def __init__(self, earlier: ReviewLog) -> None:
        super().__init__(f"client_id {earlier.client_id!r} was used for question {earlier.question_id}")
        self.earlier = earlier


def _set_of(question_id: Optional[int]) -> Optional[int]:
    if question_id is None:
        return None
    return db.session.scalar(sa.select(Question.set_id).where(Question.id == question_id))


def next_states(user: User, question_id: int, now: Optional[datetime] = None) -> dict[Rating, NextState]:
    """When the question would come back for each rating, for the answer buttons."""
    return next_states_of(user, get_card(user.id, question_id), now, question_id=question_id)


def next_states_of(user: User, card: Optional[Card], now: Optional[datetime] = None, *,
                   question_id: Optional[int] = None, set_id: Optional[int] = None) -> dict[Rating, NextState]:
    """:func:`next_states` for a card row already loaded (None: a new card, of ``question_id``)."""
    now = now or clock.now()
    if question_id is None and card is not None:
        question_id = card.question_id
    key = card_key(user.id, question_id) if question_id is not None else 0
    scheduler = scheduler_for(user, set_id if set_id is not None else _set_of(question_id))
    return scheduler.describe_next_states(card_state(card, now, key=key), now)


@dataclass(frozen=True)
class ReviewOutcome:
    """A recorded review; ``repeat`` when the client_id had been recorded before."""

    review: ReviewLog
    card: Card
    repeat: bool = False
    became_leech: bool = False


def find_review(user_id: int, client_id: str) -> Optional[ReviewLog]:
    return db.session.scalar(sa.select(ReviewLog).where(ReviewLog.user_id == user_id, ReviewLog.client_id == client_id))


def apply_answer(user: User, card: Card, rating: Rating | int, now: datetime,
                 set_id: Optional[int] = None) -> tuple[dict, dict, bool]:
    """Schedule one answer given at `now` onto the card row: (state before, state after, became leech).

    The states are the review log's JSON. A card reaching the leech threshold (8 lapses unless the
    user chose another) and every half-threshold more is flagged a leech, and suspended unless the
    user's leech action is "tag". Shared by :func:`answer_card` and the replay of a card's reviews
    (:mod:`quizapp.sync`).
    """
    before = card_state(card, now)
    before_flags = {"suspended": bool(card.suspended), "leech": bool(card.leech)}
    set_id = set_id if set_id is not None else _set_of(card.question_id)
    options = options_for(user, set_id)
    outcome = scheduler_for(user, set_id, options).answer_card(before, Rating(rating), now)
    after = outcome.after
    card.due, card.stability, card.difficulty = after.due, after.stability, after.difficulty
    card.state, card.step, card.reps, card.lapses = int(after.state), after.step, after.reps, after.lapses
    card.last_review = after.last_review
    threshold = options.leech_threshold
    became_leech = (
        outcome.lapsed and after.lapses >= threshold and (after.lapses - threshold) % max(1, threshold // 2) == 0
    )
    if became_leech:
        card.leech = True
        if options.leech_action == "suspend":
            card.suspended = True
    return (state_dict(before, **before_flags),
            state_dict(after, suspended=bool(card.suspended), leech=bool(card.leech)), became_leech)


def answer_card(
    user: User,
    question: Question,
    rating: Rating | int,
    *,
    answer_given: Optional[str] = None,
    correct: Optional[bool] = None,
    duration_ms: Optional[int] = None,
    client_id: Optional[str] = None,
    origin: str = "study",
    now: Optional[datetime] = None,
) -> ReviewOutcome:
    """Record one answer: the card's new FSRS state and a review-log row with both states.

    Call inside :func:`quizapp.user_writes.begin_write`. The same ``client_id`` twice records once: the second call
    returns the first review with ``repeat=True`` (:class:`ClientIdReused` when it was for another
    question). Leeches: see :func:`apply_answer`.
    """
    now = now or clock.now()
    rating = Rating(rating)
    if client_id:
        existing = find_review(user.id, client_id)
        if existing is not None:
            if existing.question_id != question.id:
                raise ClientIdReused(existing)
            return ReviewOutcome(existing, get_card(user.id, existing.question_id), repeat=True)
    card = get_card(user.id, question.id)
    if card is None:
        card = Card(user_id=user.id, question_id=question.id, due=now, state=int(State.LEARNING), step=0,
                    reps=0, lapses=0, suspended=False, leech=False)
        db.session.add(card)
    state_before, state_after, became_leech = apply_answer(user, card, rating, now, question.set_id)
    review = ReviewLog(
        user_id=user.id, question_id=question.id, client_id=client_id, rating=int(rating),
        answer_given=answer_given, correct=correct, duration_ms=duration_ms, origin=origin,
        state_before=state_before, state_after=state_after, reviewed_at=now,
    )
    db.session.add(review)
    if user.undo_streak:
        user.undo_streak = 0  # a new answer starts the undo count again
    db.session.flush()
    return ReviewOutcome(review, card, became_leech=became_leech)
