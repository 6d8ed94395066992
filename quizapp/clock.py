"""The app's one source of "now", so views and tests agree on the time.

Views call :func:`now` instead of ``datetime.now``; tests monkeypatch ``quizapp.clock.now`` to
pin the clock, and every page computed from it (due counts, retention windows) follows.
"""
from datetime import datetime

from quizapp.models.base import utcnow


def now() -> datetime:
    """The current time as an aware UTC datetime."""
    return utcnow()
