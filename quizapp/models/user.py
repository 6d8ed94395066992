"""Accounts and their study settings."""
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.models.base import db
from quizapp.models.base import UTCDateTime, utcnow

ROLES = ("student", "teacher", "admin")


class User(UserMixin, db.Model):
    """A person who signs in: a student by default, or a teacher or an admin."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16), default="student")
    display_name: Mapped[Optional[str]] = mapped_column(sa.String(80))
    locale: Mapped[Optional[str]] = mapped_column(sa.String(8))
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_per_day: Mapped[int] = mapped_column(default=20)
    reviews_per_day: Mapped[int] = mapped_column(default=200)
    # The hour (0-23, in `timezone`) the next study day starts at: Anki's "next day starts at".
    day_start_hour: Mapped[int] = mapped_column(default=4, server_default="4")
    # FSRS-6 weights fitted to this user's own reviews (quizapp.optimisation); NULL: the defaults.
    fsrs_parameters: Mapped[Optional[list[float]]] = mapped_column(sa.JSON)
    # Study answers undone one after another since the last answer (quizapp.undo_answers.UNDO_DEPTH at most).
    undo_streak: Mapped[int] = mapped_column(default=0, server_default="0")
    # Scheduling options as Anki has them (quizapp.scheduling.options); a set may override them.
    learning_steps: Mapped[str] = mapped_column(sa.String(120), default="1m 10m", server_default="1m 10m")
    relearning_steps: Mapped[str] = mapped_column(sa.String(120), default="10m", server_default="10m")
    maximum_interval: Mapped[int] = mapped_column(default=36500, server_default="36500")
    leech_threshold: Mapped[int] = mapped_column(default=8, server_default="8")
    leech_action: Mapped[str] = mapped_column(sa.String(16), default="suspend", server_default="suspend")
    new_card_order: Mapped[str] = mapped_column(sa.String(16), default="set", server_default="set")
    # Load balancing (Anki 24.11): review intervals land on the least loaded day the fuzz allows;
    # easy days: weekdays (Monday 0) given reviews only when no other day in the range is free, e.g. "5,6".
    load_balancing: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    easy_days: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.CheckConstraint("role IN ('student', 'teacher', 'admin')", name="role"),)

    # The token of the sign-in this object was loaded through (quizapp.auth.devices); not a column.
    sign_in_token = None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and remember cookies: this browser's sign-in token,
        so the cookies stop working when that sign-in ends (not the bare user id, which never changes)."""
        if self.sign_in_token is None:
            raise AttributeError("this user has no sign-in: start one with quizapp.auth.devices.start")
        return self.sign_in_token

    @staticmethod
    def normalize_email(email: str) -> str:
        """Emails are unique case-insensitively; we store them lowercased and trimmed."""
        return email.strip().lower()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_teacher(self) -> bool:
        """Teachers and admins may author sets."""
        return self.role in ("teacher", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
