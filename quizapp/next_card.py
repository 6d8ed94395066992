"""The study queue's two hot reads in SQL: the day's counts per set, and the first card in queue order.

:func:`quizapp.scheduling.get_queued_cards` defines the queue over plain candidates (and stays
the reference, e.g. for the offline pack). Building it means reading every live question of the
set; a request needs only its head and its size. So here one aggregate statement counts, per set,
the review cards due (with the learning cards last answered on an earlier day, which the review
limit counts too), the same-day learning cards due now (never limited), the new cards available,
the learning cards later today or within the learn-ahead window, the set's own limits if the user
gave it any, and the day's answers from the review log (review answers and first answers, of the
set and of all the user's sets; quiz answers count as study ones); the limits are applied to
those numbers in Python (:func:`budget`); and one more statement returns the first card in the
scheduler's order (due first, oldest due first, then new in set order), its question and its card
row together.

A custom study session of the day (:mod:`quizapp.custom_study`) changes these statements, never
the way they are run: extra new cards add to the day's new limit (the counting statement reads
them), "tag" adds a condition on the question's tags to both statements, and "ahead" and
"forgotten" add a pool of cards the day's queue does not hold, served by one more statement of
the same shape (:func:`pool_count`, :func:`first_card`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased

from quizapp.extensions import db
from quizapp.study_options import day_start_hour
from quizapp.models import Card, CustomStudy, Question, ReviewLog, SetStudySettings, User
from quizapp.scheduling import Rating, State, day_start, study_date, study_day_bounds

_REVIEW = int(State.REVIEW)


@dataclass(frozen=True)
class DayCounts:
    """One set as the day stands: what the queue would hold before the limits, and the day's answers."""

    review_due: int = 0        # review cards due today, and learning cards last answered before today
    learning_due: int = 0      # learning cards answered earlier today whose step is reached: never limited
    new_available: int = 0     # never answered, not held
    learning_later: int = 0    # (re)learning steps later in the study day
    learning_ahead: int = 0    # (re)learning steps due within the learn-ahead window
    reviews_today: int = 0     # answers today to this set's cards in review (any origin)
    new_today: int = 0         # first answers today to this set's cards
    reviews_today_all: int = 0  # the same over all the user's sets
    new_today_all: int = 0
    set_new_limit: Optional[int] = None     # the user's own limits for this set, if any
    set_review_limit: Optional[int] = None
    set_new_order: Optional[str] = None     # the user's own new-card order for this set, if any
    extra_new: int = 0                      # new cards added to today's limits by custom study


@dataclass(frozen=True)
class Budget:
    """The queue's sizes after the day's limits (the rules of get_queued_cards)."""

    review: int
    learning: int
    new: int

    @property
    def due(self) -> int:
        return self.review + self.learning

    @property
    def empty(self) -> bool:
        return self.review + self.learning + self.new == 0


def limits_left(user: User, counts: DayCounts) -> tuple[int, int]:
    """(new, review) left today: the account's limits over all sets, capped by the set's own."""
    review = user.reviews_per_day - counts.reviews_today_all
    # Extra new cards raise both the account's limit and the set's for this set today (Anki's
    # "increase today's new card limit"), so they come even when other sets spent the account's.
    new = user.new_per_day + counts.extra_new - counts.new_today_all
    if counts.set_review_limit is not None:
        review = min(review, counts.set_review_limit - counts.reviews_today)
    if counts.set_new_limit is not None:
        new = min(new, counts.set_new_limit + counts.extra_new - counts.new_today)
    return max(0, new), max(0, review)


def budget(user: User, counts: DayCounts) -> Budget:
    """Reviews up to the review limit, all of same-day learning, then new up to the new limit and what reviews leave."""
    new_left, review_left = limits_left(user, counts)
    review = min(counts.review_due, review_left)
    # New cards also spend the review limit (as in Anki); the extra ones are granted past it.
    new = min(counts.new_available, new_left, review_left - review + counts.extra_new)
    return Budget(review, counts.learning_due, new)


def _day_bounds(user: User, now: datetime) -> tuple[datetime, datetime]:
    return study_day_bounds(now, user.timezone or "UTC", day_start_hour(user))


def study_day(user: User, now: datetime) -> date:
    """The study day `now` falls in, for the user."""
    return study_date(now, user.timezone or "UTC", day_start_hour(user))


