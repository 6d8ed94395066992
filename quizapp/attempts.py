"""Quiz workflows: choosing the questions, storing answers, scoring an attempt exactly once.

Nothing here commits; callers start writes with :func:`quizapp.user_writes.begin_write` and commit.

Scoring is claimed with a conditional update (``SET finished_at = now WHERE finished_at IS
NULL``) whose row count says which request won: a double click, a second tab or a retried
request scores nothing and applies nothing. Only the winner stores the answers of a one-page
quiz and moves the FSRS cards (review-log origin "quiz").
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp import card_rows, clock, reviews, study_options
from quizapp.extensions import db
from quizapp.grading import GradeResult, grade, proposed_rating
from quizapp.models import Card, Question, QuestionSet, QuizAnswer, QuizAttempt, User

DEFAULT_QUESTIONS = 10
MAX_QUESTIONS = 100
MODES = ("paged", "single")
# Flashcards are rated by the student, not graded: a scored quiz leaves them to study sessions.
QUIZ_TYPES = ("multiple_choice", "true_false", "cloze", "short_answer", "numeric")
# A page left open over lunch says nothing about how long an answer took; cap what is stored.
MAX_ANSWER_MS = 30 * 60 * 1000


def _quiz_pool(set_id: int):
    """The set's live questions a quiz can grade, in the set's order (a statement)."""
    return (sa.select(Question.id).where(Question.set_id == set_id, Question.removed_at.is_(None),
                                         Question.type.in_(QUIZ_TYPES))
            .order_by(Question.position, Question.id))


def quiz_questions(question_set: QuestionSet) -> list[Question]:
    """The set's live questions a quiz can grade."""
    return [q for q in question_set.questions if q.type in QUIZ_TYPES]


def quiz_question_count(question_set: QuestionSet) -> int:
    """How many of the set's live questions a quiz can grade, counted in SQL."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(_quiz_pool(question_set.id).subquery()))


def choose_questions(user: User, question_set: QuestionSet, count: int, *, now: Optional[datetime] = None,
                     rng: Optional[random.Random] = None) -> list[Question]:
    """`count` questions favouring what the student knows least.

    Ordered by predicted recall now (never studied counts as 0), then most lapses first; ties
    are broken at random so two quizzes on a fresh set differ. The quiz shows them shuffled.
    Only the ids of the pool and the student's cards of the set are read; the chosen questions
    are loaded alone (a set of 10,000 questions is not loaded whole for a quiz of 10).
    """
    now = now or clock.now()
    rng = rng or random.Random()
    pool = db.session.scalars(_quiz_pool(question_set.id)).all()
    cards = {
        c.question_id: c for c in db.session.scalars(
            sa.select(Card).join(Question, Question.id == Card.question_id)
            .where(Card.user_id == user.id, Question.set_id == question_set.id))
    }
    scheduler = study_options.scheduler_for(user, question_set.id)

    def weakness(question_id: int):
        card = cards.get(question_id)
        if card is None:  # never studied: recall 0
            return (0.0, 0, rng.random())
        recall = scheduler.retrievability(card_rows.card_state(card, now), now)
        return (recall, -card.lapses, rng.random())

    chosen = sorted(pool, key=weakness)[:max(1, count)]
    rng.shuffle(chosen)
    by_id = {q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_(chosen)))}
    return [by_id[question_id] for question_id in chosen]


def start_attempt(user: User, question_set: QuestionSet, count: int = DEFAULT_QUESTIONS, mode: str = "paged",
                  *, rng: Optional[random.Random] = None) -> Optional[QuizAttempt]:
    """A new attempt with its questions fixed now; None when the set has nothing to quiz."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    count = max(1, min(int(count), MAX_QUESTIONS))
    questions = choose_questions(user, question_set, count, rng=rng)
    if not questions:
        return None
    return start_attempt_on(user.id, question_set.id, [q.id for q in questions], mode=mode)


def start_attempt_on(user_id: int, set_id: int, question_ids: list[int], *, mode: str = "paged",
                     started_at: Optional[datetime] = None) -> QuizAttempt:
    """A new attempt on exactly ``question_ids``, in that order (e.g. a quiz of one's mistakes)."""
    attempt = QuizAttempt(user_id=user_id, set_id=set_id, question_ids=list(question_ids), mode=mode)
    if started_at is not None:
        attempt.started_at = started_at
    db.session.add(attempt)
    db.session.flush()
    return attempt


