"""Study workflows over the database: the queue, answering a card, undo and leeches.

The scheduling rules live in :mod:`quizapp.scheduling` (pure, no database); this module turns
rows into its plain values and stores what comes back. Nothing here commits: the view (or API
route) commits once.

Writes follow one pattern, :func:`begin_write`, before the first read that a write depends on.
On PostgreSQL it writes to the user's own row, which serialises one user's writes, so "is this
client_id already recorded?" followed by the insert cannot race (READ COMMITTED: every later
statement sees what the writer before committed). On SQLite a writing request's transaction
holds the database write lock from its ``BEGIN IMMEDIATE`` already (:mod:`quizapp.database`), so
nothing is sent: one request, one transaction, one ``BEGIN``.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Iterable, Optional

import sqlalchemy as sa

from quizapp import clock, custom_study
from quizapp import next_card as queue_sql
from quizapp.database import begin_statement
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, SetStudySettings, User
from quizapp.scheduling.options import StudyOptions, parse_steps
from quizapp.scheduling import (
    DEFAULT_DAY_START_HOUR,
    LEECH_LAPSES,
    CardState,
    NextState,
    QueueCandidate,
    Rating,
    Scheduler,
    State,
    get_queued_cards,
    is_leech,
    is_limited,
    day_start,
    study_day_bounds,
    study_date,
)

# When nothing is due, cards in (re)learning whose step ends within this window are shown
# early rather than making the student wait a few minutes on an empty page (Anki's learn-ahead).
LEARN_AHEAD = timedelta(minutes=20)
# After the first leech suspension, every further half-threshold of lapses suspends again (Anki).
LEECH_REPEAT = LEECH_LAPSES // 2
# How many study answers can be taken back one after another.
UNDO_DEPTH = 10


# ---- writing safely ------------------------------------------------------------------


class ClientIdReused(Exception):
    """The client_id was recorded before for another question."""

    def __init__(self, earlier: ReviewLog) -> None:
        super().__init__(f"client_id {earlier.client_id!r} was used for question {earlier.question_id}")
        self.earlier = earlier


def begin_write(user_id: int) -> None:
    """Make the current transaction the user's writer (see the module docs).

    Outside a writing request on SQLite (the command line, tests) the deferred read transaction
    is rolled back first: it could not become a writer once another connection has committed.
    Callers must not have unflushed changes pending.
    """
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_write() must start the transaction; commit pending changes first")
    if session.get_bind().dialect.name == "sqlite":
        if begin_statement() == "BEGIN IMMEDIATE":
            return
        session.rollback()
    session.execute(
        sa.update(User).where(User.id == user_id).values(reviews_per_day=User.reviews_per_day)
        .execution_options(synchronize_session=False)
    )


# ---- card state ----------------------------------------------------------------------


def account_options(user: User) -> StudyOptions:
    """The options the user set for all their sets."""
    defaults = StudyOptions()
    return StudyOptions(
        desired_retention=user.desired_retention or defaults.desired_retention,
        learning_steps=user.learning_steps if user.learning_steps is not None else defaults.learning_steps,
        relearning_steps=user.relearning_steps if user.relearning_steps is not None else defaults.relearning_steps,
        maximum_interval=user.maximum_interval or defaults.maximum_interval,
        leech_threshold=user.leech_threshold or defaults.leech_threshold,
        leech_action=user.leech_action or defaults.leech_action,
        new_card_order=user.new_card_order or defaults.new_card_order,
    )


def options_for(user: User, set_id: Optional[int] = None) -> StudyOptions:
    """The user's options in one set: the account's, with the set's own overrides on top."""
    options = account_options(user)
    if set_id is None:
        return options
    own = db.session.get(SetStudySettings, (user.id, set_id))
    if own is None:
        return options
    return options.override(desired_retention=own.desired_retention, learning_steps=own.learning_steps,
                            relearning_steps=own.relearning_steps, maximum_interval=own.maximum_interval,
                            new_card_order=own.new_card_order)


def scheduler_for(user: User, set_id: Optional[int] = None, options: Optional[StudyOptions] = None) -> Scheduler:
    """The scheduler with the user's options in the set (retention, steps, maximum interval), their time zone,
    day start and fitted parameters (``options``: those options, when the caller has read them already)."""
    options = options or options_for(user, set_id)
    balancing = bool(user.load_balancing) if user.load_balancing is not None else True
    return Scheduler(desired_retention=options.desired_retention, tz=user.timezone or "UTC",
                     day_start_hour=day_start_hour(user), parameters=user.fsrs_parameters or None,
                     learning_steps=parse_steps(options.learning_steps),
                     relearning_steps=parse_steps(options.relearning_steps),
                     maximum_interval=options.maximum_interval,
                     load=_DayLoad(user) if balancing else None, easy_days=easy_days(user))


