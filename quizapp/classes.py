"""Class workflows: create a class, join it with its code, assign sets, and read how students are doing.

Nothing here commits; views and commands commit once. Double joins and double assignments are
refused by unique constraints, caught inside a savepoint, so two clicks never make two rows.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import Card, ClassAssignment, ClassMember, Classroom, Question, QuestionSet, QuizAttempt, User
from quizapp.sets import question_counts

# No 0/O or 1/I/L: codes are read aloud and copied from a board.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(text: str) -> str:
    """What a student types, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def create_class(owner: User, name: str) -> Classroom:
    """A new class with a fresh join code (drawn again in the rare case it is taken)."""
    for _ in range(10):
        classroom = Classroom(name=name.strip(), owner_id=owner.id, join_code=new_join_code())
        try:
            with db.session.begin_nested():
                db.session.add(classroom)
        except IntegrityError:
            continue
        return classroom
    raise RuntimeError("could not draw an unused join code")


def find_by_code(code: str) -> Optional[Classroom]:
    code = normalize_join_code(code)
    if not code:
        return None
    return db.session.scalar(sa.select(Classroom).where(Classroom.join_code == code))


def join_class(user: User, classroom: Classroom) -> bool:
    """Add ``user`` to the class; False when they were already in it."""
    try:
        with db.session.begin_nested():
            db.session.add(ClassMember(class_id=classroom.id, user_id=user.id))
    except IntegrityError:
        return False
    return True


def remove_member(classroom: Classroom, user_id: int) -> bool:
    result = db.session.execute(
        sa.delete(ClassMember).where(ClassMember.class_id == classroom.id, ClassMember.user_id == user_id)
    )
    return result.rowcount > 0


def assign_set(classroom: Classroom, question_set: QuestionSet, due_on: Optional[date] = None) -> ClassAssignment:
    """Assign a set to the class, or change the due date of an existing assignment."""
    existing = db.session.scalar(sa.select(ClassAssignment).where(
        ClassAssignment.class_id == classroom.id, ClassAssignment.set_id == question_set.id))
    if existing is not None:
        existing.due_on = due_on
        return existing
    assignment = ClassAssignment(class_id=classroom.id, set_id=question_set.id, due_on=due_on)
    try:
        with db.session.begin_nested():
            db.session.add(assignment)
    except IntegrityError:
        # Assigned meanwhile by another request: update that row instead.
        assignment = db.session.scalar(sa.select(ClassAssignment).where(
            ClassAssignment.class_id == classroom.id, ClassAssignment.set_id == question_set.id))
        assignment.due_on = due_on
    return assignment


def unassign_set(classroom: Classroom, set_id: int) -> bool:
    result = db.session.execute(
        sa.delete(ClassAssignment).where(ClassAssignment.class_id == classroom.id, ClassAssignment.set_id == set_id)
    )
    return result.rowcount > 0


def teacher_classes(user: User) -> list[tuple[Classroom, int, int]]:
    """The teacher's classes with their number of students and of assigned sets (admins: every class)."""
    members = (sa.select(sa.func.count()).where(ClassMember.class_id == Classroom.id)
               .correlate(Classroom).scalar_subquery())
    assigned = (sa.select(sa.func.count()).where(ClassAssignment.class_id == Classroom.id)
                .correlate(Classroom).scalar_subquery())
    query = sa.select(Classroom, members, assigned).order_by(Classroom.name, Classroom.id)
    if not user.is_admin:
        query = query.where(Classroom.owner_id == user.id)
    return [tuple(row) for row in db.session.execute(query)]


def can_manage(user: User, classroom: Classroom) -> bool:
    return user.is_admin or classroom.owner_id == user.id


@dataclass
class AssignedSet:
    """A set assigned to a student, with the earliest due date among their classes."""

    question_set: QuestionSet
    due_on: Optional[date]
    class_names: list[str]


def assigned_sets(user: User) -> list[AssignedSet]:
    """Published sets assigned to the student's classes, soonest due first, undated last."""
    rows = db.session.execute(
        sa.select(QuestionSet, ClassAssignment.due_on, Classroom.name)
        .join(ClassAssignment, ClassAssignment.set_id == QuestionSet.id)
        .join(Classroom, Classroom.id == ClassAssignment.class_id)
        .join(ClassMember, ClassMember.class_id == Classroom.id)
        .where(ClassMember.user_id == user.id, QuestionSet.is_published.is_(True))
    ).all()
    by_set: dict[int, AssignedSet] = {}
    for question_set, due_on, class_name in rows:
        item = by_set.setdefault(question_set.id, AssignedSet(question_set, due_on, []))
        if due_on is not None and (item.due_on is None or due_on < item.due_on):
            item.due_on = due_on
        if class_name not in item.class_names:
            item.class_names.append(class_name)
    return sorted(by_set.values(), key=lambda a: (a.due_on is None, a.due_on or date.max, a.question_set.title))


def student_classes(user: User) -> list[Classroom]:
    return list(db.session.scalars(
        sa.select(Classroom).join(ClassMember, ClassMember.class_id == Classroom.id)
        .where(ClassMember.user_id == user.id).order_by(Classroom.name)
    ))


@dataclass
class Progress:
    reviewed: int = 0
    total: int = 0
    # The latest finished quiz as (correct answers, questions asked), read from the attempt itself.
    latest_quiz: Optional[tuple[int, int]] = None
    # Its score (0-1), which counts partly right answers by their credit.
    latest_score: Optional[float] = None

    @property
    def latest_percent(self) -> Optional[int]:
        if self.latest_quiz is None or not self.latest_quiz[1]:
            return None
        if self.latest_score is not None:
            return round(100 * self.latest_score)
        return round(100 * self.latest_quiz[0] / self.latest_quiz[1])


def class_progress(classroom: Classroom) -> dict[tuple[int, int], Progress]:
    """Per (student id, set id): questions reviewed at least once, live questions, latest quiz score."""
    set_ids = [a.set_id for a in classroom.assignments]
    student_ids = [m.user_id for m in classroom.members]
    if not set_ids or not student_ids:
        return {}
    totals = question_counts(set_ids)
    reviewed = db.session.execute(
        sa.select(Card.user_id, Question.set_id, sa.func.count())
        .join(Question, Question.id == Card.question_id)
        .where(Card.user_id.in_(student_ids), Question.set_id.in_(set_ids), Question.removed_at.is_(None),
               Card.last_review.is_not(None))
        .group_by(Card.user_id, Question.set_id)
    ).all()
    progress = {(u, s): Progress(total=totals.get(s, 0)) for u in student_ids for s in set_ids}
    for user_id, set_id, count in reviewed:
        progress[(user_id, set_id)].reviewed = count
    # Finished attempts oldest first: the last one seen per pair is the latest.
    attempts = db.session.execute(
        sa.select(QuizAttempt.user_id, QuizAttempt.set_id, QuizAttempt.correct_count, QuizAttempt.question_ids,
                  QuizAttempt.score)
        .where(QuizAttempt.user_id.in_(student_ids), QuizAttempt.set_id.in_(set_ids),
               QuizAttempt.finished_at.is_not(None))
        .order_by(QuizAttempt.finished_at, QuizAttempt.id)
    ).all()
    for user_id, set_id, correct, question_ids, score in attempts:
        progress[(user_id, set_id)].latest_quiz = (correct or 0, len(question_ids or []))
        progress[(user_id, set_id)].latest_score = score
    return progress
