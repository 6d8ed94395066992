"""What a teacher sees of a set they own: attempts over time, how each question fares, class progress.

Only aggregates over the set's own questions leave this module, except in class progress, where
the students are those of the teacher's own classes that have the set assigned.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Optional

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import (
    Card, ClassAssignment, ClassMember, Classroom, Question, QuestionSet, QuizAnswer, QuizAttempt, ReviewLog, User,
)
from quizapp.progress import CORRECT, RETENTION_DAYS, bucket, day_bounds, day_edges, study_date

WEEKS = 12
# A question is flagged for review when at least this many answers exist and fewer than half are right.
FLAG_MIN_ANSWERS = 3
FLAG_BELOW = 0.5
WRONG_ANSWERS_SHOWN = 5
QUESTIONS_PER_PAGE = 100


def owned_set(user, slug: str) -> Optional[QuestionSet]:
    """The set if ``user`` owns it (admins: any set), else None."""
    query = sa.select(QuestionSet).where(QuestionSet.slug == slug)
    if not user.is_admin:
        query = query.where(QuestionSet.owner_id == user.id)
    return db.session.scalar(query)


def owned_sets(user) -> list[QuestionSet]:
    """Sets the teacher owns (admins: every set), by title."""
    query = sa.select(QuestionSet).where(QuestionSet.deleted_at.is_(None)).order_by(QuestionSet.title)
    if not user.is_admin:
        query = query.where(QuestionSet.owner_id == user.id)
    return list(db.session.scalars(query))


def set_summaries(set_ids: list[int]) -> dict[int, tuple[int, int, Optional[float]]]:
    """(finished attempts, distinct students, mean score) per set, in one query."""
    if not set_ids:
        return {}
    rows = db.session.execute(
        sa.select(QuizAttempt.set_id, sa.func.count(), sa.func.count(sa.distinct(QuizAttempt.user_id)),
                  sa.func.avg(QuizAttempt.score))
        .where(QuizAttempt.set_id.in_(set_ids), QuizAttempt.finished_at.is_not(None))
        .group_by(QuizAttempt.set_id)
    )
    return {set_id: (n, students, float(mean) if mean is not None else None) for set_id, n, students, mean in rows}


@dataclass
class Week:
    """Finished attempts in one week of study days, and their mean score (0-1) if any."""

    start: date
    attempts: int = 0
    mean_score: Optional[float] = None


def attempts_by_week(set_id: int, *, now: datetime, tz: str, weeks: int = WEEKS) -> list[Week]:
    """Finished attempts on the set per week, Monday to Sunday, for the last ``weeks`` weeks (this
    week, so far, last)."""
    today = study_date(now, tz)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    days = day_edges(first, (today - first).days + 1, tz)
    edges = days[::7]  # every 7th day edge, plus the end of today
    if edges[-1] != days[-1]:
        edges.append(days[-1])
    sub = (
        sa.select(bucket(QuizAttempt.finished_at, edges).label("bucket"), QuizAttempt.score)
        .where(QuizAttempt.set_id == set_id, QuizAttempt.finished_at >= edges[0], QuizAttempt.finished_at < edges[-1])
        .subquery()
    )
    result = [Week(first + timedelta(days=7 * i)) for i in range(weeks)]
    for index, n, mean in db.session.execute(
        sa.select(sub.c.bucket, sa.func.count(), sa.func.avg(sub.c.score)).group_by(sub.c.bucket)
    ):
        result[index].attempts = n
        result[index].mean_score = float(mean) if mean is not None else None
    return result


@dataclass
class QuestionStats:
    """How one question fared in quizzes on the set."""

    question: Question
    answers: int = 0
    right: float = 0  # answers right, a partly right one counting its share
    mean_ms: Optional[float] = None
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def success(self) -> Optional[float]:
        return self.right / self.answers if self.answers else None

    @property
    def flagged(self) -> bool:
        return self.answers >= FLAG_MIN_ANSWERS and self.right / self.answers < FLAG_BELOW


@dataclass
class Page:
    """One page of a ranked list, with the attributes of Flask-SQLAlchemy's pagination the pager reads."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return -(-self.total // self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1


def question_stats(set_id: int, *, page: Optional[int] = None, per_page: int = QUESTIONS_PER_PAGE):
    """Each live question's quiz success rate and mean time, hardest first; unanswered ones last.

    Flagged questions carry the wrong answers given most often. With ``page``, a :class:`Page` of
    ``per_page`` of them: the ranking reads only ids, positions and one aggregate row per answered
    question, and only the page's questions are loaded (a set of 10,000 questions is not shown whole).
    """
    live = (Question.set_id == set_id, Question.removed_at.is_(None))
    positions = dict(db.session.execute(sa.select(Question.id, Question.position).where(*live)).all())
    # A partly right answer counts its credit (half a right answer at 50 %); a row from before credit was
    # stored counts by its verdict.
    earned = sa.func.coalesce(QuizAnswer.credit, sa.case((QuizAnswer.correct.is_(True), 100), else_=0)) / 100.0
    answered = {
        qid: (n, float(right or 0), float(mean_ms) if mean_ms is not None else None)
        for qid, n, right, mean_ms in db.session.execute(
            sa.select(QuizAnswer.question_id, sa.func.count(), sa.func.sum(earned),
                      sa.func.avg(QuizAnswer.duration_ms))
            .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
            .join(Question, Question.id == QuizAnswer.question_id)
            .where(QuizAttempt.set_id == set_id, *live)
            .group_by(QuizAnswer.question_id)
        )
    }

    def hardness(qid: int):
        n, right, _ = answered.get(qid, (0, 0, None))
        return (n == 0, right / n if n else 0, -n, positions[qid], qid)

    ranked = sorted(positions, key=hardness)
    shown = ranked if page is None else ranked[(page - 1) * per_page:page * per_page]
    questions = {q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_(shown)))} \
        if page is not None else {q.id: q for q in db.session.scalars(sa.select(Question).where(*live))}
    stats = {}
    for qid in shown:
        stat = stats[qid] = QuestionStats(questions[qid])
        if qid in answered:
            stat.answers, stat.right, stat.mean_ms = answered[qid]
    flagged = [qid for qid, s in stats.items() if s.flagged]
    if flagged:
        given = sa.func.coalesce(QuizAnswer.given, "")
        sub = (sa.select(QuizAnswer.question_id, given.label("given"))
               .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
               .where(QuizAttempt.set_id == set_id, QuizAnswer.question_id.in_(flagged), QuizAnswer.correct.is_(False))
               .subquery())
        count = sa.func.count()
        for qid, text, n in db.session.execute(
            sa.select(sub.c.question_id, sub.c.given, count).group_by(sub.c.question_id, sub.c.given)
            .order_by(sub.c.question_id, count.desc(), sub.c.given)
        ):
            if len(stats[qid].wrong_answers) < WRONG_ANSWERS_SHOWN:
                stats[qid].wrong_answers.append((text, n))
    items = list(stats.values())
    return items if page is None else Page(items, page, per_page, len(ranked))