def easy_days(user: User) -> tuple[int, ...]:
    """The weekdays (Monday 0) the user wants lighter."""
    return tuple(int(day) for day in (user.easy_days or "").split(",") if day.strip().isdigit())


class _DayLoad:
    """Reviews due per study day for the user, read a window of days at a time (only a review interval needs it).

    Load balancing asks about the few days a fuzz range allows, lowest first, so reading the user's
    review cards due in the next weeks answers it; reading every review card of theirs would cost time
    growing with the collection on every answer.
    """

    WINDOW_DAYS = 32

    def __init__(self, user: User) -> None:
        self.user = user
        self._by_day: dict = {}
        self._windows: list[tuple] = []  # (first, last) study dates already read

    def __call__(self, day) -> int:
        if not any(first <= day <= last for first, last in self._windows):
            # The window stops short of any window read before it, so no day is counted twice.
            # Farther days come with wider fuzz ranges (and later ratings' ranges lie beyond): the window
            # grows with the distance from today.
            span = max(self.WINDOW_DAYS, (day - self._today()).days)
            last = min([day + timedelta(days=span - 1)]
                       + [first - timedelta(days=1) for first, _ in self._windows if first > day])
            self._read(day, last)
        return self._by_day.get(day, 0)

    def _today(self):
        return study_date(clock.now(), self.user.timezone or "UTC", day_start_hour(self.user))

    def _read(self, first, last) -> None:
        tz, hour = self.user.timezone or "UTC", day_start_hour(self.user)
        rows = db.session.execute(_review_dues_statement(), {
            "user_id": self.user.id, "start": day_start(first, tz, hour),
            "end": day_start(last + timedelta(days=1), tz, hour)})
        for due, count in rows:
            day = study_date(due, tz, hour)
            self._by_day[day] = self._by_day.get(day, 0) + count
        self._windows.append((first, last))


@functools.cache
def _review_dues_statement() -> sa.Select:
    """The user's review cards per due instant in [start, end), built once (building it cost more than running it)."""
    return (sa.select(Card.due, sa.func.count())
            .where(Card.user_id == sa.bindparam("user_id"), Card.due >= sa.bindparam("start"),
                   Card.due < sa.bindparam("end"), Card.reps > 0, Card.state == int(State.REVIEW),
                   Card.suspended.is_(False))
            .group_by(Card.due))


def _set_of(question_id: Optional[int]) -> Optional[int]:
    if question_id is None:
        return None
    return db.session.scalar(sa.select(Question.set_id).where(Question.id == question_id))


def day_start_hour(user: User) -> int:
    """The hour the user's study day starts at (their "next day starts at", 4 unless set)."""
    hour = user.day_start_hour
    return DEFAULT_DAY_START_HOUR if hour is None else hour


def day_bounds(user: User, now: datetime) -> tuple[datetime, datetime]:
    """UTC start and end of the user's study day holding `now`."""
    return study_day_bounds(now, user.timezone or "UTC", day_start_hour(user))


def card_key(user_id: int, question_id: int) -> int:
    """A card's id for the scheduler's fuzz seed: one per (user, question), known before the row exists."""
    return (int(user_id) << 32) + int(question_id)


def card_state(card: Optional[Card], now: datetime, *, key: int = 0) -> CardState:
    """A row as the scheduler's value; no row (or no answer yet) is a new card.

    ``key`` is :func:`card_key` of the card (taken from the row when there is one).
    """
    if card is not None and card.user_id is not None and card.question_id is not None:
        key = card_key(card.user_id, card.question_id)
    if card is None or card.reps == 0:
        return CardState.new(now, card_id=key)
    return CardState(
        due=card.due, stability=card.stability, difficulty=card.difficulty, state=State(card.state),
        step=card.step, reps=card.reps, lapses=card.lapses, last_review=card.last_review, card_id=key,
    )


def state_dict(state: CardState, *, suspended: bool = False, leech: bool = False) -> dict[str, Any]:
    """A card state as JSON for the review log (and the API)."""
    return {
        "due": state.due.isoformat(),
        "stability": state.stability,
        "difficulty": state.difficulty,
        "state": int(state.state),
        "step": state.step,
        "reps": state.reps,
        "lapses": state.lapses,
        "last_review": state.last_review.isoformat() if state.last_review else None,
        "suspended": suspended,
        "leech": leech,
    }


