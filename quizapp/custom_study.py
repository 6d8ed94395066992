"""Custom study of one set, as Anki offers it from a deck: more new cards today, or a session.

A student may add new cards to today's limit of a set ("study N extra new cards today", added up
over the day), or start one session on top of the day's queue: review ahead (cards due within the
next N days, after today's due ones), review forgotten cards (rated Again in the last N days) or
study one tag (only the set's cards with that tag, due and new within the limits). Everything is
kept for one study day (:mod:`quizapp.scheduling.days`): the next day starts without it. The
queue statements read it (:mod:`quizapp.next_card`); answers are scheduled as any other, from the
time they are given. :func:`session_queue` is the same in Python over the reference queue
(:func:`quizapp.study_queue.get_queued_cards_for`, the offline download). Commits happen in the views.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa

from quizapp import next_card as queue_sql
from quizapp.extensions import db
from quizapp.models import CustomStudy, Question, ReviewLog, User
from quizapp.scheduling import Rating
from quizapp.scheduling.queue import QueueCandidate, is_limited

# The sessions; "new" (extra new cards) is a raise of the limit, not a session.
MODES = ("ahead", "forgotten", "tag")
MAX_EXTRA_NEW = 9999   # Anki's spin box goes as far
MAX_DAYS = 365


def today(user: User, now: datetime) -> date:
    """The study day `now` falls in, for the user."""
    return queue_sql.study_day(user, now)


def of_today(user: User, set_id: int, now: datetime) -> Optional[CustomStudy]:
    """The user's custom study of the set today, if any."""
    return db.session.get(CustomStudy, (user.id, set_id, today(user, now)))


def session_of_today(user: User, set_id: int, now: datetime) -> Optional[CustomStudy]:
    """Today's custom session of the set (a row with a mode), if one is on."""
    row = of_today(user, set_id, now)
    return row if row is not None and row.mode else None


def _row(user: User, set_id: int, now: datetime) -> CustomStudy:
    day = today(user, now)
    # Earlier days' rows do nothing; dropping them keeps one row per user and set.
    db.session.execute(sa.delete(CustomStudy).where(CustomStudy.user_id == user.id, CustomStudy.set_id == set_id,
                                                    CustomStudy.day < day))
    row = db.session.get(CustomStudy, (user.id, set_id, day))
    if row is None:
        row = CustomStudy(user_id=user.id, set_id=set_id, day=day, extra_new=0)
        db.session.add(row)
    return row


def add_new_cards(user: User, set_id: int, count: int, now: datetime) -> CustomStudy:
    """Raise today's new-card limit of the set by `count` (1 to MAX_EXTRA_NEW; raises add up)."""
    if not 1 <= count <= MAX_EXTRA_NEW:
        raise ValueError(f"extra new cards must be 1-{MAX_EXTRA_NEW}, got {count}")
    row = _row(user, set_id, now)
    row.extra_new = min(MAX_EXTRA_NEW, (row.extra_new or 0) + count)
    return row


def start_session(user: User, set_id: int, mode: str, now: datetime, *, days: Optional[int] = None,
                  tag: Optional[str] = None) -> CustomStudy:
    """Start (or replace) today's custom session of the set: "ahead" and "forgotten" take `days`, "tag" a tag."""
    if mode not in MODES:
        raise ValueError(f"unknown custom study mode {mode!r}")
    if mode == "tag":
        if not tag or tag not in set_tags(set_id):
            raise ValueError(f"the set has no tag {tag!r}")
        days = None
    else:
        if days is None or not 1 <= days <= MAX_DAYS:
            raise ValueError(f"days must be 1-{MAX_DAYS}, got {days}")
        tag = None
    row = _row(user, set_id, now)
    row.mode, row.days, row.tag, row.started_at = mode, days, tag, now
    return row


def end_session(user: User, set_id: int, now: datetime) -> bool:
    """End today's session of the set (the extra new cards stay); False when none was on."""
    row = of_today(user, set_id, now)
    if row is None or not row.mode:
        return False
    row.mode = row.days = row.tag = row.started_at = None
    if not row.extra_new:
        db.session.delete(row)
    return True


def set_tags(set_id: int) -> list[str]:
    """The tags of the set's live questions, sorted, each once."""
    tags = set()
    for row in db.session.scalars(sa.select(Question.tags).where(Question.set_id == set_id,
                                                                 Question.removed_at.is_(None))):
        tags.update(tag for tag in (row or []) if isinstance(tag, str))
    return sorted(tags, key=str.casefold)


# ---- the reference queue (Python, over every candidate): what quizapp.next_card does in SQL ----


def has_tag(tags, tag: Optional[str]) -> bool:
    return isinstance(tags, list) and tag in tags


def _pool(user: User, set_id: int, session: CustomStudy, candidates: list[QueueCandidate],
          now: datetime) -> list[QueueCandidate]:
    bounds = queue_sql.pool_params(user, set_id, now, session)
    answered = [c for c in candidates if not c.is_new and not c.suspended]
    if session.mode == "ahead":
        chosen = [c for c in answered if bounds["day_end"] <= c.due < bounds["pool_end"]]
    else:
        ids = [c.card_id for c in answered]
        forgotten = set(db.session.scalars(sa.select(ReviewLog.question_id).where(
            ReviewLog.user_id == user.id, ReviewLog.question_id.in_(ids), ReviewLog.rating == int(Rating.AGAIN),
            ReviewLog.reviewed_at >= bounds["pool_since"]))) if ids else set()
        chosen = [c for c in answered if c.card_id in forgotten
                  and (c.last_review is None or c.last_review < bounds["started"])]
    return sorted(chosen, key=lambda c: (c.due, c.card_id))


def session_queue(user: User, set_id: int, session: Optional[CustomStudy], queue: list[QueueCandidate],
                  candidates: list[QueueCandidate], now: datetime,
                  day_begin: datetime) -> tuple[list[QueueCandidate], int]:
    """The day's `queue` with the session's pool, and the pool's size: the pool after the queue
    ("ahead"), or after the same-day learning due now and before the rest ("forgotten")."""
    if session is None or session.mode not in queue_sql.POOL_MODES:
        return queue, 0
    pool = _pool(user, set_id, session, candidates, now)
    if session.mode == "ahead":
        return queue + pool, len(pool)
    in_pool = {c.card_id for c in pool}
    learning = [c for c in queue if not c.is_new and not is_limited(c, day_begin)]
    rest = [c for c in queue if c.card_id not in in_pool and (c.is_new or is_limited(c, day_begin))]
    return learning + pool + rest, len(pool)
