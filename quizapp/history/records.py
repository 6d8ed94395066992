"""A user's history as records: quiz attempts, one attempt's answers, and the paged event list.

The event list merges reviews and quiz attempts newest first. It is paged by keyset (a cursor
naming the last event shown), each kind read along its index with a LIMIT, so no request counts
or sorts the whole history; the total comes from the per-day summary. The API and the CSV
download share the same filters.
"""
import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Optional

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from quizapp.extensions import db
from quizapp.grading import grade
from quizapp.sets import visible_set
from quizapp.models import Question, QuestionSet, QuizAnswer, QuizAttempt, ReviewDay, ReviewLog, User
from quizapp.progress import CORRECT, day_bounds


@dataclass(frozen=True)
class HistoryFilter:
    """Which part of a user's history to show: one set, and study days from/to (inclusive)."""

    set_id: Optional[int] = None
    first_day: Optional[date] = None
    last_day: Optional[date] = None

    def window(self, tz: str) -> tuple[Optional[datetime], Optional[datetime]]:
        """UTC start (inclusive) and end (exclusive) of the chosen days."""
        start = day_bounds(self.first_day, tz)[0] if self.first_day else None
        end = day_bounds(self.last_day, tz)[1] if self.last_day else None
        return start, end


class FilterError(ValueError):
    """A filter value that cannot be understood; the message says which."""


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def parse_filter(args, user) -> HistoryFilter:
    """Read ``set`` (a slug of a set the user may see), ``from`` and ``to`` (YYYY-MM-DD) from query arguments."""
    set_id = None
    slug = (args.get("set") or "").strip()
    if slug:
        question_set = visible_set(user, slug)
        if question_set is None:
            raise FilterError(_("There is no set “%(slug)s”.", slug=slug))
        set_id = question_set.id
    days = {}
    for name in ("from", "to"):
        value = (args.get(name) or "").strip()
        if value:
            try:
                days[name] = date.fromisoformat(value)
            except ValueError:
                raise FilterError(_("“%(name)s” must be a date like 2025-03-15, not “%(value)s”.", name=name, value=value[:40])) from None
            # Days are turned into instants in the user's zone, a day further: year 9999 overflows.
            if not FIRST_DAY <= days[name] <= LAST_DAY:
                raise FilterError(_("“%(name)s” must be a date from %(first)s to %(last)s.", name=name,
                                    first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()))
    if "from" in days and "to" in days and days["from"] > days["to"]:
        raise FilterError(_("“from” is after “to”."))
    return HistoryFilter(set_id, days.get("from"), days.get("to"))


# ---------------------------------------------------------------- attempts

def attempts_query(user_id: int, set_id: Optional[int] = None) -> sa.Select:
    """The user's quiz attempts, newest first, with their set loaded."""
    query = (
        sa.select(QuizAttempt).options(joinedload(QuizAttempt.question_set))
        .where(QuizAttempt.user_id == user_id)
        .order_by(QuizAttempt.started_at.desc(), QuizAttempt.id.desc())
    )
    if set_id is not None:
        query = query.where(QuizAttempt.set_id == set_id)
    return query


def own_attempt(user_id: int, attempt_id: int) -> Optional[QuizAttempt]:
    """The attempt if it belongs to the user, else None (callers answer 404 either way)."""
    return db.session.scalar(
        sa.select(QuizAttempt).options(joinedload(QuizAttempt.question_set))
        .where(QuizAttempt.id == attempt_id, QuizAttempt.user_id == user_id)
    )


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question of an attempt as the review page shows it."""

    position: int
    question: Question
    answer: Optional[QuizAnswer]

    @property
    def correct(self) -> bool:
        return bool(self.answer and self.answer.correct)

    @property
    def credit(self) -> Optional[float]:
        """The percent of the marks the answer earned (None for an answer stored before credit was)."""
        return self.answer.credit if self.answer else 0

    @property
    def partial(self) -> bool:
        return self.credit is not None and 0 < self.credit < 100

    @property
    def feedback(self) -> Optional[str]:
        """The question's feedback on the answer given, if it has one."""
        if not (self.answer and self.answer.given) or not self.question.feedback:
            return None
        return grade(self.question, self.answer.given).feedback


