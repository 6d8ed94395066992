"""A student's own handling of their cards: suspend, bury until tomorrow, flag, a note; search.

A card row is created on first use, so a question never studied can be buried, flagged or noted
too (its row stays new: ``reps`` 0). Callers commit.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import sqlalchemy as sa

from quizapp import clock, study_options
from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, User
from quizapp.sets import visible_sets

MAX_NOTE_LENGTH = 2000
# What the search page can narrow to, each a condition on the card row.
FILTERS = ("flagged", "suspended", "buried", "noted")


def own_card(user: User, question: Question) -> Card:
    """The user's card for the question, created (new) if they have none yet."""
    card = db.session.scalar(sa.select(Card).where(Card.user_id == user.id, Card.question_id == question.id))
    if card is None:
        card = Card(user_id=user.id, question_id=question.id, due=clock.now(), reps=0)
        db.session.add(card)
        db.session.flush()
    return card


def bury(user: User, question: Question, now: Optional[datetime] = None) -> datetime:
    """Keep the card out of the queue until the student's next study day begins; returns when."""
    now = now or clock.now()
    until = study_options.day_bounds(user, now)[1]
    own_card(user, question).buried_until = until
    return until


def is_buried(card: Optional[Card], now: Optional[datetime] = None) -> bool:
    return card is not None and card.buried_until is not None and card.buried_until > (now or clock.now())


def apply_action(user: User, question: Question, action: str, *, note: str = "") -> Card:
    """One of ACTIONS on the user's card for the question. Raises KeyError for an unknown action."""
    card = own_card(user, question)
    ACTIONS[action](user, question, card, note)
    return card


def _set(name, value):
    def act(user, question, card, note):
        setattr(card, name, value)
    return act


def _note(user, question, card, note):
    card.note = note.strip()[:MAX_NOTE_LENGTH] or None


ACTIONS = {
    "suspend": _set("suspended", True),
    "unsuspend": _set("suspended", False),
    "bury": lambda user, question, card, note: bury(user, question),
    "unbury": _set("buried_until", None),
    "flag": _set("flagged", True),
    "unflag": _set("flagged", False),
    "note": _note,
}


@dataclass(frozen=True)
class CardRow:
    """One result of a search: the question, its set and the user's card (None if never touched)."""

    question: Question
    question_set: QuestionSet
    card: Optional[Card]

    @property
    def status(self) -> str:
        """new, learning, review or relearning (fsrs states 1-3), as the search page shows it."""
        if self.card is None or self.card.reps == 0:
            return "new"
        return {1: "learning", 2: "review", 3: "relearning"}.get(self.card.state, "review")


def search(user: User, text: str = "", *, only: Optional[str] = None, limit: int = 100) -> tuple[list[CardRow], int]:
    """The user's cards whose prompt, answer, tags or note contain `text` (any case), in sets
    they may see, narrowed to one of FILTERS; returns (the first `limit` rows, how many match)."""
    sets = visible_sets(user).subquery()
    query = (
        sa.select(Question, QuestionSet, Card)
        .join(sets, sets.c.id == Question.set_id)
        .join(QuestionSet, QuestionSet.id == Question.set_id)
        .outerjoin(Card, sa.and_(Card.question_id == Question.id, Card.user_id == user.id))
        .where(Question.removed_at.is_(None))
    )
    words = text.split()
    for word in words:
        pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(sa.or_(*(
            sa.func.lower(sa.cast(column, sa.Text)).like(pattern, escape="\\")
            for column in (Question.prompt, Question.answer, Question.tags, Card.note)
        )))
    if only == "flagged":
        query = query.where(Card.flagged.is_(True))
    elif only == "suspended":
        query = query.where(Card.suspended.is_(True))
    elif only == "buried":
        query = query.where(Card.buried_until > clock.now())
    elif only == "noted":
        query = query.where(Card.note.is_not(None))
    elif not words:
        # No words and no filter: the cards the student has, not every question they could see.
        query = query.where(Card.id.is_not(None))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = db.session.execute(query.order_by(QuestionSet.title, Question.position).limit(limit)).all()
    return [CardRow(question, question_set, card) for question, question_set, card in rows], total
