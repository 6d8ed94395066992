"""Images and sounds, stored once by the hash of their bytes, and where questions show them."""
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow


class Media(db.Model):
    """One file's bytes, kept in the media folder under their SHA-256 (the same image in many sets is one row)."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(10))  # image or audio
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int] = mapped_column()
    width: Mapped[Optional[int]] = mapped_column()
    height: Mapped[Optional[int]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Media {self.sha256[:12]} {self.content_type}>"


class QuestionMedia(db.Model):
    """A file shown with one field of a question (prompt, answer or explanation), with its text alternative.

    ``name`` is the file name the set gave it, kept so an export writes the file under that name.
    """

    __tablename__ = "question_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"), index=True)
    media_id: Mapped[int] = mapped_column(sa.ForeignKey("media.id"), index=True)
    field: Mapped[str] = mapped_column(sa.String(20))
    alt: Mapped[str] = mapped_column(sa.Text, default="")
    name: Mapped[str] = mapped_column(sa.String(255))
    position: Mapped[int] = mapped_column(default=0)

    media: Mapped[Media] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<QuestionMedia {self.question_id} {self.field} {self.name}>"
