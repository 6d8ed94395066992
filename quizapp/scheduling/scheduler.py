"""The FSRS scheduler behind quizapp's own plain values, with Anki's rules around it.

Only this module imports the FSRS engine, `fsrs_rs_python` (fsrs-rs, the Rust FSRS that Anki
runs). The memory model is fsrs-rs's `next_states(memory, desired_retention, days_elapsed)`,
with ``days_elapsed`` the number of study days since the card's last answer
(:mod:`quizapp.scheduling.days`). Around it, the rules of Anki's card states
(rslib/src/scheduler/states):

* Learning and relearning steps (Again: the first step; Hard: halfway between the first two
  steps, or 1.5 times a single step, capped at one day more; later steps repeat; Good: the next
  step, graduating after the last; Easy: graduates at once).
* A step that ends at or after the start of the next study day becomes a number of days: the
  card is due when that study day begins (Anki's "interday learning").
* Review intervals are whole study days: the card is due from the start of the study day the
  interval lands on, and stays due all that day.
* Hard < Good < Easy in review by at least one day each (Good ≥ Hard + 1, Easy ≥ Good + 1),
  Easy ≥ Good + 1 on graduation, every interval between 1 day and the maximum interval.
* Fuzz: one factor per answer drawn from a generator seeded by the card's id plus its reps,
  spread uniformly over Anki's fuzz range (±15 % up to 7 days, ±10 % to 20, ±5 % beyond, at
  least ±1 day from 2.5 days on), so cards studied together drift apart and the preview shows
  exactly what the answer will do.
* Stability is fsrs-rs's, clamped as fsrs-rs clamps it (0.001 to 36,500 days).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta

import fsrs_rs_python as fsrs_rs

from .cards import AnswerOutcome, CardState, NextState, Rating, State, as_utc
from .days import DEFAULT_DAY_START_HOUR, day_start, study_date, study_day_bounds
from .intervals import format_interval

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs_rs.DEFAULT_PARAMETERS)
DEFAULT_LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
DEFAULT_RELEARNING_STEPS = (timedelta(minutes=10),)
DEFAULT_MAXIMUM_INTERVAL = 36500
_DAY_SECONDS = 86400

# Anki's fuzz ranges (rslib/src/scheduler/states/fuzz.rs).
FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


def fuzz_delta(interval: float) -> float:
    """How many days an interval may move either way; 0 below 2.5 days."""
    if interval < 2.5:
        return 0.0
    return 1.0 + sum(factor * max(min(interval, end) - start, 0.0) for start, end, factor in FUZZ_RANGES)


def fuzz_bounds(interval: float, minimum: int, maximum: int) -> tuple[int, int]:
    """Anki's ``constrained_fuzz_bounds``: the whole days a fuzzed `interval` may take."""
    minimum = min(minimum, maximum)
    interval = min(max(interval, minimum), maximum)
    delta = fuzz_delta(interval)
    lower = min(max(_round(interval - delta), minimum), maximum)
    upper = min(max(_round(interval + delta), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper = lower + 1
    return lower, upper


def with_fuzz(interval: float, minimum: int, maximum: int, factor: float | None) -> int:
    """Anki's ``with_review_fuzz``: a whole number of days in [minimum, maximum]; no factor, no fuzz."""
    if factor is None:
        return min(max(_round(interval), min(minimum, maximum)), maximum)
    lower, upper = fuzz_bounds(interval, minimum, maximum)
    return math.floor(lower + factor * (1 + upper - lower))


def balanced(interval: float, minimum: int, maximum: int, factor: float, today: date,
             load: Callable[[date], int], easy_days: frozenset[int] = frozenset()) -> int:
    """Load balancing (Anki 24.11): of the days the fuzz range allows, the least loaded one.

    A day's load is the number of reviews already due on it; the student's easy days (weekdays,
    Monday 0) are chosen only when the range holds nothing else. Ties go to the day the fuzz alone
    would pick, then the nearer one, so cards studied together still spread.
    """
    lower, upper = fuzz_bounds(interval, minimum, maximum)
    fuzzed = with_fuzz(interval, minimum, maximum, factor)
    if upper <= lower:
        return fuzzed

    def cost(days: int):
        day = today + timedelta(days=days)
        return (day.weekday() in easy_days, load(day), abs(days - fuzzed))

    return min(range(lower, upper + 1), key=cost)


def fuzz_factor(card_id: int, reps: int) -> float:
    """The answer's fuzz factor in [0, 1), from the card's id plus its reps before the answer (Anki's seed)."""
    # A string seed is hashed whole, so card 5 at rep 3 and card 6 at rep 2 do not share a factor.
    return random.Random(f"{int(card_id)}:{int(reps)}").random()


def _round(value: float) -> int:
    """Rust's ``f32::round``: halves away from zero (Python's round goes to even)."""
    return int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))