def restore_state(card: Card, state: dict[str, Any]) -> None:
    """Copy a logged state back onto the row (undo, and the start of a replay)."""
    card.due = datetime.fromisoformat(state["due"])
    card.stability = state["stability"]
    card.difficulty = state["difficulty"]
    card.state = state["state"]
    card.step = state["step"]
    card.reps = state["reps"]
    card.lapses = state["lapses"]
    card.last_review = datetime.fromisoformat(state["last_review"]) if state["last_review"] else None
    card.suspended = state.get("suspended", False)
    card.leech = state.get("leech", False)


def get_card(user_id: int, question_id: int) -> Optional[Card]:
    return db.session.scalar(sa.select(Card).where(Card.user_id == user_id, Card.question_id == question_id))


def next_states(user: User, question_id: int, now: Optional[datetime] = None) -> dict[Rating, NextState]:
    """When the question would come back for each rating, for the answer buttons."""
    return next_states_of(user, get_card(user.id, question_id), now, question_id=question_id)


def next_states_of(user: User, card: Optional[Card], now: Optional[datetime] = None, *,
                   question_id: Optional[int] = None, set_id: Optional[int] = None) -> dict[Rating, NextState]:
    """:func:`next_states` for a card row already loaded (None: a new card, of ``question_id``)."""
    now = now or clock.now()
    if question_id is None and card is not None:
        question_id = card.question_id
    key = card_key(user.id, question_id) if question_id is not None else 0
    scheduler = scheduler_for(user, set_id if set_id is not None else _set_of(question_id))
    return scheduler.describe_next_states(card_state(card, now, key=key), now)


# ---- the queue -----------------------------------------------------------------------


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


def set_limits(user_id: int, set_ids: Iterable[int]) -> dict[int, SetStudySettings]:
    """The user's own settings of each set that has any."""
    ids = list(set_ids)
    if not ids:
        return {}
    return {row.set_id: row for row in db.session.scalars(
        sa.select(SetStudySettings).where(SetStudySettings.user_id == user_id, SetStudySettings.set_id.in_(ids)))}


SET_OPTIONS = ("new_per_day", "reviews_per_day", "desired_retention", "learning_steps", "relearning_steps",
               "maximum_interval", "new_card_order")


def save_set_limits(user_id: int, set_id: int, new_per_day: Optional[int] = None,
                    reviews_per_day: Optional[int] = None, **options: Any) -> None:
    """Store the user's own limits and options for a set (None or "": the account's); no row is kept without any."""
    values = {"new_per_day": new_per_day, "reviews_per_day": reviews_per_day, **options}
    unknown = set(values) - set(SET_OPTIONS)
    if unknown:
        raise ValueError(f"unknown set options: {sorted(unknown)}")
    values = {name: (None if values.get(name) in (None, "") else values.get(name)) for name in SET_OPTIONS}
    row = db.session.get(SetStudySettings, (user_id, set_id))
    if all(value is None for value in values.values()):
        if row is not None:
            db.session.delete(row)
        return
    if row is None:
        row = SetStudySettings(user_id=user_id, set_id=set_id)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)


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


# ---- answering -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOutcome:
    """A recorded review; ``repeat`` when the client_id had been recorded before."""

    review: ReviewLog
    card: Card
    repeat: bool = False
    became_leech: bool = False


def find_review(user_id: int, client_id: str) -> Optional[ReviewLog]:
    return db.session.scalar(sa.select(ReviewLog).where(ReviewLog.user_id == user_id, ReviewLog.client_id == client_id))