def get_attempt(user_id: int, attempt_id: int) -> Optional[QuizAttempt]:
    """The attempt if it is the user's own; another user's id is as good as missing."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        return None
    return attempt


def attempt_questions(attempt: QuizAttempt) -> list[Question]:
    """The attempt's questions in order; a question removed since still shows."""
    by_id = {q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_(attempt.question_ids)))}
    return [by_id[qid] for qid in attempt.question_ids if qid in by_id]


def answered_ids(attempt_id: int) -> set[int]:
    return set(db.session.scalars(sa.select(QuizAnswer.question_id).where(QuizAnswer.attempt_id == attempt_id)))


def next_unanswered(attempt: QuizAttempt) -> Optional[tuple[int, Question]]:
    """(position, question) of the first question not answered yet, or None."""
    done = answered_ids(attempt.id)
    for position, question in enumerate(attempt_questions(attempt)):
        if question.id not in done:
            return position, question
    return None


def record_answer(attempt: QuizAttempt, question: Question, given: Optional[str], *,
                  duration_ms: Optional[int] = None, now: Optional[datetime] = None) -> bool:
    """Store one answer, graded; False when this question was answered already (a repeat is a no-op).

    The unique (attempt, question) constraint decides, inside a savepoint so the caller's
    transaction survives the refusal.
    """
    if question.id not in attempt.question_ids:
        raise ValueError("the question is not part of this attempt")
    result = grade(question, given) if given else None
    answer = QuizAnswer(attempt_id=attempt.id, question_id=question.id,
                        position=attempt.question_ids.index(question.id), given=given,
                        correct=bool(result and result.correct), credit=result.credit if result else 0,
                        duration_ms=duration_ms, answered_at=now or clock.now())
    try:
        with db.session.begin_nested():
            db.session.add(answer)
    except IntegrityError:
        return False
    return True


def finish_attempt(user: User, attempt: QuizAttempt, answers: Optional[Mapping[int, str]] = None, *,
                   now: Optional[datetime] = None) -> bool:
    """Score the attempt once; True for the call that scored it, False for every repeat.

    ``answers`` (question id -> given) are those of a one-page quiz; questions left unanswered
    count as wrong. The score is the credit earned over the questions (a partly right answer adds
    its share), ``correct_count`` the answers fully right. The winner also applies each answered
    question to the student's FSRS card, rated as proposed by the grade (wrong = Again, partly
    right = Hard, right = Good).
    """
    now = now or clock.now()
    claimed = db.session.execute(
        sa.update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.user_id == user.id, QuizAttempt.finished_at.is_(None))
        .values(finished_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    questions = attempt_questions(attempt)
    # One page sends every answer at once: each gets an equal share of the time it took.
    share = int((now - attempt.started_at).total_seconds() * 1000) // max(1, len(answers or ()))
    for question in questions:
        if answers is not None and question.id in answers:
            record_answer(attempt, question, answers[question.id] or None, now=now,
                          duration_ms=max(0, min(share, MAX_ANSWER_MS)))
    stored = {a.question_id: a for a in db.session.scalars(sa.select(QuizAnswer).where(QuizAnswer.attempt_id == attempt.id))}
    for question in questions:
        if question.id not in stored:
            record_answer(attempt, question, None, now=now)
    correct, earned = 0, 0.0
    for question in questions:
        answer = stored.get(question.id)
        if answer is None or not answer.given:
            continue
        result = grade(question, answer.given)
        correct += bool(result.correct)
        earned += result.share  # a partly right answer adds its credit: 50 % is half a question
        if question.removed_at is None:
            reviews.answer_card(
                user, question, proposed_rating(result), answer_given=answer.given, correct=bool(result.correct),
                duration_ms=answer.duration_ms, client_id=f"quiz:{attempt.id}:{question.id}", origin="quiz", now=now,
            )
    total = len(attempt.question_ids)
    db.session.execute(
        sa.update(QuizAttempt).where(QuizAttempt.id == attempt.id)
        .values(correct_count=correct, score=(earned / total) if total else 0.0)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(attempt)
    return True


@dataclass(frozen=True)
class AnswerFeedback:
    """One line of a result page."""

    position: int
    question: Question
    given: Optional[str]
    correct: bool
    result: GradeResult


def feedback(attempt: QuizAttempt) -> list[AnswerFeedback]:
    """Each question of a finished attempt with the answer given and the grader's verdict."""
    stored = {a.question_id: a for a in attempt.answers}
    lines = []
    for position, question in enumerate(attempt_questions(attempt)):
        answer = stored.get(question.id)
        given = answer.given if answer else None
        result = grade(question, given or "")
        lines.append(AnswerFeedback(position, question, given, bool(answer and answer.correct), result))
    return lines
