"""Creating an account while other processes create theirs: no "database is locked", duplicates refused cleanly."""
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from quizapp.auth import accounts
from quizapp.extensions import db
from quizapp.models import User
from quizapp.models import user as user_module


def _commit_elsewhere_while_hashing(monkeypatch, email):
    """While the password is hashed (~0.1 s), another connection commits an account, as another worker would."""
    real_hash = user_module.generate_password_hash

    def hash_meanwhile(password):
        with Session(db.engine) as other:
            other.add(User(email=email, password_hash="x", role="student"))
            other.commit()
        return real_hash(password)

    monkeypatch.setattr(user_module, "generate_password_hash", hash_meanwhile)


def test_account_is_created_when_another_commits_meanwhile(app, monkeypatch):
    """A read before create_user (the sign-up form's check) and a commit elsewhere do not make the insert fail."""
    db.session.scalar(sa.select(User.id).where(User.email == "first@example.org"))  # the form's duplicate check
    _commit_elsewhere_while_hashing(monkeypatch, "other@example.org")
    accounts.create_user("first@example.org", "a long password")
    db.session.commit()
    assert set(db.session.scalars(sa.select(User.email))) == {"first@example.org", "other@example.org"}


def test_same_email_committed_meanwhile_is_refused_as_a_duplicate(app, monkeypatch):
    """Two sign-ups of one email at once: the second gets AccountError, not a database error."""
    db.session.scalar(sa.select(User.id).where(User.email == "same@example.org"))
    _commit_elsewhere_while_hashing(monkeypatch, "same@example.org")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_user("same@example.org", "a long password")
    assert db.session.scalars(sa.select(User.email)).all() == ["same@example.org"]


def test_signup_page_answers_a_simultaneous_duplicate_with_the_form(client, monkeypatch):
    """If the same email signs up elsewhere between the form's check and the insert, the page says so (no 500)."""
    from tests.forms import PASSWORD, post_form

    _commit_elsewhere_while_hashing(monkeypatch, "race@example.org")
    response = post_form(client, "/signup", {"email": "race@example.org", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)


def test_writing_requests_take_sqlite_write_lock_up_front(app):
    """On SQLite a POST's transaction holds the write lock from its first read, so it never fails to upgrade."""
    import sqlite3

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite locking")
    path = db.engine.url.database
    for method, other_writer_blocked in (("GET", False), ("POST", True)):
        with app.test_request_context("/", method=method):
            db.session.scalar(sa.select(sa.func.count()).select_from(User))  # begins the transaction
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                blocked = False
            except sqlite3.OperationalError as error:
                assert "locked" in str(error)
                blocked = True
            finally:
                other.close()
                db.session.rollback()
        assert blocked is other_writer_blocked, method
