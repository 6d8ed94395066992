"""Scored quiz attempts and every answer given in them."""
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow


class QuizAttempt(db.Model):
    """A quiz taken by one user on one set.

    It is scored once: finishing is a conditional update on ``finished_at IS NULL``, so a
    double submit cannot record two scores.
    """

    __tablename__ = "quiz_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    question_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    mode: Mapped[str] = mapped_column(sa.String(16), default="paged")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    correct_count: Mapped[Optional[int]] = mapped_column()
    score: Mapped[Optional[float]] = mapped_column()

    question_set = relationship("QuestionSet")
    answers: Mapped[list["QuizAnswer"]] = relationship(
        back_populates="attempt", order_by="QuizAnswer.position", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.Index("ix_quiz_attempt_user_started", "user_id", "started_at"),)


class QuizAnswer(db.Model):
    """The answer given to one question of an attempt; one per question, enforced by the database."""

    __tablename__ = "quiz_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz_attempt.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    given: Mapped[Optional[str]] = mapped_column(sa.Text)
    correct: Mapped[bool] = mapped_column(default=False)
    # The percent of full marks earned (a partly right answer earns its credit); NULL before it existed.
    credit: Mapped[Optional[float]] = mapped_column(sa.Double)
    duration_ms: Mapped[Optional[int]] = mapped_column()
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")
    question = relationship("Question")

    __table_args__ = (sa.UniqueConstraint("attempt_id", "question_id"),)
