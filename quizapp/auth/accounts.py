"""Account workflows shared by the sign-up page and the ``quizapp users`` commands."""
import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.extensions import db
from quizapp.models import ROLES, User

# Checked when the email is unknown so that a miss costs the same time as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")


class AccountError(ValueError):
    """A refused account operation, with a message fit for the person who asked."""


def create_user(email: str, password: str, role: str = "student") -> User:
    """Add a new account (not committed); refuses duplicates and unknown roles."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    email = User.normalize_email(email)
    if "@" not in email:
        raise AccountError(f"{email!r} is not an email address")
    if len(password) < 8:
        raise AccountError("the password needs at least 8 characters")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"an account with the email {email} already exists")
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this email and password, or None; both misses take the same time."""
    user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) else None
