"""Per-user spaced-repetition state and the append-only review log."""
from datetime import date, datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow
from quizapp.limits import TAG_MAX


class Card(db.Model):
    """One user's FSRS memory state for one question (created on first review)."""

    __tablename__ = "card"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"), index=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    stability: Mapped[Optional[float]] = mapped_column()
    difficulty: Mapped[Optional[float]] = mapped_column()
    # fsrs.State: 1 learning, 2 review, 3 relearning.
    state: Mapped[int] = mapped_column(default=1)
    step: Mapped[Optional[int]] = mapped_column()
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_review: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    suspended: Mapped[bool] = mapped_column(default=False)
    leech: Mapped[bool] = mapped_column(default=False)
    # The student's own handling (quizapp.cards): out of the queue until then, a flag, a note.
    buried_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    flagged: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    note: Mapped[Optional[str]] = mapped_column(sa.Text)

    question = relationship("Question")

    __table_args__ = (
        sa.UniqueConstraint("user_id", "question_id"),
        sa.Index("ix_card_user_due", "user_id", "due"),
    )


class ReviewLog(db.Model):
    """One answer to one card, with the state before and after; rows are only appended.

    ``client_id`` lets a client retry a submit safely: the unique constraint makes a repeat a no-op.
    """

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[Optional[str]] = mapped_column(sa.String(64))
    rating: Mapped[int] = mapped_column()
    answer_given: Mapped[Optional[str]] = mapped_column(sa.Text)
    correct: Mapped[Optional[bool]] = mapped_column()
    duration_ms: Mapped[Optional[int]] = mapped_column()
    origin: Mapped[str] = mapped_column(sa.String(16), default="study")
    state_before: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    state_after: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    question = relationship("Question")

    __table_args__ = (
        sa.UniqueConstraint("user_id", "client_id"),
        sa.Index("ix_review_log_user_time", "user_id", "reviewed_at"),
    )


class SetStudySettings(db.Model):
    """One user's own study settings for one set, overriding their account-wide ones (NULL: no override).

    The account's daily limits apply across all of the user's sets together; a set's own limit
    caps that set as well (Anki's deck limit under its parent's).
    """

    __tablename__ = "set_study_settings"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), primary_key=True,
                                        index=True)
    new_per_day: Mapped[Optional[int]] = mapped_column()
    reviews_per_day: Mapped[Optional[int]] = mapped_column()
    desired_retention: Mapped[Optional[float]] = mapped_column()
    learning_steps: Mapped[Optional[str]] = mapped_column(sa.String(120))
    relearning_steps: Mapped[Optional[str]] = mapped_column(sa.String(120))
    maximum_interval: Mapped[Optional[int]] = mapped_column()
    new_card_order: Mapped[Optional[str]] = mapped_column(sa.String(16))


class CustomStudy(db.Model):
    """One user's custom study of one set on one study day (quizapp.custom_study), as Anki's custom study.

    ``extra_new`` raises that day's new-card limit of the set; ``mode`` (NULL: none) is a session
    on top of the day's queue: "ahead" (reviews due within ``days``), "forgotten" (cards rated
    Again in the last ``days`` and not answered since ``started_at``) or "tag" (only ``tag``'s cards).
    A row of an earlier day has no effect.
    """

    __tablename__ = "custom_study"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), primary_key=True,
                                        index=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    extra_new: Mapped[int] = mapped_column(default=0, server_default="0")
    mode: Mapped[Optional[str]] = mapped_column(sa.String(16))
    days: Mapped[Optional[int]] = mapped_column()
    tag: Mapped[Optional[str]] = mapped_column(sa.String(TAG_MAX))
    started_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)


class Optimisation(db.Model):
    """One fitting of FSRS parameters to a user's reviews, kept or discarded by its health check."""

    __tablename__ = "optimisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    automatic: Mapped[bool] = mapped_column(default=False)
    reviews: Mapped[int] = mapped_column()            # the user's reviews when it ran (the automatic trigger counts on)
    long_term_reviews: Mapped[int] = mapped_column()  # the reviews it could fit on
    # "kept", "discarded" (the fit predicted worse) or "too_few" (fewer long-term reviews than needed).
    outcome: Mapped[str] = mapped_column(sa.String(16))
    log_loss_current: Mapped[Optional[float]] = mapped_column()
    log_loss_fitted: Mapped[Optional[float]] = mapped_column()
    rmse_current: Mapped[Optional[float]] = mapped_column()
    rmse_fitted: Mapped[Optional[float]] = mapped_column()
    parameters: Mapped[Optional[list[float]]] = mapped_column(sa.JSON)
    rescheduled: Mapped[int] = mapped_column(default=0)  # cards given new due dates with the kept parameters