def attempt_review(attempt: QuizAttempt) -> list[AnsweredQuestion]:
    """Every question of the attempt in quiz order, with the answer given (None if skipped)."""
    ids = list(attempt.question_ids or [])
    answers = {a.question_id: a for a in attempt.answers}
    ids += [qid for qid in answers if qid not in ids]
    questions = {q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_(ids)))}
    return [AnsweredQuestion(i + 1, questions[qid], answers.get(qid)) for i, qid in enumerate(ids) if qid in questions]


def duration_seconds(attempt: QuizAttempt) -> Optional[int]:
    """Seconds from start to finish, or None while the attempt is open."""
    if attempt.finished_at is None:
        return None
    return max(0, round((attempt.finished_at - attempt.started_at).total_seconds()))


# ---------------------------------------------------------------- events (API)

# Events are ordered newest first; at the same instant quizzes come before reviews (kinds in
# alphabetical order, as the API always listed them), then higher ids first.
KINDS = ("quiz", "review")


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the last event's time, kind and id (the next page starts after it)."""

    at: datetime
    kind: str
    id: int

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.at.isoformat()}|{self.kind}|{self.id}".encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        try:
            at, kind, ident = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode().split("|")
            moment = datetime.fromisoformat(at)
            if kind not in KINDS or moment.tzinfo is None:
                raise ValueError(kind)
            return cls(moment, kind, int(ident))
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise FilterError(_("The cursor “%(cursor)s” is not one this API gave out.", cursor=text[:80])) from None


def _after(cursor: Optional[Cursor], kind: str, at, ident):
    """SQL: the event (kind, at, ident) comes after ``cursor`` in the list's order."""
    if cursor is None:
        return sa.true()
    if KINDS.index(kind) > KINDS.index(cursor.kind):
        return at <= cursor.at
    if kind == cursor.kind:
        return sa.or_(at < cursor.at, sa.and_(at == cursor.at, ident < cursor.id))
    return at < cursor.at


def _event_keys(user_id: int, flt: HistoryFilter, tz: str, cursor: Optional[Cursor], limit: int) -> list[tuple]:
    """The first ``limit`` events after ``cursor`` as (at, kind, id): each kind read newest first, with LIMIT.

    Reviews are read along the (user_id, reviewed_at) index and stop after ``limit`` rows, so a page
    costs the same whatever the history holds; attempts are few per user.
    """
    start, end = flt.window(tz)
    attempt_time = sa.func.coalesce(QuizAttempt.finished_at, QuizAttempt.started_at)
    reviews = sa.select(ReviewLog.reviewed_at, ReviewLog.id).where(
        ReviewLog.user_id == user_id, _after(cursor, "review", ReviewLog.reviewed_at, ReviewLog.id))
    attempts = sa.select(attempt_time, QuizAttempt.id).where(
        QuizAttempt.user_id == user_id, _after(cursor, "quiz", attempt_time, QuizAttempt.id))
    if flt.set_id is not None:
        reviews = reviews.join(Question, Question.id == ReviewLog.question_id).where(Question.set_id == flt.set_id)
        attempts = attempts.where(QuizAttempt.set_id == flt.set_id)
    if start is not None:
        reviews = reviews.where(ReviewLog.reviewed_at >= start)
        attempts = attempts.where(attempt_time >= start)
    if end is not None:
        reviews = reviews.where(ReviewLog.reviewed_at < end)
        attempts = attempts.where(attempt_time < end)
    keys = [(at, "review", i) for at, i in db.session.execute(
        reviews.order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc()).limit(limit))]
    keys += [(at, "quiz", i) for at, i in db.session.execute(
        attempts.order_by(attempt_time.desc(), QuizAttempt.id.desc()).limit(limit))]
    keys.sort(key=lambda key: (key[0], -KINDS.index(key[1]), key[2]), reverse=True)
    return keys[:limit]


