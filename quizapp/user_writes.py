"""One writer per user: :func:`begin_write`, called before the first read that a write depends on.

On PostgreSQL it writes to the user's own row, which serialises one user's writes, so "is this
client_id already recorded?" followed by the insert cannot race (READ COMMITTED: every later
statement sees what the writer before committed). On SQLite a writing request's transaction
holds the database write lock from its ``BEGIN IMMEDIATE`` already (:mod:`quizapp.database`), so
nothing is sent: one request, one transaction, one ``BEGIN``.
"""
from __future__ import annotations

import sqlalchemy as sa

from quizapp.database import begin_statement
from quizapp.extensions import db
from quizapp.models import User


def begin_write(user_id: int) -> None:
    """Make the current transaction the user's writer (see the module docs).

    Outside a writing request on SQLite (the command line, tests) the deferred read transaction
    is rolled back first: it could not become a writer once another connection has committed.
    Callers must not have unflushed changes pending.
    """
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_write() must start the transaction; commit pending changes first")
    if session.get_bind().dialect.name == "sqlite":
        if begin_statement() == "BEGIN IMMEDIATE":
            return
        session.rollback()
    session.execute(
        sa.update(User).where(User.id == user_id).values(reviews_per_day=User.reviews_per_day)
        .execution_options(synchronize_session=False)
    )
