"""Leeches and suspended cards: listing them and suspending or unsuspending one."""
from __future__ import annotations

from typing import Optional

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card, Question
from quizapp.scheduling import LEECH_LAPSES

# After the first leech suspension, every further half-threshold of lapses suspends again (Anki).
LEECH_REPEAT = LEECH_LAPSES // 2


def suspended_cards(user_id: int) -> list[Card]:
    """The user's suspended cards (leeches first), with their questions."""
    return list(db.session.scalars(
        sa.select(Card).join(Question, Question.id == Card.question_id)
        .where(Card.user_id == user_id, Card.suspended.is_(True))
        .order_by(Card.leech.desc(), Question.set_id, Question.position)
    ))


def set_suspended(user_id: int, card_id: int, suspended: bool) -> Optional[Card]:
    """Suspend or unsuspend one of the user's cards; None when it is not theirs.

    The leech flag stays as a tag: the card is suspended again only after `LEECH_REPEAT` more lapses.
    """
    card = db.session.get(Card, card_id)
    if card is None or card.user_id != user_id:
        return None
    card.suspended = suspended
    return card