class has_tag(sa.sql.functions.FunctionElement):
    """``has_tag(tags, tag)``: the JSON list of tags holds `tag` (a string equal to it)."""

    type = sa.Boolean()
    inherit_cache = True
    name = "has_tag"


@compiles(has_tag, "sqlite")
def _has_tag_sqlite(element, compiler, **kw):
    tags, tag = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXISTS (SELECT 1 FROM json_each({tags}) WHERE json_each.value = {tag})"


@compiles(has_tag, "postgresql")
def _has_tag_postgresql(element, compiler, **kw):
    tags, tag = (compiler.process(clause, **kw) for clause in element.clauses)
    # A JSON null (or any scalar) has no elements; json_array_elements_text would raise on it.
    return (f"EXISTS (SELECT 1 FROM json_array_elements_text(CASE WHEN json_typeof({tags}) = 'array' "
            f"THEN {tags} ELSE '[]'::json END) AS tag_of(value) WHERE tag_of.value = {tag})")


def _tagged():
    return has_tag(Question.tags, sa.bindparam("tag", type_=sa.String))


def _card_of(user_id: int):
    return sa.and_(Card.question_id == Question.id, Card.user_id == user_id)


def _is_new():
    return sa.or_(Card.id.is_(None), Card.reps == 0)


def _held(now: datetime):
    """Suspended, or buried for the rest of the day (quizapp.cards): out of the queue, new or not."""
    # Written never to be NULL (no card row, no burial), so that NOT of it is a plain boolean.
    return sa.or_(Card.suspended.is_(True), sa.and_(Card.buried_until.is_not(None), Card.buried_until > now))


def _free_new(now: datetime):
    return sa.and_(_is_new(), sa.not_(_held(now)))


def _answered(now: datetime):
    return sa.and_(Card.reps > 0, sa.not_(_held(now)))


def _last_before(moment: datetime):
    """Last answered before `moment` (never NULL, so that NOT of it is a plain boolean)."""
    return sa.or_(Card.last_review.is_(None), Card.last_review < moment)


def _review_due(now: datetime, day_start: datetime, day_end: datetime):
    """Due and counted by the review limit: review cards due today, learning cards from an earlier day."""
    return sa.or_(sa.and_(Card.state == _REVIEW, Card.due < day_end),
                  sa.and_(Card.state != _REVIEW, Card.due <= now, _last_before(day_start)))


def _learning_due(now: datetime, day_start: datetime):
    """Same-day learning whose step is reached: never limited."""
    return sa.and_(Card.state != _REVIEW, Card.due <= now, sa.not_(_last_before(day_start)))


def _learning_until(now: datetime, moment: datetime, day_start: datetime):
    """Same-day learning due by `moment` (the learn-ahead window)."""
    return sa.and_(_answered(now), Card.state != _REVIEW, Card.due <= moment, sa.not_(_last_before(day_start)))


def _count(condition):
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _answers_today(user_id: int, start: datetime, end: datetime):
    """The user's answers in the study day, any origin (quiz answers move cards, so they spend the limits too)."""
    return (sa.select(sa.func.count()).select_from(ReviewLog)
            .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= start, ReviewLog.reviewed_at < end))


def _was_new():
    return sa.func.coalesce(ReviewLog.state_before["reps"].as_integer(), 0) == 0


def _was_review(start_text):
    """The answer was to a card the review limit counts: in review, or learning since an earlier day
    (``start_text``: the day's start as the ISO text the log's snapshot holds)."""
    last = ReviewLog.state_before["last_review"].as_string()
    return sa.and_(sa.not_(_was_new()), sa.or_(ReviewLog.state_before["state"].as_integer() == _REVIEW,
                                               sa.and_(last.is_not(None), last < start_text)))


