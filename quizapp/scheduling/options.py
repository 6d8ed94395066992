"""A student's scheduling options: steps, maximum interval, retention, leeches, new-card order.

Pure values: the account's options, with a set's own overrides on top (:func:`resolve`).
Learning steps are written as Anki writes them: "1m 10m", "10m 1h 1d" (s, m, h, d).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_STEPS = 10
LEECH_ACTIONS = ("suspend", "tag")
NEW_CARD_ORDERS = ("set", "random")


class StepError(ValueError):
    """A step that cannot be read: ``kind`` is "format", "range" or "count"; ``token`` the step."""

    def __init__(self, kind: str, token: str, message: str) -> None:
        super().__init__(message)
        self.kind, self.token = kind, token


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """ "1m 10m" → (1 minute, 10 minutes); StepError naming the bad step."""
    steps = []
    for token in (text or "").replace(",", " ").split():
        match = _STEP.match(token.strip().lower())
        if match is None:
            raise StepError("format", token, f"{token!r} is not a step: write a number and a unit, e.g. 1m, 10m, 1h or 1d")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
        if not 1 <= seconds <= 365 * 86400:
            raise StepError("range", token, f"{token!r} must be between 1 second and 365 days")
        steps.append(timedelta(seconds=round(seconds)))
    if len(steps) > MAX_STEPS:
        raise StepError("count", "", f"at most {MAX_STEPS} steps")
    return tuple(steps)


def format_steps(steps: tuple[timedelta, ...]) -> str:
    """The inverse of :func:`parse_steps`, in the largest whole unit."""
    parts = []
    for step in steps:
        seconds = int(step.total_seconds())
        for unit in ("d", "h", "m", "s"):
            if seconds % _UNITS[unit] == 0:
                parts.append(f"{seconds // _UNITS[unit]}{unit}")
                break
    return " ".join(parts)


@dataclass(frozen=True)
class StudyOptions:
    """What the scheduler and the queue need to know of a student's choices (Anki's defaults)."""

    desired_retention: float = 0.9
    learning_steps: str = "1m 10m"
    relearning_steps: str = "10m"
    maximum_interval: int = 36500
    leech_threshold: int = 8
    leech_action: str = "suspend"
    new_card_order: str = "set"

    def override(self, **changes) -> StudyOptions:
        """These options with the non-None changes applied (a set's own options over the account's)."""
        return replace(self, **{name: value for name, value in changes.items() if value is not None})
