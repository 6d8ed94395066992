"""Signed-in browsers: each sign-in is a row, and the cookies of that browser name it.

The session cookie and the remember-me cookie carry ``<user id>.<sign-in id>.<secret>``; a request
is signed in only while the row exists, belongs to that user, holds the secret's hash and has not
expired. Deleting the row (sign out, "sign out everywhere", a password change or reset) therefore
ends every cookie and remember token of that browser, wherever they were copied.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import UTCDateTime, db, utcnow

USER_AGENT_MAX = 255
ADDRESS_MAX = 45  # the longest textual IPv6 address


class SignIn(db.Model):
    """One browser signed in to one account, from sign-in until sign-out or expiry."""

    __tablename__ = "sign_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the random secret in the cookies: a copy of this table signs nobody in.
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    remember: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str] = mapped_column(sa.String(USER_AGENT_MAX), default="")
    address: Mapped[str] = mapped_column(sa.String(ADDRESS_MAX), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<SignIn {self.id} of user {self.user_id}>"
