"""The FSRS scheduler behind quizapp's own plain values.

Only this module imports `fsrs`: replacing the algorithm means rewriting this file and
keeping `Scheduler`'s three verbs, `answer_card`, `describe_next_states` and
`retrievability`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from .cards import AnswerOutcome, CardState, NextState, Rating, State, as_utc
from .intervals import format_interval

# fsrs only needs an id to label its review logs; without one `fsrs.Card()` sleeps 1 ms to
# make a unique timestamp id. We never use its logs, so any constant will do.
_CARD_ID = 0

DEFAULT_LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
DEFAULT_RELEARNING_STEPS = (timedelta(minutes=10),)


class Scheduler:
    """Schedules cards with FSRS; every method is pure: state in, state out."""

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        enable_fuzzing: bool = True,
        parameters: Sequence[float] | None = None,
        learning_steps: Sequence[timedelta] | None = None,
        relearning_steps: Sequence[timedelta] | None = None,
        maximum_interval: int = 36500,
    ) -> None:
        if not 0 < desired_retention < 1:
            raise ValueError(f"desired_retention must be between 0 and 1, got {desired_retention}")
        self.desired_retention = desired_retention
        self.enable_fuzzing = enable_fuzzing
        self.maximum_interval = maximum_interval
        # fsrs draws its fuzz from the global random generator, so a preview and the real
        # answer would disagree. We let fsrs compute unfuzzed intervals and fuzz them here
        # with a seed taken from the card, so `describe_next_states` shows what
        # `answer_card` will do.
        self._fsrs = fsrs.Scheduler(
            parameters=tuple(parameters) if parameters is not None else fsrs.scheduler.DEFAULT_PARAMETERS,
            desired_retention=desired_retention,
            learning_steps=tuple(learning_steps if learning_steps is not None else DEFAULT_LEARNING_STEPS),
            relearning_steps=tuple(
                relearning_steps if relearning_steps is not None else DEFAULT_RELEARNING_STEPS
            ),
            maximum_interval=maximum_interval,
            enable_fuzzing=False,
        )

    @property
    def parameters(self) -> tuple[float, ...]:
        """The 21 FSRS-6 weights in use."""
        return self._fsrs.parameters

    def answer_card(self, card_state: CardState, rating: Rating | int, now: datetime) -> AnswerOutcome:
        """Apply one answer given at `now` and return the states before and after it.

        Counts reps on every answer and a lapse on Again for a card in review (fsrs keeps
        neither).
        """
        now = as_utc(now, "now")
        rating = Rating(rating)
        reviewed, _log = self._fsrs.review_card(_to_fsrs(card_state), fsrs.Rating(int(rating)), now)
        due = reviewed.due
        if self.enable_fuzzing and reviewed.state == fsrs.State.Review:
            due = now + self._fuzz(due - now, card_state)
        lapsed = card_state.state == State.REVIEW and rating == Rating.AGAIN
        after = CardState(
            due=due,
            stability=reviewed.stability,
            difficulty=reviewed.difficulty,
            state=State(int(reviewed.state)),
            step=reviewed.step,
            reps=card_state.reps + 1,
            lapses=card_state.lapses + (1 if lapsed else 0),
            last_review=now,
        )
        return AnswerOutcome(before=card_state, after=after, rating=rating, interval=due - now)

    def describe_next_states(self, card_state: CardState, now: datetime) -> dict[Rating, NextState]:
        """What each rating would do to the card, for labelling the answer buttons."""
        states = {}
        for rating in Rating:
            outcome = self.answer_card(card_state, rating, now)
            states[rating] = NextState(
                due=outcome.after.due,
                interval=outcome.interval,
                label=format_interval(outcome.interval),
            )
        return states

    def retrievability(self, card_state: CardState, now: datetime) -> float:
        """Predicted probability of recalling the card at `now`; 0.0 for a card never studied.

        Elapsed time counts in whole days, as in FSRS: a card studied an hour ago reads
        as freshly learned.
        """
        now = as_utc(now, "now")
        if card_state.is_new or card_state.stability is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_fsrs(card_state), now))

    def _fuzz(self, interval: timedelta, card_state: CardState) -> timedelta:
        """Spread a review interval over fsrs's fuzz range, reproducibly for this card state.

        The ranges are fsrs's own (`FUZZ_RANGES`): about ±15 % for short intervals
        shrinking to ±5 % for long ones, never below 2 days; intervals under 2.5 days
        are left alone.
        """
        days = interval.days
        if days < 2.5:
            return interval
        delta = 1.0
        for band in FUZZ_RANGES:
            delta += band["factor"] * max(min(float(days), band["end"]) - band["start"], 0.0)
        low = max(2, round(days - delta))
        high = min(round(days + delta), self.maximum_interval)
        low = min(low, high)
        # Seeding by the last answer and the rep count keeps the preview and the answer in
        # step while still scattering cards studied together.
        stamp = card_state.last_review.timestamp() if card_state.last_review else 0.0
        draw = random.Random(f"{stamp}:{card_state.reps}").random()
        fuzzed = min(round(draw * (high - low + 1) + low), high)
        return timedelta(days=fuzzed)


def _to_fsrs(card_state: CardState) -> fsrs.Card:
    """The fsrs card for a state; a new card is fsrs's fresh Learning card at step 0."""
    if card_state.is_new:
        return fsrs.Card(card_id=_CARD_ID, state=fsrs.State.Learning, step=0, due=card_state.due)
    return fsrs.Card(
        card_id=_CARD_ID,
        state=fsrs.State(int(card_state.state)),
        step=card_state.step,
        stability=card_state.stability,
        difficulty=card_state.difficulty,
        due=card_state.due,
        last_review=card_state.last_review,
    )
