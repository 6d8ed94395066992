"""Which cards to study now, in what order: a pure function over plain candidates.

Rules (Anki's, simplified):

* The study day starts at `day_start_hour` (4 a.m.) in the student's own time zone, so a
  late-night session still belongs to the evening's day.
* Cards in learning or relearning are due when ``due <= now``: their steps are minutes,
  and showing them early would defeat the step.
* Cards in review are due when ``due`` falls before the end of the current study day:
  their intervals are whole days, and the hour they happen to carry is only the hour of
  the last answer. A card answered at 21:00 with a one-day interval is due the next
  morning, not at 21:00.
* Due cards come first, the oldest due first; then new cards in set position order.
* New cards are capped by ``new_limit - new_done_today``; everything returned, new or
  due, is capped by ``review_limit - reviews_done_today``. The web layer counts both
  from the review log within `study_day_bounds`: ``reviews_done_today`` is every answer
  recorded in the day, ``new_done_today`` the answers that were a card's first.
* Suspended cards never appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Hashable

from .cards import State, as_utc
from .days import study_day_bounds  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class QueueCandidate:
    """One card as the queue needs it; ``due is None`` or ``reps == 0`` means new."""

    card_id: Hashable
    position: int = 0
    due: datetime | None = None
    state: State | int | None = None
    reps: int = 0
    suspended: bool = False

    @property
    def is_new(self) -> bool:
        """True for a card never answered."""
        return self.due is None or self.reps == 0


def get_queued_cards(
    cards: list[QueueCandidate],
    *,
    now: datetime,
    tz: str,
    day_start_hour: int = 4,
    new_limit: int = 20,
    review_limit: int = 200,
    new_done_today: int = 0,
    reviews_done_today: int = 0,
) -> list[QueueCandidate]:
    """The cards to study now, in order, within the day's limits (see the module rules)."""
    now = as_utc(now, "now")
    _, day_end = study_day_bounds(now, tz, day_start_hour)
    budget = max(0, review_limit - reviews_done_today)
    new_budget = max(0, new_limit - new_done_today)

    due: list[QueueCandidate] = []
    new: list[QueueCandidate] = []
    for card in cards:
        if card.suspended:
            continue
        if card.is_new:
            new.append(card)
        elif _is_due(card, now, day_end):
            due.append(card)

    # Ties broken by position then id so the same inputs always give the same queue.
    due.sort(key=lambda c: (as_utc(c.due, "due"), c.position, str(c.card_id)))
    new.sort(key=lambda c: (c.position, str(c.card_id)))
    queue = due[:budget]
    queue += new[: min(new_budget, budget - len(queue))]
    return queue


def _is_due(card: QueueCandidate, now: datetime, day_end: datetime) -> bool:
    """Review cards are due for the whole study day; learning steps only once reached."""
    due = as_utc(card.due, "due")
    if card.state is not None and State(card.state) == State.REVIEW:
        return due < day_end
    return due <= now
