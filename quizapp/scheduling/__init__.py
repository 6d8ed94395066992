"""Spaced-repetition scheduling: FSRS behind plain values, and the study queue.

Pure Python: no Flask, no database. The web layer turns rows into `CardState` and
`QueueCandidate`, calls one of the verbs and stores what comes back.
"""

from .cards import (
    LEECH_LAPSES,
    AnswerOutcome,
    CardState,
    NextState,
    Rating,
    State,
    as_utc,
    is_leech,
)
from .days import DEFAULT_DAY_START_HOUR, day_start, days_between, study_date
from .intervals import format_interval
from .queue import QueueCandidate, get_queued_cards, is_limited, study_day_bounds
from .scheduler import DEFAULT_PARAMETERS, Scheduler
from . import optimise  # noqa: E402  (a module: quizapp.scheduling.optimise)

__all__ = [
    "DEFAULT_DAY_START_HOUR",
    "DEFAULT_PARAMETERS",
    "day_start",
    "days_between",
    "study_date",
    "LEECH_LAPSES",
    "AnswerOutcome",
    "CardState",
    "NextState",
    "QueueCandidate",
    "Rating",
    "Scheduler",
    "State",
    "as_utc",
    "format_interval",
    "get_queued_cards",
    "is_leech",
    "is_limited",
    "study_day_bounds",
]
