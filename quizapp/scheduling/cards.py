"""Plain values the scheduler takes and returns: card state, ratings, outcomes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import IntEnum

# A card that lapses this many times is a leech: it costs far more study time than it
# returns, and the student is better served by rewriting or suspending it. Anki's default.
LEECH_LAPSES = 8


class Rating(IntEnum):
    """How well the student recalled a card; the numbers are those stored in the review log."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class State(IntEnum):
    """Where a card is in its life; the numbers are those of the database column (and of py-fsrs).

    A new card has no state row yet, or a row with ``reps == 0``: see `CardState.is_new`.
    """

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


def as_utc(value: datetime, name: str = "datetime") -> datetime:
    """Return an aware datetime converted to `timezone.utc`; refuse naive ones.

    fsrs accepts only `timezone.utc` itself (not `ZoneInfo("UTC")`), and a naive value
    usually means a database driver dropped the zone: guessing it would move reviews by
    hours, so it is an error.
    """
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(
            f"{name} must be timezone-aware (got naive {value.isoformat()}); "
            "attach the zone, e.g. value.replace(tzinfo=timezone.utc) for UTC"
        )
    return value.astimezone(timezone.utc)


@dataclass(frozen=True)
class CardState:
    """One student's memory of one card, as stored in the card-state table."""

    due: datetime
    stability: float | None = None
    difficulty: float | None = None
    state: State = State.LEARNING
    step: int | None = 0
    reps: int = 0
    lapses: int = 0
    last_review: datetime | None = None
    # Which card this is (an int unique per card): with `reps` it seeds the answer's fuzz.
    card_id: int = 0

    def __post_init__(self) -> None:
        # Rows arrive with plain ints and, from some drivers, odd tzinfo objects: normalise
        # once here so every later comparison and fsrs call sees State and timezone.utc.
        object.__setattr__(self, "state", State(self.state))
        object.__setattr__(self, "due", as_utc(self.due, "due"))
        if self.last_review is not None:
            object.__setattr__(self, "last_review", as_utc(self.last_review, "last_review"))

    @classmethod
    def new(cls, now: datetime, card_id: int = 0) -> CardState:
        """A card never studied, due at once."""
        return cls(due=as_utc(now, "now"), card_id=card_id)

    @property
    def is_new(self) -> bool:
        """True until the first answer."""
        return self.reps == 0

    def evolve(self, **changes) -> CardState:
        """A copy with some fields changed."""
        return replace(self, **changes)


def is_leech(card_state: CardState) -> bool:
    """True once the card has lapsed `LEECH_LAPSES` times or more."""
    return card_state.lapses >= LEECH_LAPSES


@dataclass(frozen=True)
class AnswerOutcome:
    """The state before and after one answer, and how long until the card is due again."""

    before: CardState
    after: CardState
    rating: Rating
    interval: timedelta

    @property
    def lapsed(self) -> bool:
        """True when this answer forgot a card that was in review."""
        return self.after.lapses > self.before.lapses


@dataclass(frozen=True)
class NextState:
    """What one rating would do: the next due time, the interval and its short label."""

    due: datetime
    interval: timedelta
    label: str