@functools.cache
def _day_counts_statement(tagged: bool) -> sa.Select:
    """The counting statement (``tagged``: of the questions with one tag), built once: its values are
    bound per request (building it cost more than running it)."""
    user_id, now, start, end, ahead = (sa.bindparam(name) for name in ("user_id", "now", "day_start", "day_end",
                                                                        "ahead"))
    start_text = sa.bindparam("day_start_text", type_=sa.String)
    answered = aliased(Question)
    today = _answers_today(user_id, start, end)
    of_set = today.join(answered, answered.id == ReviewLog.question_id).where(answered.set_id == Question.set_id)
    return (
        sa.select(
            Question.set_id,
            _count(sa.and_(_answered(now), _review_due(now, start, end))),
            _count(sa.and_(_answered(now), _learning_due(now, start))),
            _count(_free_new(now)),
            _count(sa.and_(_answered(now), Card.state != _REVIEW, Card.due > now, Card.due < end)),
            _count(_learning_until(now, ahead, start)),
            of_set.where(_was_review(start_text)).scalar_subquery(),
            of_set.where(_was_new()).scalar_subquery(),
            today.where(_was_review(start_text)).scalar_subquery(),
            today.where(_was_new()).scalar_subquery(),
            sa.func.max(SetStudySettings.new_per_day),
            sa.func.max(SetStudySettings.reviews_per_day),
            sa.func.max(SetStudySettings.new_card_order),
            sa.func.max(CustomStudy.extra_new),
        )
        .select_from(Question).outerjoin(Card, _card_of(user_id))
        .outerjoin(SetStudySettings, sa.and_(SetStudySettings.user_id == user_id,
                                             SetStudySettings.set_id == Question.set_id))
        .outerjoin(CustomStudy, sa.and_(CustomStudy.user_id == user_id, CustomStudy.set_id == Question.set_id,
                                        CustomStudy.day == sa.bindparam("today", type_=sa.Date)))
        .where(Question.set_id.in_(sa.bindparam("set_ids", expanding=True)), Question.removed_at.is_(None),
               *([_tagged()] if tagged else []))
        .group_by(Question.set_id)
    )


def day_counts(user: User, set_ids: Iterable[int], now: datetime, learn_ahead: timedelta, *,
               tag: Optional[str] = None) -> dict[int, DayCounts]:
    """:class:`DayCounts` of each set that has live questions (of those tagged `tag`, if given), in
    one statement for all the sets."""
    ids = list(set_ids)
    if not ids:
        return {}
    start, end = _day_bounds(user, now)
    rows = db.session.execute(_day_counts_statement(tag is not None), {
        "user_id": user.id, "now": now, "day_start": start, "day_end": end, "ahead": now + learn_ahead,
        "day_start_text": start.isoformat(), "set_ids": ids, "today": study_day(user, now), "tag": tag})
    return {row[0]: DayCounts(*(int(n or 0) for n in row[1:10]),
                              *(None if n is None else int(n) for n in row[10:12]), row[12], int(row[13] or 0))
            for row in rows}


# New cards in "random" order: a fixed shuffle per user (Anki gives new cards random positions once),
# the same in SQL and in Python (quizapp.study_queue builds the reference queue with shuffle_key).
_SHUFFLE_A, _SHUFFLE_B, _SHUFFLE_M = 7919, 104729, 65521


def shuffle_key(question_id: int, user_id: int) -> int:
    return (question_id * _SHUFFLE_A + user_id * _SHUFFLE_B) % _SHUFFLE_M


def new_order(user: User, counts: DayCounts) -> str:
    """ "set" (set position) or "random": the set's own choice, else the account's."""
    return counts.set_new_order or user.new_card_order or "set"


def _position(random_order: bool, user_id):
    if random_order:
        return (Question.id * _SHUFFLE_A + user_id * _SHUFFLE_B) % _SHUFFLE_M
    return Question.position


@functools.cache
def _first_card_statement(learning: bool, review: bool, new: bool, random_order: bool, tagged: bool) -> sa.Select:
    """The queue head's statement for one mix of wanted kinds (none: the learn-ahead steps), built
    once; ``tagged``: of the questions with one tag."""
    user_id, set_id, now, start, end, ahead = (sa.bindparam(name) for name in (
        "user_id", "set_id", "now", "day_start", "day_end", "ahead"))
    wanted = []
    if learning:
        wanted.append(sa.and_(_answered(now), _learning_due(now, start)))
    if review:
        wanted.append(sa.and_(_answered(now), _review_due(now, start, end)))
    if new:
        wanted.append(_free_new(now))
    condition = sa.or_(*wanted) if wanted else _learning_until(now, ahead, start)
    new_last = sa.case((_is_new(), 1), else_=0)
    return (
        sa.select(Question, Card).outerjoin(Card, _card_of(user_id))
        .where(Question.set_id == set_id, Question.removed_at.is_(None), condition, *([_tagged()] if tagged else []))
        .order_by(new_last, sa.case((_is_new(), None), else_=Card.due), _position(random_order, user_id), Question.id)
        .limit(1)
    )


# ---- custom study pools: cards the day's queue does not hold, served after (or before) it ----


