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
    """Add a new account (not committed); refuses duplicates and unknown roles.

    It begins a transaction of its own (a read transaction open before is rolled back).
    """
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    email = User.normalize_email(email)
    if "@" not in email:
        raise AccountError(f"{email!r} is not an email address")
    if len(password) < 8:
        raise AccountError("the password needs at least 8 characters")
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("create_user() starts its own transaction; commit pending changes first")
    user = User(email=email, role=role)
    user.set_password(password)  # slow (scrypt): before the transaction
    # The insert is the transaction's first statement and the unique email refuses duplicates. A
    # transaction that read first (the sign-up form's check) would, on SQLite, fail with "database
    # is locked" at the insert when another process committed in between, instead of waiting.
    session.rollback()
    session.add(user)
    try:
        session.flush()
    except sa.exc.IntegrityError:
        session.rollback()
        raise AccountError(f"an account with the email {email} already exists") from None
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this email and password, or None; both misses take the same time."""
    user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) else None