def history_total(user_id: int, flt: HistoryFilter, tz: str) -> int:
    """How many events the filter holds: reviews summed from the per-day summary, attempts counted."""
    start, end = flt.window(tz)
    attempt_time = sa.func.coalesce(QuizAttempt.finished_at, QuizAttempt.started_at)
    attempts = sa.select(sa.func.count()).select_from(QuizAttempt).where(QuizAttempt.user_id == user_id)
    if flt.set_id is not None:
        attempts = attempts.where(QuizAttempt.set_id == flt.set_id)
    if start is not None:
        attempts = attempts.where(attempt_time >= start)
    if end is not None:
        attempts = attempts.where(attempt_time < end)
    user = db.session.get(User, user_id)
    if user is not None and (user.timezone or "UTC") == tz:
        reviews = sa.select(sa.func.coalesce(sa.func.sum(ReviewDay.reviews), 0)).where(ReviewDay.user_id == user_id)
        if flt.set_id is not None:
            reviews = reviews.where(ReviewDay.set_id == flt.set_id)
        if flt.first_day is not None:
            reviews = reviews.where(ReviewDay.day >= flt.first_day)
        if flt.last_day is not None:
            reviews = reviews.where(ReviewDay.day <= flt.last_day)
    else:  # days of another zone than the summary's: count the log
        reviews = sa.select(sa.func.count()).select_from(ReviewLog).where(ReviewLog.user_id == user_id)
        if flt.set_id is not None:
            reviews = reviews.join(Question, Question.id == ReviewLog.question_id).where(Question.set_id == flt.set_id)
        if start is not None:
            reviews = reviews.where(ReviewLog.reviewed_at >= start)
        if end is not None:
            reviews = reviews.where(ReviewLog.reviewed_at < end)
    return int(db.session.scalar(reviews) or 0) + int(db.session.scalar(attempts) or 0)


@dataclass
class HistoryPage:
    """One page of events as JSON-ready dicts, and the cursor of the next page (None on the last)."""

    items: list[dict]
    next_cursor: Optional[str]


def history_page(user_id: int, flt: HistoryFilter, tz: str, *, per_page: int, page: int = 1,
                 cursor: Optional[Cursor] = None) -> HistoryPage:
    """The user's reviews and attempts newest first: ``per_page`` of them after ``cursor``, or page ``page``.

    A cursor costs the same on any page; a page number reads the pages before it too.
    """
    skip = 0 if cursor is not None else (page - 1) * per_page
    keys = _event_keys(user_id, flt, tz, cursor, skip + per_page + 1)[skip:]
    more = len(keys) > per_page
    keys = keys[:per_page]
    review_ids = [i for _, kind, i in keys if kind == "review"]
    attempt_ids = [i for _, kind, i in keys if kind == "quiz"]
    reviews = {row.id: row for row in db.session.execute(
        sa.select(ReviewLog.id, ReviewLog.reviewed_at, ReviewLog.question_id, ReviewLog.rating, ReviewLog.answer_given,
                  ReviewLog.duration_ms, ReviewLog.origin, CORRECT.label("right"), Question.key, QuestionSet.slug)
        .join(Question, Question.id == ReviewLog.question_id).join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(ReviewLog.id.in_(review_ids)))} if review_ids else {}
    attempts = {a.id: a for a in db.session.scalars(
        sa.select(QuizAttempt).options(joinedload(QuizAttempt.question_set)).where(QuizAttempt.id.in_(attempt_ids)))
    } if attempt_ids else {}
    items = []
    for _at, kind, i in keys:
        if kind == "review":
            r = reviews[i]
            items.append({"kind": "review", "id": r.id, "at": r.reviewed_at.isoformat(), "set": r.slug,
                          "question_id": r.question_id, "question_key": r.key, "rating": r.rating,
                          "correct": bool(r.right), "answer_given": r.answer_given, "duration_ms": r.duration_ms,
                          "origin": r.origin})
        else:
            a = attempts[i]
            items.append({"kind": "quiz", "id": a.id, "at": (a.finished_at or a.started_at).isoformat(),
                          "set": a.question_set.slug, "started_at": a.started_at.isoformat(),
                          "finished_at": a.finished_at.isoformat() if a.finished_at else None,
                          "question_count": len(a.question_ids or []), "correct_count": a.correct_count,
                          "score": a.score, "duration_s": duration_seconds(a)})
    last = keys[-1] if keys else None
    return HistoryPage(items, Cursor(*last).encode() if more and last else None)


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = ("kind", "time_utc", "set", "question_key", "prompt", "answer_given", "correct", "rating",
               "duration_ms", "origin", "attempt_id", "attempt_score", "credit")


