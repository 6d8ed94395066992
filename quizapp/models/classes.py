"""Classes: a teacher's group of students, who join with a code, and the sets assigned to them."""
from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp import limits
from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow


class Classroom(db.Model):
    """A class owned by one teacher; students join it with ``join_code``."""

    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(limits.CLASS_NAME_MAX))
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Unique across the app, so a code alone finds its class; uniqueness is the database's job.
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner = relationship("User")
    members: Mapped[list["ClassMember"]] = relationship(back_populates="classroom", cascade="all, delete-orphan",
                                                        passive_deletes=True)
    assignments: Mapped[list["ClassAssignment"]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ClassAssignment.assigned_at",
    )

    def __repr__(self) -> str:
        return f"<Classroom {self.id} {self.name!r}>"


class ClassMember(db.Model):
    """One student in one class; joining twice is refused by the unique constraint."""

    __tablename__ = "class_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="members")
    user = relationship("User")

    __table_args__ = (sa.UniqueConstraint("class_id", "user_id"),)


class ClassAssignment(db.Model):
    """A set assigned to a class, with an optional due date (a calendar day, as teachers give them)."""

    __tablename__ = "class_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("classroom.id", ondelete="CASCADE"))
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[Optional[date]] = mapped_column(sa.Date)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    # Every page that lists assignments shows their sets: loaded in the same query, not one query each.
    question_set = relationship("QuestionSet", lazy="joined")

    __table_args__ = (sa.UniqueConstraint("class_id", "set_id"),)