class _Steps:
    """Anki's ``LearningSteps`` over seconds, indexed by the step the card is at."""

    def __init__(self, steps: Sequence[timedelta]) -> None:
        self.secs = [int(step.total_seconds()) for step in steps]

    def again(self) -> int | None:
        return self.secs[0] if self.secs else None

    def hard(self, index: int) -> int | None:
        if index >= len(self.secs):
            return None
        current = self.secs[index]
        if index == 0:
            if len(self.secs) > 1:
                return (current + self.secs[1]) // 2
            return min(int(current * 1.5), current + _DAY_SECONDS)
        return current

    def good(self, index: int) -> int | None:
        return self.secs[index + 1] if index + 1 < len(self.secs) else None


class Scheduler:
    """Schedules cards with fsrs-rs and Anki's rules; every method is pure: state in, state out."""

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        enable_fuzzing: bool = True,
        parameters: Sequence[float] | None = None,
        learning_steps: Sequence[timedelta] | None = None,
        relearning_steps: Sequence[timedelta] | None = None,
        maximum_interval: int = DEFAULT_MAXIMUM_INTERVAL,
        tz: str = "UTC",
        day_start_hour: int = DEFAULT_DAY_START_HOUR,
        load: Callable[[date], int] | None = None,
        easy_days: Iterable[int] = (),
    ) -> None:
        if not 0 < desired_retention < 1:
            raise ValueError(f"desired_retention must be between 0 and 1, got {desired_retention}")
        if maximum_interval < 1:
            raise ValueError(f"maximum_interval must be at least 1 day, got {maximum_interval}")
        self.desired_retention = desired_retention
        self.enable_fuzzing = enable_fuzzing
        self.maximum_interval = int(maximum_interval)
        self.tz = tz
        self.day_start_hour = day_start_hour
        # Load balancing: reviews due per study day (None: off); easy days only weigh in with it.
        self.load = load
        self.easy_days = frozenset(int(day) for day in easy_days)
        study_date(datetime.now().astimezone(), tz, day_start_hour)  # refuse an unknown zone or hour now
        self._parameters = tuple(
            fsrs_rs.check_and_fill_parameters(list(parameters)) if parameters is not None else DEFAULT_PARAMETERS
        )
        self._fsrs = fsrs_rs.FSRS(list(self._parameters))
        self._learning = _Steps(learning_steps if learning_steps is not None else DEFAULT_LEARNING_STEPS)
        self._relearning = _Steps(relearning_steps if relearning_steps is not None else DEFAULT_RELEARNING_STEPS)

    @property
    def parameters(self) -> tuple[float, ...]:
        """The 21 FSRS-6 weights in use."""
        return self._parameters

    # ---- the memory model ------------------------------------------------------------

    def elapsed_days(self, card_state: CardState, now: datetime) -> int:
        """Study days since the card's last answer (0 for a new card or within the same study day)."""
        if card_state.is_new or card_state.last_review is None:
            return 0
        days = (study_date(now, self.tz, self.day_start_hour)
                - study_date(card_state.last_review, self.tz, self.day_start_hour)).days
        return max(0, days)

    def memory_states(self, card_state: CardState, now: datetime):
        """fsrs-rs's `NextStates` for the card answered at `now` (memory and unrounded interval per rating)."""
        memory = None
        if not card_state.is_new and card_state.stability is not None and card_state.difficulty is not None:
            memory = fsrs_rs.MemoryState(card_state.stability, card_state.difficulty)
        return self._fsrs.next_states(memory, self.desired_retention, self.elapsed_days(card_state, now))

    # ---- answering -------------------------------------------------------------------

    def answer_card(self, card_state: CardState, rating: Rating | int, now: datetime) -> AnswerOutcome:
        """Apply one answer given at `now` and return the states before and after it.

        Counts reps on every answer and a lapse on Again for a card in review.
        """
        return self._answers(card_state, as_utc(now, "now"), (Rating(rating),))[Rating(rating)]

    def describe_next_states(self, card_state: CardState, now: datetime) -> dict[Rating, NextState]:
        """What each rating would do to the card, for labelling the answer buttons."""
        outcomes = self._answers(card_state, as_utc(now, "now"), tuple(Rating))
        return {
            rating: NextState(due=o.after.due, interval=o.interval, label=format_interval(o.interval))
            for rating, o in outcomes.items()
        }

    def retrievability(self, card_state: CardState, now: datetime) -> float:
        """Predicted probability of recalling the card at `now`; 0.0 for a card never studied.

        Elapsed time counts in study days, as the memory model's: a card studied earlier the
        same study day reads as freshly learned.
        """
        now = as_utc(now, "now")
        if card_state.is_new or card_state.stability is None:
            return 0.0
        decay = -self._parameters[20]
        factor = 0.9 ** (1 / decay) - 1
        return (1 + factor * self.elapsed_days(card_state, now) / card_state.stability) ** decay

    def _answers(self, card_state: CardState, now: datetime, ratings: tuple[Rating, ...]) -> dict[Rating, AnswerOutcome]:
        states = self.memory_states(card_state, now)
        factor = fuzz_factor(card_state.card_id, card_state.reps) if self.enable_fuzzing else None
        review_days = self._review_days(card_state, states, factor, study_date(now, self.tz, self.day_start_hour))
        outcomes = {}
        for rating in ratings:
            memory = getattr(states, rating.name.lower()).memory
            state, step, seconds, days = self._transition(card_state, rating, review_days)
            if days is None:
                days = self._as_days(seconds, now)
            if days is None:
                due, interval = now + timedelta(seconds=seconds), timedelta(seconds=seconds)
            else:
                today = study_date(now, self.tz, self.day_start_hour)
                due = day_start(today + timedelta(days=days), self.tz, self.day_start_hour)
                interval = timedelta(days=days)
            lapsed = card_state.state == State.REVIEW and not card_state.is_new and rating == Rating.AGAIN
            after = CardState(
                due=due, stability=memory.stability, difficulty=memory.difficulty, state=state,
                step=step, reps=card_state.reps + 1, lapses=card_state.lapses + (1 if lapsed else 0),
                last_review=now, card_id=card_state.card_id,
            )
            outcomes[rating] = AnswerOutcome(before=card_state, after=after, rating=rating, interval=interval)
        return outcomes

    def _review_days(self, card_state: CardState, states, factor: float | None, today: date) -> dict[Rating, int]:
        """Whole-day intervals per rating should the card be (or become) a review card."""
        maximum = self.maximum_interval

        def days(interval: float, minimum: int) -> int:
            if factor is not None and self.load is not None:
                return balanced(interval, minimum, maximum, factor, today, self.load, self.easy_days)
            return with_fuzz(interval, minimum, maximum, factor)

        hard = days(states.hard.interval, 1)
        if card_state.state == State.REVIEW and not card_state.is_new:
            good = days(states.good.interval, hard + 1)
        else:
            # Graduating from (re)learning: Good from 1 day, Easy at least a day past Good.
            good = days(max(_round(states.good.interval), 1), 1)
        easy = days(max(_round(states.easy.interval), 1), good + 1)
        again = days(states.again.interval, 1)
        return {Rating.AGAIN: again, Rating.HARD: hard, Rating.GOOD: good, Rating.EASY: easy}

    def _transition(self, card: CardState, rating: Rating, review_days: dict[Rating, int]):
        """(state, step, seconds, days): where the card goes; exactly one of seconds and days is set."""
        if card.is_new or card.state in (State.LEARNING, State.RELEARNING):
            learning = card.is_new or card.state == State.LEARNING
            steps = self._learning if learning else self._relearning
            kind = State.LEARNING if learning else State.RELEARNING
            index = 0 if card.is_new else (card.step or 0)
            if rating == Rating.AGAIN:
                seconds = steps.again()
                return (kind, 0, seconds, None) if seconds is not None else (State.REVIEW, None, None, review_days[rating])
            if rating == Rating.HARD:
                seconds = steps.hard(index)
                return (kind, index, seconds, None) if seconds is not None else (State.REVIEW, None, None, review_days[rating])
            if rating == Rating.GOOD:
                seconds = steps.good(index)
                if seconds is not None and index + 1 < len(steps.secs):
                    return kind, index + 1, seconds, None
                return State.REVIEW, None, None, review_days[Rating.GOOD]
            return State.REVIEW, None, None, review_days[Rating.EASY]
        if rating == Rating.AGAIN:
            seconds = self._relearning.again()
            if seconds is not None:
                return State.RELEARNING, 0, seconds, None
        return State.REVIEW, None, None, review_days[rating]

    def _as_days(self, seconds: int, now: datetime) -> int | None:
        """Anki's rule for a step ending on a later study day: the number of days, else None."""
        _, day_end = study_day_bounds(now, self.tz, self.day_start_hour)
        until_rollover = (day_end - now).total_seconds()
        if seconds >= until_rollover:
            return int((seconds - until_rollover) // _DAY_SECONDS) + 1
        return None