def csv_rows(user_id: int, flt: HistoryFilter, tz: str) -> Iterator[tuple[Any, ...]]:
    """Every review and every quiz answer of the user, newest first, one row each (header first)."""
    start, end = flt.window(tz)
    yield CSV_COLUMNS
    reviews = (
        sa.select(sa.literal("review").label("kind"), ReviewLog.reviewed_at.label("at"), QuestionSet.slug, Question.key, Question.prompt,
                  ReviewLog.answer_given.label("given"), CORRECT.label("right"), ReviewLog.rating.label("rating"),
                  ReviewLog.duration_ms.label("duration_ms"), ReviewLog.origin.label("origin"),
                  sa.cast(sa.null(), sa.Integer).label("attempt_id"), sa.cast(sa.null(), sa.Float).label("score"),
                  sa.cast(sa.null(), sa.Float).label("credit"))
        .join(Question, Question.id == ReviewLog.question_id).join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(ReviewLog.user_id == user_id)
    )
    answers = (
        sa.select(sa.literal("quiz").label("kind"), QuizAnswer.answered_at.label("at"), QuestionSet.slug, Question.key, Question.prompt,
                  QuizAnswer.given.label("given"), sa.case((QuizAnswer.correct.is_(True), 1), else_=0).label("right"),
                  sa.cast(sa.null(), sa.Integer).label("rating"), QuizAnswer.duration_ms.label("duration_ms"),
                  sa.literal("quiz").label("origin"), QuizAttempt.id.label("attempt_id"), QuizAttempt.score.label("score"),
                  QuizAnswer.credit.label("credit"))
        .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
        .join(Question, Question.id == QuizAnswer.question_id).join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(QuizAttempt.user_id == user_id)
    )
    if flt.set_id is not None:
        reviews = reviews.where(Question.set_id == flt.set_id)
        answers = answers.where(QuizAttempt.set_id == flt.set_id)
    if start is not None:
        reviews = reviews.where(ReviewLog.reviewed_at >= start)
        answers = answers.where(QuizAnswer.answered_at >= start)
    if end is not None:
        reviews = reviews.where(ReviewLog.reviewed_at < end)
        answers = answers.where(QuizAnswer.answered_at < end)
    merged = sa.union_all(reviews, answers).subquery()
    rows = db.session.execute(sa.select(merged).order_by(merged.c.at.desc())).yield_per(500)
    for kind, at, slug, key, prompt, given, right, rating, duration, origin, attempt_id, score, credit in rows:
        yield (kind, at.isoformat(), slug, key, prompt, given or "", "yes" if right else "no",
               rating if rating is not None else "", duration if duration is not None else "", origin,
               attempt_id or "", "" if score is None else f"{score:.2f}", "" if credit is None else f"{credit:g}")
