"""Taking study answers back, newest first: the card gets its logged state before, the log row goes."""
from __future__ import annotations

from typing import Optional

import sqlalchemy as sa

from quizapp.card_rows import get_card, restore_state
from quizapp.extensions import db
from quizapp.models import Question, ReviewLog, User

# How many study answers can be taken back one after another.
UNDO_DEPTH = 10


def last_review(user_id: int) -> Optional[ReviewLog]:
    """The user's most recent review, of any origin."""
    return db.session.scalar(
        sa.select(ReviewLog).where(ReviewLog.user_id == user_id)
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc()).limit(1)
    )


def can_undo(user: User, set_id: Optional[int] = None) -> bool:
    """True when :func:`undo_last_review` would take an answer back (in that set, with ``set_id``)."""
    if (user.undo_streak or 0) >= UNDO_DEPTH:
        return False
    review = last_review(user.id)
    if review is None or review.origin != "study":
        return False
    if set_id is None:
        return True
    question = db.session.get(Question, review.question_id)
    return question is not None and question.set_id == set_id


def undo_last_review(user: User, set_id: Optional[int] = None) -> Optional[Question]:
    """Take back the user's last study review: the card gets its state before it, the log row goes.

    Answers are taken back one by one, newest first, up to `UNDO_DEPTH` in a row (a new answer
    starts the count again); only study answers (a quiz is scored as a whole), and with ``set_id``
    only one of that set. Returns the question, or None when there is nothing to undo. This is
    the one way a review-log row is ever deleted.
    """
    if not can_undo(user, set_id):
        return None
    review = last_review(user.id)
    question = db.session.get(Question, review.question_id)
    card = get_card(user.id, review.question_id)
    if card is not None:
        restore_state(card, review.state_before)
    db.session.delete(review)
    user.undo_streak = (user.undo_streak or 0) + 1
    db.session.flush()
    return question
