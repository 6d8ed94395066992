"""Question sets and their questions, as imported from YAML or authored in the browser."""
from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp import limits
from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow


class QuestionSet(db.Model):
    """A titled, owned collection of questions; published sets are visible to every user."""

    __tablename__ = "question_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(limits.SLUG_MAX), unique=True)
    title: Mapped[str] = mapped_column(sa.String(limits.TITLE_MAX))
    language: Mapped[str] = mapped_column(sa.String(limits.LANGUAGE_MAX), default="en")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    sources: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    owner_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    is_published: Mapped[bool] = mapped_column(default=True)
    # Hash of the file this set was last imported from, so restarts re-import only changed files.
    file_hash: Mapped[Optional[str]] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # A deleted set leaves every list; its rows stay so students' history of it stays readable.
    deleted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    owner = relationship("User")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="question_set",
        order_by="Question.position",
        primaryjoin="and_(QuestionSet.id == Question.set_id, Question.removed_at.is_(None))",
        viewonly=True,
    )

    def __repr__(self) -> str:
        return f"<QuestionSet {self.slug}>"


class Question(db.Model):
    """One question of a set.

    ``key`` is the id from the YAML file, stable within its set, so re-imports and edits keep the
    row (and every student's card state and history). A question dropped from its set is only
    marked ``removed_at``: reviews and quiz answers that point at it stay readable.
    """

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(limits.QUESTION_KEY_COLUMN))
    type: Mapped[str] = mapped_column(sa.String(20))
    prompt: Mapped[str] = mapped_column(sa.Text)
    # str for typed answers, bool for true/false, number for numeric: JSON keeps the kind.
    answer: Mapped[Any] = mapped_column(sa.JSON)
    choices: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    accept: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    tolerance: Mapped[Optional[float]] = mapped_column()
    explanation: Mapped[Optional[str]] = mapped_column(sa.Text)
    source_doc: Mapped[Optional[str]] = mapped_column(sa.String(limits.SOURCE_DOC_MAX))
    source_sentence: Mapped[Optional[int]] = mapped_column()
    source_quote: Mapped[Optional[str]] = mapped_column(sa.Text)
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # How prompt and explanation are written when not plain text, e.g. {"prompt": "markdown"}.
    text_format: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict, server_default="{}")
    # Per answer, by its text: feedback shown after it and partial credit (0-100), as in the YAML
    # contract (quizapp.formats.per_answer): {"Venus": "Too hot"}, {"Marlowe": 50}.
    feedback: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict, server_default="{}")
    credit: Mapped[dict[str, float]] = mapped_column(sa.JSON, default=dict, server_default="{}")
    position: Mapped[int] = mapped_column(default=0)
    removed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    question_set: Mapped[QuestionSet] = relationship(back_populates="questions")
    # Images and sounds shown with the question, in their order; loaded only by pages that show them.
    media: Mapped[list["QuestionMedia"]] = relationship(
        order_by="QuestionMedia.position", cascade="all, delete-orphan", passive_deletes=True,
    )

    __table_args__ = (sa.UniqueConstraint("set_id", "key"),)

    @property
    def language(self) -> str:
        """The set's language, which grading reads for Portuguese spelling variants."""
        return self.question_set.language

    @property
    def context(self) -> list[str]:
        """The set's texts beyond this question (description, source titles), where grading looks
        up people's full names: a blank for "Choe" accepts "Choe Son Hui" named there."""
        question_set = self.question_set
        titles = [str(source.get("title") or "") for source in question_set.sources or [] if isinstance(source, dict)]
        return [question_set.description or "", *titles]

    def __repr__(self) -> str:
        return f"<Question {self.set_id}/{self.key} {self.type}>"
