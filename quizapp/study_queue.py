"""The study queue of a user in a set, and what is left to study today.

:func:`get_queued_cards_for` builds the reference queue in Python from every candidate card;
:func:`next_card` and the counts read the same queue's head and sizes in a few statements
(:mod:`quizapp.next_card`). Nothing here writes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Iterable, Optional

import sqlalchemy as sa

from quizapp import clock, custom_study
from quizapp import next_card as queue_sql
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import QueueCandidate, State, get_queued_cards, is_limited
from quizapp.study_options import day_bounds, day_start_hour, options_for, set_limits

# When nothing is due, cards in (re)learning whose step ends within this window are shown
# early rather than making the student wait a few minutes on an empty page (Anki's learn-ahead).
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class SetCounts:
    """What is left to study today in one set, as Anki counts it: new, learning, review."""

    review: int = 0
    learning: int = 0  # same-day learning due now (never limited)
    new: int = 0
    learning_later: int = 0  # cards in (re)learning whose next step is later today
    pool: int = 0  # cards left in today's custom session's own pool (review ahead, forgotten cards)

    @property
    def due(self) -> int:
        """Review and learning cards due now together."""
        return self.review + self.learning

    @property
    def total(self) -> int:
        return self.review + self.learning + self.new


def day_counts(user: User, set_ids: Iterable[int], now: datetime) -> dict[int, tuple[int, int]]:
    """Per set, and under ``None`` for all the user's sets: (first answers, review answers) today.

    Read from the review log, every origin: quiz answers move cards, so they spend the limits too.
    A review answer is one to a card in review, or in learning since an earlier study day.
    """
    start, end = day_bounds(user, now)
    rows = db.session.execute(
        sa.select(Question.set_id, ReviewLog.state_before)
        .join(Question, Question.id == ReviewLog.question_id)
        .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= start, ReviewLog.reviewed_at < end)
    )
    wanted = set(set_ids)
    counts: dict[Optional[int], list[int]] = defaultdict(lambda: [0, 0])
    for set_id, before in rows:
        before = before or {}
        if before.get("reps", 0) == 0:
            kind = 0
        elif before.get("state") == int(State.REVIEW) or (
                before.get("last_review") and datetime.fromisoformat(before["last_review"]) < start):
            kind = 1
        else:
            continue
        counts[None][kind] += 1
        if set_id in wanted:
            counts[set_id][kind] += 1
    return {key: (new, done) for key, (new, done) in counts.items()}


def _candidates(user_id: int, set_ids: list[int], *, shuffled: bool = False,
                tag: Optional[str] = None) -> dict[int, list[QueueCandidate]]:
    """Every live question of the sets (of those tagged `tag`, if given) as a queue candidate, with the user's card if any.

    ``shuffled``: new cards in the user's random order (:func:`quizapp.next_card.shuffle_key`) instead of set order.
    """
    rows = db.session.execute(
        sa.select(Question.set_id, Question.id, Question.position, Card.due, Card.state, Card.reps,
                  # A buried card (quizapp.cards) sits the day out as a suspended one does.
                  sa.or_(Card.suspended.is_(True), Card.buried_until > clock.now()), Card.last_review,
                  Question.tags)
        .outerjoin(Card, sa.and_(Card.question_id == Question.id, Card.user_id == user_id))
        .where(Question.set_id.in_(set_ids), Question.removed_at.is_(None))
    )
    by_set: dict[int, list[QueueCandidate]] = defaultdict(list)
    for set_id, qid, position, due, state, reps, suspended, last, tags in rows:
        if tag is not None and not custom_study.has_tag(tags, tag):
            continue
        by_set[set_id].append(QueueCandidate(
            qid, position=queue_sql.shuffle_key(qid, user_id) if shuffled else position,
            due=due if reps else None, state=state, reps=reps or 0,
            suspended=bool(suspended), last_review=last,
        ))
    return by_set


def _limits(user: User, set_id: int, now: datetime) -> tuple[int, int, int]:
    """(new, review) left today in the set: the account's limits over all sets, capped by the set's
    own; and the extra new cards of custom study, which the review limit does not hold back."""
    done = day_counts(user, [set_id], now)
    new_all, review_all = done.get(None, (0, 0))
    new_set, review_set = done.get(set_id, (0, 0))
    custom = custom_study.of_today(user, set_id, now)
    # Custom study's extra new cards raise the account's and the set's limit (quizapp.next_card.limits_left).
    extra = custom.extra_new if custom is not None else 0
    new_left, review_left = user.new_per_day + extra - new_all, user.reviews_per_day - review_all
    own = set_limits(user.id, [set_id]).get(set_id)
    if own is not None and own.new_per_day is not None:
        new_left = min(new_left, own.new_per_day + extra - new_set)
    if own is not None and own.reviews_per_day is not None:
        review_left = min(review_left, own.reviews_per_day - review_set)
    return max(0, new_left), max(0, review_left), extra


def _queue(user: User, candidates: list[QueueCandidate], left: tuple[int, int, int],
           now: datetime) -> list[QueueCandidate]:
    new_left, review_left, extra = left
    return get_queued_cards(
        candidates, now=now, tz=user.timezone or "UTC", day_start_hour=day_start_hour(user),
        new_limit=new_left, review_limit=review_left, extra_new=extra,
    )


def _counts(candidates: list[QueueCandidate], queue: list[QueueCandidate], now: datetime,
            bounds: tuple[datetime, datetime]) -> SetCounts:
    day_begin, day_end = bounds
    new = sum(1 for c in queue if c.is_new)
    review = sum(1 for c in queue if not c.is_new and is_limited(c, day_begin))
    later = sum(
        1 for c in candidates
        if not c.is_new and not c.suspended and c.state != State.REVIEW and now < c.due < day_end
    )
    return SetCounts(review=review, learning=len(queue) - new - review, new=new, learning_later=later)


def _study_queue(user: User, set_id: int, now: datetime) -> tuple[list[QueueCandidate], SetCounts]:
    """:func:`get_queued_cards_for` and the set's counts, from one read of its cards and the day's log."""
    shuffled = options_for(user, set_id).new_card_order == "random"
    session = custom_study.session_of_today(user, set_id, now)
    tag = session.tag if session is not None and session.mode == "tag" else None
    candidates = _candidates(user.id, [set_id], shuffled=shuffled, tag=tag).get(set_id, [])
    left = _limits(user, set_id, now)
    queue = _queue(user, candidates, left, now)
    bounds = day_bounds(user, now)
    counts = _counts(candidates, queue, now, bounds)
    # Today's custom session's own cards (review ahead, forgotten cards) join the queue.
    queue, pool = custom_study.session_queue(user, set_id, session, queue, candidates, now, bounds[0])
    counts = replace(counts, pool=pool)
    if not queue:
        # Learn ahead: learning is never limited.
        ahead = _queue(user, candidates, (0, 0, 0), now + LEARN_AHEAD)
        queue = [c for c in ahead if not c.is_new and c.state != State.REVIEW]
    return queue, counts


def get_queued_cards_for(user: User, set_id: int, now: Optional[datetime] = None) -> list[QueueCandidate]:
    """The set's study queue for the user now: due first (oldest first), then new, within the limits,
    with today's custom study (:func:`quizapp.custom_study.session_queue`).

    When it is empty, (re)learning cards whose step ends within `LEARN_AHEAD` are offered.
    """
    return _study_queue(user, set_id, now or clock.now())[0]


def _study_day(user: User, set_id: int, now: datetime):
    session = custom_study.session_of_today(user, set_id, now)
    tag = session.tag if session is not None and session.mode == "tag" else None
    day = queue_sql.day_counts(user, [set_id], now, LEARN_AHEAD, tag=tag).get(set_id, queue_sql.DayCounts())
    counts = _set_counts(user, day)
    if session is not None and session.mode in queue_sql.POOL_MODES:
        counts = replace(counts, pool=queue_sql.pool_count(user, set_id, now, session))
    return session, day, counts


def next_card(user: User, set_id: int, now: Optional[datetime] = None) -> tuple[Optional[Question], Optional[Card], SetCounts]:
    """The head of the set's queue (:func:`get_queued_cards_for`) with the user's card row, and what is left today.

    Two statements whatever the set's size (:mod:`quizapp.next_card`), and two more while a
    custom session is on (:mod:`quizapp.custom_study`), whose cards it serves too.
    """
    now = now or clock.now()
    session, day, counts = _study_day(user, set_id, now)
    question, card = queue_sql.first_card(user, set_id, now, day, LEARN_AHEAD, session)
    return question, card, counts


def study_counts(user: User, set_id: int, now: Optional[datetime] = None) -> SetCounts:
    """What is left today in the set as its study page counts it (today's custom session included)."""
    return _study_day(user, set_id, now or clock.now())[2]


def next_question(user: User, set_id: int, now: Optional[datetime] = None) -> tuple[Optional[Question], SetCounts]:
    """The question to study next in the set (None when the day's work is done) and what is left today."""
    question, _, counts = next_card(user, set_id, now)
    return question, counts


def _set_counts(user: User, day: "queue_sql.DayCounts") -> SetCounts:
    sizes = queue_sql.budget(user, day)
    return SetCounts(review=sizes.review, learning=sizes.learning, new=sizes.new, learning_later=day.learning_later)


def set_counts(user: User, set_ids: Iterable[int], now: Optional[datetime] = None) -> dict[int, SetCounts]:
    """Review, learning and new cards left today per set (limits applied), in one statement for all the sets."""
    set_ids = list(set_ids)
    by_set = queue_sql.day_counts(user, set_ids, now or clock.now(), LEARN_AHEAD)
    return {set_id: _set_counts(user, by_set.get(set_id, queue_sql.DayCounts())) for set_id in set_ids}
