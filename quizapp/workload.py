"""The daily workload a desired retention implies, from fsrs-rs's simulator with the user's parameters.

Anki shows this beside desired retention: higher retention means more reviews a day. We simulate
a year of study of the user's own collection size (at least 100 cards) at their new-card limit,
with their fitted parameters (or the defaults), for a few retentions around theirs.
"""
from __future__ import annotations

from dataclasses import dataclass

import fsrs_rs_python as fsrs_rs
import sqlalchemy as sa

from quizapp import study_options
from quizapp.extensions import db
from quizapp.models import Card, User
from quizapp.optimisation import current_parameters

RETENTIONS = (0.8, 0.85, 0.9, 0.95)
DAYS = 365
SEED = 42


@dataclass(frozen=True)
class Workload:
    """One retention's simulated year: reviews and minutes a day on average, cards remembered at the end."""

    retention: float
    reviews_per_day: float
    minutes_per_day: float
    remembered: int
    current: bool


def expected_workload(user: User) -> list[Workload]:
    """The simulated workload at a few retentions (and the user's own), smallest first."""
    cards = db.session.scalar(sa.select(sa.func.count()).select_from(Card).where(Card.user_id == user.id)) or 0
    options = study_options.account_options(user)
    config = fsrs_rs.default_simulator_config()
    config.deck_size = max(100, cards)
    config.learn_span = DAYS
    config.learn_limit = max(0, user.new_per_day)
    config.review_limit = max(0, user.reviews_per_day)
    config.max_ivl = float(options.maximum_interval)
    config.max_cost_perday = 24 * 3600.0
    parameters = list(current_parameters(user))
    chosen = round(options.desired_retention, 2)
    rows = []
    for retention in sorted(set(RETENTIONS) | {chosen}):
        result = fsrs_rs.simulate(parameters, retention, config, SEED)
        days = len(result.review_cnt_per_day) or 1
        rows.append(Workload(retention, sum(result.review_cnt_per_day) / days, sum(result.cost_per_day) / days / 60,
                             round(result.memorized_cnt_per_day[-1]) if result.memorized_cnt_per_day else 0,
                             retention == chosen))
    return rows
