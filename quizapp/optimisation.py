"""Optimising a student's FSRS parameters from their own review log, as Anki's "Optimize" does.

:func:`optimise` reads the user's reviews (study and quiz answers alike: a quiz's right is Good,
its wrong Again, as recorded), builds fsrs-rs items with elapsed study days in the user's own
day (:mod:`quizapp.scheduling.optimise`), fits, runs the health check and keeps the new
parameters only when they predict the user's later reviews at least as well as the current
ones. Every run is recorded (:class:`quizapp.models.Optimisation`), so the settings page can
show both figures and the date. With ``reschedule`` the user's cards get the memory state and
due date the kept parameters give them (Anki's "reschedule cards on change").

:func:`maybe_optimise` is the automatic run: after every 1,000 new reviews, once the user has
at least 400 long-term reviews. Callers commit.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Optional

import fsrs_rs_python as fsrs_rs
import sqlalchemy as sa

from quizapp import clock, study_options
from quizapp.extensions import db
from quizapp.models import Card, Optimisation, ReviewDay, ReviewLog, User
from quizapp.scheduling import DEFAULT_PARAMETERS, State, day_start, study_date
from quizapp.scheduling import optimise as fitting

AUTOMATIC_EVERY = 1000
MIN_LONG_TERM_REVIEWS = fitting.MIN_LONG_TERM_REVIEWS


def current_parameters(user: User) -> tuple[float, ...]:
    return tuple(user.fsrs_parameters) if user.fsrs_parameters else DEFAULT_PARAMETERS


def _histories(user: User) -> dict[int, list[tuple[int, object, int]]]:
    """Per question: (rating, study date, order) of the user's answers in time order."""
    tz, hour = user.timezone or "UTC", study_options.day_start_hour(user)
    rows = db.session.execute(
        sa.select(ReviewLog.question_id, ReviewLog.rating, ReviewLog.reviewed_at)
        .where(ReviewLog.user_id == user.id).order_by(ReviewLog.reviewed_at, ReviewLog.id)
    )
    histories: dict[int, list] = defaultdict(list)
    for order, (question_id, rating, at) in enumerate(rows):
        histories[question_id].append((rating, study_date(at, tz, hour), order))
    return histories


def last_run(user_id: int) -> Optional[Optimisation]:
    return db.session.scalar(sa.select(Optimisation).where(Optimisation.user_id == user_id)
                             .order_by(Optimisation.ran_at.desc(), Optimisation.id.desc()).limit(1))


def optimise(user: User, *, reschedule: bool = False, automatic: bool = False,
             now: Optional[datetime] = None) -> Optimisation:
    """Fit, check and keep or discard; the run is added to the session (call inside quizapp.user_writes.begin_write)."""
    now = now or clock.now()
    histories = _histories(user)
    total = sum(len(h) for h in histories.values())
    items = fitting.items_of(histories.values())
    run = Optimisation(user_id=user.id, ran_at=now, automatic=automatic, reviews=total,
                       long_term_reviews=len(items), outcome="too_few", rescheduled=0)
    db.session.add(run)
    if len(items) < MIN_LONG_TERM_REVIEWS:
        return run
    check = fitting.health_check(items, current_parameters(user))
    run.log_loss_current, run.log_loss_fitted = check.log_loss_current, check.log_loss_fitted
    run.rmse_current, run.rmse_fitted = check.rmse_current, check.rmse_fitted
    run.parameters = list(check.parameters)
    if not check.healthy:
        run.outcome = "discarded"
        return run
    run.outcome = "kept"
    user.fsrs_parameters = list(check.parameters)
    if reschedule:
        run.rescheduled = reschedule_cards(user, histories)
    return run


def maybe_optimise(user: User, now: Optional[datetime] = None) -> Optional[Optimisation]:
    """The automatic run, when 1,000 reviews have been added since the last run (or since the start)."""
    # The per-day summary holds the same count in a row per study day and set, not one per review.
    total = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(ReviewDay.reviews), 0))
                              .where(ReviewDay.user_id == user.id))
    if total < AUTOMATIC_EVERY:
        return None
    previous = last_run(user.id)
    if previous is not None and total - previous.reviews < AUTOMATIC_EVERY:
        return None
    return optimise(user, automatic=True, now=now)


def reschedule_cards(user: User, histories: dict[int, list]) -> int:
    """Give every card in review the memory state and due date the user's parameters now give it."""
    engine = fsrs_rs.FSRS(list(current_parameters(user)))
    retention = user.desired_retention or 0.9
    tz, hour = user.timezone or "UTC", study_options.day_start_hour(user)
    maximum = study_options.scheduler_for(user).maximum_interval
    changed = 0
    cards = db.session.scalars(sa.select(Card).where(Card.user_id == user.id, Card.reps > 0,
                                                     Card.state == int(State.REVIEW)))
    for card in cards:
        history = histories.get(card.question_id)
        if not history or card.last_review is None:
            continue
        answers, previous = [], None
        for rating, day, _order in history:
            answers.append(fsrs_rs.FSRSReview(rating, 0 if previous is None else max(0, (day - previous).days)))
            previous = day
        memory = engine.memory_state(fsrs_rs.FSRSItem(answers))
        days = min(max(1, round(engine.next_interval(memory.stability, retention, 3))), maximum)
        last_day = study_date(card.last_review, tz, hour)
        card.stability, card.difficulty = memory.stability, memory.difficulty
        card.due = day_start(last_day + timedelta(days=days), tz, hour)
        changed += 1
    return changed