def apply_answer(user: User, card: Card, rating: Rating | int, now: datetime,
                 set_id: Optional[int] = None) -> tuple[dict, dict, bool]:
    """Schedule one answer given at `now` onto the card row: (state before, state after, became leech).

    The states are the review log's JSON. A card reaching the leech threshold (8 lapses unless the
    user chose another) and every half-threshold more is flagged a leech, and suspended unless the
    user's leech action is "tag". Shared by :func:`answer_card` and the replay of a card's reviews
    (:mod:`quizapp.sync`).
    """
    before = card_state(card, now)
    before_flags = {"suspended": bool(card.suspended), "leech": bool(card.leech)}
    set_id = set_id if set_id is not None else _set_of(card.question_id)
    options = options_for(user, set_id)
    outcome = scheduler_for(user, set_id, options).answer_card(before, Rating(rating), now)
    after = outcome.after
    card.due, card.stability, card.difficulty = after.due, after.stability, after.difficulty
    card.state, card.step, card.reps, card.lapses = int(after.state), after.step, after.reps, after.lapses
    card.last_review = after.last_review
    threshold = options.leech_threshold
    became_leech = (
        outcome.lapsed and after.lapses >= threshold and (after.lapses - threshold) % max(1, threshold // 2) == 0
    )
    if became_leech:
        card.leech = True
        if options.leech_action == "suspend":
            card.suspended = True
    return (state_dict(before, **before_flags),
            state_dict(after, suspended=bool(card.suspended), leech=bool(card.leech)), became_leech)


def answer_card(
    user: User,
    question: Question,
    rating: Rating | int,
    *,
    answer_given: Optional[str] = None,
    correct: Optional[bool] = None,
    duration_ms: Optional[int] = None,
    client_id: Optional[str] = None,
    origin: str = "study",
    now: Optional[datetime] = None,
) -> ReviewOutcome:
    """Record one answer: the card's new FSRS state and a review-log row with both states.

    Call inside :func:`begin_write`. The same ``client_id`` twice records once: the second call
    returns the first review with ``repeat=True`` (:class:`ClientIdReused` when it was for another
    question). Leeches: see :func:`apply_answer`.
    """
    now = now or clock.now()
    rating = Rating(rating)
    if client_id:
        existing = find_review(user.id, client_id)
        if existing is not None:
            if existing.question_id != question.id:
                raise ClientIdReused(existing)
            return ReviewOutcome(existing, get_card(user.id, existing.question_id), repeat=True)
    card = get_card(user.id, question.id)
    if card is None:
        card = Card(user_id=user.id, question_id=question.id, due=now, state=int(State.LEARNING), step=0,
                    reps=0, lapses=0, suspended=False, leech=False)
        db.session.add(card)
    state_before, state_after, became_leech = apply_answer(user, card, rating, now, question.set_id)
    review = ReviewLog(
        user_id=user.id, question_id=question.id, client_id=client_id, rating=int(rating),
        answer_given=answer_given, correct=correct, duration_ms=duration_ms, origin=origin,
        state_before=state_before, state_after=state_after, reviewed_at=now,
    )
    db.session.add(review)
    if user.undo_streak:
        user.undo_streak = 0  # a new answer starts the undo count again
    db.session.flush()
    return ReviewOutcome(review, card, became_leech=became_leech)


def last_review(user_id: int) -> Optional[ReviewLog]:
    """The user's most recent review, of any origin."""
    return db.session.scalar(
        sa.select(ReviewLog).where(ReviewLog.user_id == user_id)
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc()).limit(1)
    )


def can_undo(user: User, set_id: Optional[int] = None) -> bool:
    """True when :func:`undo_last_review` would take an answer back (in that set, with ``set_id``)."""
    if (user.undo_streak or 0) >= UNDO_DEPTH:
        return False
    review = last_review(user.id)
    if review is None or review.origin != "study":
        return False
    if set_id is None:
        return True
    question = db.session.get(Question, review.question_id)
    return question is not None and question.set_id == set_id


def undo_last_review(user: User, set_id: Optional[int] = None) -> Optional[Question]:
    """Take back the user's last study review: the card gets its state before it, the log row goes.

    Answers are taken back one by one, newest first, up to `UNDO_DEPTH` in a row (a new answer
    starts the count again); only study answers (a quiz is scored as a whole), and with ``set_id``
    only one of that set. Returns the question, or None when there is nothing to undo. This is
    the one way a review-log row is ever deleted.
    """
    if not can_undo(user, set_id):
        return None
    review = last_review(user.id)
    question = db.session.get(Question, review.question_id)
    card = get_card(user.id, review.question_id)
    if card is not None:
        restore_state(card, review.state_before)
    db.session.delete(review)
    user.undo_streak = (user.undo_streak or 0) + 1
    db.session.flush()
    return question


# ---- leeches and suspended cards -------------------------------------------------------


def suspended_cards(user_id: int) -> list[Card]:
    """The user's suspended cards (leeches first), with their questions."""
    return list(db.session.scalars(
        sa.select(Card).join(Question, Question.id == Card.question_id)
        .where(Card.user_id == user_id, Card.suspended.is_(True))
        .order_by(Card.leech.desc(), Question.set_id, Question.position)
    ))


def set_suspended(user_id: int, card_id: int, suspended: bool) -> Optional[Card]:
    """Suspend or unsuspend one of the user's cards; None when it is not theirs.

    The leech flag stays as a tag: the card is suspended again only after `LEECH_REPEAT` more lapses.
    """
    card = db.session.get(Card, card_id)
    if card is None or card.user_id != user_id:
        return None
    card.suspended = suspended
    return card