def _pool_condition(mode: str, user_id, now):
    """What puts an answered, not held card in the pool of a custom session."""
    if mode == "ahead":
        # Due after today and before the end of the window: review ahead (Anki's "prop:due<=N").
        return sa.and_(Card.due >= sa.bindparam("day_end"), Card.due < sa.bindparam("pool_end"))
    # "forgotten": rated Again since the window began (Anki's "rated:N:1"), not answered since the
    # session started (an answered card leaves it; an Again sends it to the learning queue).
    again = (sa.select(ReviewLog.id).where(ReviewLog.user_id == user_id, ReviewLog.question_id == Question.id,
                                           ReviewLog.rating == int(Rating.AGAIN),
                                           ReviewLog.reviewed_at >= sa.bindparam("pool_since")))
    return sa.and_(_last_before(sa.bindparam("started")), sa.exists(again))


@functools.cache
def _pool_statement(mode: str, count: bool) -> sa.Select:
    """The pool's first card in due order, or (``count``) its size; built once per mode."""
    user_id, now = sa.bindparam("user_id"), sa.bindparam("now")
    where = (Question.set_id == sa.bindparam("set_id"), Question.removed_at.is_(None), _answered(now),
             _pool_condition(mode, user_id, now))
    if count:
        return sa.select(sa.func.count()).select_from(Question).join(Card, _card_of(user_id)).where(*where)
    return (sa.select(Question, Card).join(Card, _card_of(user_id)).where(*where)
            .order_by(Card.due, Question.id).limit(1))


POOL_MODES = ("ahead", "forgotten")


def pool_params(user: User, set_id: int, now: datetime, session: CustomStudy) -> dict:
    """The values the pool statements bind: the day's end, the window ("pool_end" ahead, "pool_since"
    back) and the session's start."""
    hour, tz, day = day_start_hour(user), user.timezone or "UTC", study_day(user, now)
    days = session.days or 1
    return {"user_id": user.id, "set_id": set_id, "now": now, "day_end": day_start(day + timedelta(days=1), tz, hour),
            "pool_end": day_start(day + timedelta(days=1 + days), tz, hour),
            "pool_since": day_start(day - timedelta(days=days - 1), tz, hour),
            "started": session.started_at or now}


def pool_count(user: User, set_id: int, now: datetime, session: Optional[CustomStudy]) -> int:
    """Cards left in the session's pool (0 without a session that has one)."""
    if session is None or session.mode not in POOL_MODES:
        return 0
    return int(db.session.scalar(_pool_statement(session.mode, True), pool_params(user, set_id, now, session)) or 0)


def first_card(user: User, set_id: int, now: datetime, counts: DayCounts, learn_ahead: timedelta,
               session: Optional[CustomStudy] = None) -> tuple[Optional[Question], Optional[Card]]:
    """The head of the set's queue (its question and the user's card row, if any), or (None, None).

    When the limits leave nothing, (re)learning steps due within ``learn_ahead`` are offered,
    oldest first (learning is never limited). A custom `session` of the day narrows the queue to
    its tag ("tag"), serves its pool after the day's queue ("ahead"), or after the learning due now
    and before the rest ("forgotten": the student asked for those cards now).
    """
    sizes = budget(user, counts)
    mode = session.mode if session is not None else None
    start, end = _day_bounds(user, now)
    params = {"user_id": user.id, "set_id": set_id, "now": now, "day_start": start, "day_end": end,
              "ahead": now + learn_ahead, "tag": session.tag if mode == "tag" else None}
    random_order, tagged = new_order(user, counts) == "random", mode == "tag"

    def queue(learning: int, review: int, new: int):
        return lambda: db.session.execute(_first_card_statement(
            bool(learning), bool(review), bool(new), random_order, tagged), params).first()

    def pool():
        return db.session.execute(_pool_statement(mode, False), pool_params(user, set_id, now, session)).first()

    steps = []
    if mode == "forgotten":
        steps += [queue(sizes.learning, 0, 0)] if sizes.learning else []
        steps += [pool] + ([queue(0, sizes.review, sizes.new)] if sizes.review or sizes.new else [])
    else:
        steps += [] if sizes.empty else [queue(sizes.learning, sizes.review, sizes.new)]
        steps += [pool] if mode == "ahead" else []
    if counts.learning_ahead:
        steps.append(queue(0, 0, 0))
    for step in steps:
        row = step()
        if row is not None:
            return row[0], row[1]
    return None, None
