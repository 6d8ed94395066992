"""Which cards to study now, in what order: a pure function over plain candidates.

Rules (Anki's v3 scheduler, simplified):

* The study day starts at `day_start_hour` (4 a.m. unless the student set another hour) in
  the student's own time zone, so a late-night session still belongs to the evening's day.
* Cards in learning or relearning are due when ``due <= now``: their steps are minutes,
  and showing them early would defeat the step.
* Cards in review are due when ``due`` falls before the end of the current study day:
  their intervals are whole study days.
* Learning cards answered earlier in the same study day ("same-day learning") are never
  limited. Review cards, and learning cards last answered on an earlier day (a step that
  crossed the day boundary, Anki's interday learning), share the review limit.
* New cards are capped by ``new_limit - new_done_today`` and by what the review limit leaves.
  The web layer counts both from the review log within the day: ``reviews_done_today`` the
  answers given to cards in review, ``new_done_today`` the answers that were a card's first.
* Due cards come first, the oldest due first; then new cards in set position order.
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
    last_review: datetime | None = None

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
    extra_new: int = 0,
) -> list[QueueCandidate]:
    """The cards to study now, in order, within the day's limits (see the module rules).

    ``extra_new``: new cards granted today by custom study, past what the review limit leaves
    (they are counted in `new_limit` already).
    """
    now = as_utc(now, "now")
    day_begin, day_end = study_day_bounds(now, tz, day_start_hour)
    review_budget = max(0, review_limit - reviews_done_today)
    new_budget = max(0, new_limit - new_done_today)

    learning: list[QueueCandidate] = []
    limited: list[QueueCandidate] = []
    new: list[QueueCandidate] = []
    for card in cards:
        if card.suspended:
            continue
        if card.is_new:
            new.append(card)
        elif _is_due(card, now, day_end):
            (limited if is_limited(card, day_begin) else learning).append(card)

    # Ties broken by position then id so the same inputs always give the same queue.
    def by_due(card: QueueCandidate):
        return (as_utc(card.due, "due"), card.position, str(card.card_id))

    limited.sort(key=by_due)
    limited = limited[:review_budget]
    new.sort(key=lambda c: (c.position, str(c.card_id)))
    queue = sorted(learning + limited, key=by_due)
    queue += new[: min(new_budget, review_budget - len(limited) + extra_new)]
    return queue


def is_limited(card: QueueCandidate, day_begin: datetime) -> bool:
    """True for a card the review limit counts: in review, or learning since an earlier study day."""
    if card.state is not None and State(card.state) == State.REVIEW:
        return True
    return card.last_review is None or as_utc(card.last_review, "last_review") < day_begin


def _is_due(card: QueueCandidate, now: datetime, day_end: datetime) -> bool:
    """Review cards are due for the whole study day; learning steps only once reached."""
    due = as_utc(card.due, "due")
    if card.state is not None and State(card.state) == State.REVIEW:
        return due < day_end
    return due <= now
