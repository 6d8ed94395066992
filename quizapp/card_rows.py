"""A card row as the scheduler's value and as JSON: for the review log, undo and the API.

Nothing here depends on Flask routes, so the API and the offline pack both build on it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card
from quizapp.scheduling import CardState, State

STATE_NAMES = {int(State.LEARNING): "learning", int(State.REVIEW): "review", int(State.RELEARNING): "relearning"}


def card_key(user_id: int, question_id: int) -> int:
    """A card's id for the scheduler's fuzz seed: one per (user, question), known before the row exists."""
    return (int(user_id) << 32) + int(question_id)


def card_state(card: Optional[Card], now: datetime, *, key: int = 0) -> CardState:
    """A row as the scheduler's value; no row (or no answer yet) is a new card.

    ``key`` is :func:`card_key` of the card (taken from the row when there is one).
    """
    if card is not None and card.user_id is not None and card.question_id is not None:
        key = card_key(card.user_id, card.question_id)
    if card is None or card.reps == 0:
        return CardState.new(now, card_id=key)
    return CardState(
        due=card.due, stability=card.stability, difficulty=card.difficulty, state=State(card.state),
        step=card.step, reps=card.reps, lapses=card.lapses, last_review=card.last_review, card_id=key,
    )


def state_dict(state: CardState, *, suspended: bool = False, leech: bool = False) -> dict[str, Any]:
    """A card state as JSON for the review log (and the API)."""
    return {
        "due": state.due.isoformat(),
        "stability": state.stability,
        "difficulty": state.difficulty,
        "state": int(state.state),
        "step": state.step,
        "reps": state.reps,
        "lapses": state.lapses,
        "last_review": state.last_review.isoformat() if state.last_review else None,
        "suspended": suspended,
        "leech": leech,
    }


def restore_state(card: Card, state: dict[str, Any]) -> None:
    """Copy a logged state back onto the row (undo, and the start of a replay)."""
    card.due = datetime.fromisoformat(state["due"])
    card.stability = state["stability"]
    card.difficulty = state["difficulty"]
    card.state = state["state"]
    card.step = state["step"]
    card.reps = state["reps"]
    card.lapses = state["lapses"]
    card.last_review = datetime.fromisoformat(state["last_review"]) if state["last_review"] else None
    card.suspended = state.get("suspended", False)
    card.leech = state.get("leech", False)


def get_card(user_id: int, question_id: int) -> Optional[Card]:
    return db.session.scalar(sa.select(Card).where(Card.user_id == user_id, Card.question_id == question_id))


def iso(value: Optional[datetime]) -> Optional[str]:
    """A time as ISO 8601 text for JSON; None stays None."""
    return value.isoformat() if value is not None else None


def card_json(question_id: int, card: Optional[Card]) -> dict:
    """The stored FSRS state; a question never answered is ``state: "new"`` with nothing stored."""
    if card is None or card.reps == 0:
        return {"question_id": question_id, "state": "new", "state_code": 0, "due": None, "stability": None,
                "difficulty": None, "step": None, "reps": 0, "lapses": 0, "last_review": None,
                "suspended": bool(card.suspended) if card else False, "leech": bool(card.leech) if card else False}
    return {
        "question_id": question_id, "state": STATE_NAMES.get(card.state, str(card.state)), "state_code": card.state,
        "due": iso(card.due), "stability": card.stability, "difficulty": card.difficulty, "step": card.step,
        "reps": card.reps, "lapses": card.lapses, "last_review": iso(card.last_review),
        "suspended": bool(card.suspended), "leech": bool(card.leech),
    }
