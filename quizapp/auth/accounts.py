"""Account workflows shared by the sign-up page and the ``quizapp users`` commands."""
import functools

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.database import end_read_transaction
from quizapp.extensions import db
from quizapp.models import ROLES, User

MIN_PASSWORD_LENGTH = 8


@functools.cache
def _dummy_hash() -> str:
    """Checked when the email is unknown so that a miss costs the same time as a wrong password.

    Made on the first sign-in, not at import: a hash costs 0.1 s of every worker's and command's start.
    """
    return generate_password_hash("not a real password")


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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("the password needs at least 8 characters")
    session = db.session
    # The insert starts a transaction of its own after the slow hash, and the unique email
    # refuses a duplicate committed meanwhile (the sign-up form's check may be stale by then).
    end_read_transaction()
    user = User(email=email, role=role)
    user.set_password(password)
    session.add(user)
    try:
        session.flush()
    except sa.exc.IntegrityError:
        session.rollback()
        raise AccountError(f"an account with the email {email} already exists") from None
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this email and password, or None; both misses take the same time."""
    dummy = _dummy_hash()  # made by any first sign-in, so a first miss is not the slower one
    user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(email)))
    stored_hash, user_id = (user.password_hash, user.id) if user is not None else (dummy, None)
    end_read_transaction()  # the ~0.1 s hash check needs no database
    if not check_password_hash(stored_hash, password) or user_id is None:
        return None
    return db.session.get(User, user_id)


def change_password(user_id: int, stored_hash: str, current: str, new: str) -> bool:
    """Set ``new`` as the password of ``user_id`` if ``current`` matches ``stored_hash`` (not committed).

    The caller ends the read transaction first: both hashes take ~0.1 s and need no database.
    """
    if not check_password_hash(stored_hash, current):
        return False
    set_password(user_id, new)
    return True


def set_password(user_id: int, new: str) -> None:
    """Store a hash of ``new`` as ``user_id``'s password (not committed); sign-ins are ended by the caller."""
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError("the password needs at least 8 characters")
    new_hash = generate_password_hash(new)
    db.session.execute(sa.update(User).where(User.id == user_id).values(password_hash=new_hash)
                       .execution_options(synchronize_session=False))