@dataclass
class StudentProgress:
    """One student of a class on one set."""

    user: User
    studied: int = 0          # questions answered at least once in study
    mastered: int = 0         # in review state, not suspended
    reviews: int = 0          # reviews in the last RETENTION_DAYS days
    correct: int = 0
    attempts: int = 0
    best_score: Optional[float] = None
    last_score: Optional[float] = None
    last_active: Optional[datetime] = None

    @property
    def retention(self) -> Optional[float]:
        return self.correct / self.reviews if self.reviews else None


@dataclass
class ClassProgress:
    classroom: Classroom
    students: list[StudentProgress]


def classes_for_set(teacher, set_id: int) -> list[Classroom]:
    """The teacher's own classes that have the set assigned (admins: every such class)."""
    query = (sa.select(Classroom).join(ClassAssignment, ClassAssignment.class_id == Classroom.id)
             .where(ClassAssignment.set_id == set_id).order_by(Classroom.name))
    if not teacher.is_admin:
        query = query.where(Classroom.owner_id == teacher.id)
    return list(db.session.scalars(query))


def class_progress(teacher, set_id: int, *, now: datetime, tz: str) -> list[ClassProgress]:
    """Per class, each member's progress on the set: four grouped queries over all members at once."""
    classes = classes_for_set(teacher, set_id)
    if not classes:
        return []
    members = db.session.execute(
        sa.select(ClassMember.class_id, User).join(User, User.id == ClassMember.user_id)
        .where(ClassMember.class_id.in_([c.id for c in classes])).order_by(User.email)
    ).all()
    user_ids = list({user.id for _, user in members})
    in_set = Question.set_id == set_id
    progress = {uid: {} for uid in user_ids}
    for uid, studied, mastered in db.session.execute(
        sa.select(Card.user_id, sa.func.count(),
                  sa.func.sum(sa.case((sa.and_(Card.state == 2, Card.suspended.is_(False)), 1), else_=0)))
        .join(Question, Question.id == Card.question_id)
        .where(Card.user_id.in_(user_ids), in_set, Card.reps > 0, Question.removed_at.is_(None))
        .group_by(Card.user_id)
    ):
        progress[uid].update(studied=studied, mastered=int(mastered or 0))
    since = day_bounds(study_date(now, tz) - timedelta(days=RETENTION_DAYS - 1), tz)[0]
    for uid, reviews, correct, last in db.session.execute(
        sa.select(ReviewLog.user_id, sa.func.count(), sa.func.sum(CORRECT), sa.func.max(ReviewLog.reviewed_at))
        .join(Question, Question.id == ReviewLog.question_id)
        .where(ReviewLog.user_id.in_(user_ids), in_set, ReviewLog.reviewed_at >= since, ReviewLog.reviewed_at <= now)
        .group_by(ReviewLog.user_id)
    ):
        progress[uid].update(reviews=reviews, correct=int(correct or 0), last_active=last)
    finished = sa.and_(QuizAttempt.set_id == set_id, QuizAttempt.finished_at.is_not(None))
    for uid, attempts, best in db.session.execute(
        sa.select(QuizAttempt.user_id, sa.func.count(), sa.func.max(QuizAttempt.score))
        .where(QuizAttempt.user_id.in_(user_ids), finished).group_by(QuizAttempt.user_id)
    ):
        progress[uid].update(attempts=attempts, best_score=best)
    # The latest finished attempt per student: a window function keeps it to one query.
    ranked = (sa.select(QuizAttempt.user_id, QuizAttempt.score, QuizAttempt.finished_at,
                        sa.func.row_number().over(partition_by=QuizAttempt.user_id,
                                                  order_by=(QuizAttempt.finished_at.desc(), QuizAttempt.id.desc())).label("rank"))
              .where(QuizAttempt.user_id.in_(user_ids), finished).subquery())
    for uid, score, at in db.session.execute(
        sa.select(ranked.c.user_id, ranked.c.score, ranked.c.finished_at).where(ranked.c.rank == 1)
    ):
        entry = progress[uid]
        entry["last_score"] = score
        if entry.get("last_active") is None or at > entry["last_active"]:
            entry["last_active"] = at
    by_class: dict[int, list[StudentProgress]] = {c.id: [] for c in classes}
    for class_id, user in members:
        by_class[class_id].append(StudentProgress(user, **progress[user.id]))
    return [ClassProgress(c, by_class[c.id]) for c in classes]

