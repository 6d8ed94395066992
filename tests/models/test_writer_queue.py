"""SQLite writers queue on a lock file beside the database, held from BEGIN IMMEDIATE to the end of the transaction."""
import fcntl
import os
import threading
import time

import pytest
import sqlalchemy as sa

from quizapp.database import WriterQueue
from quizapp.extensions import db


def _is_free(path) -> bool:
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(handle)


@pytest.fixture
def sqlite_path(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the writer queue is SQLite's")
        return os.path.abspath(db.engine.url.database) + ".writers"


def test_a_writing_request_holds_the_lock_until_its_commit(app, sqlite_path):
    """A POST's transaction takes the lock as it begins and gives it back with the connection after COMMIT."""
    with app.test_request_context("/", method="POST"):
        db.session.execute(sa.text("SELECT 1"))
        assert not _is_free(sqlite_path)
        db.session.commit()
        assert _is_free(sqlite_path)
        db.session.execute(sa.text("SELECT 1"))
        assert not _is_free(sqlite_path)
        db.session.rollback()
        assert _is_free(sqlite_path)


def test_reading_requests_never_take_the_lock(app, sqlite_path):
    """A GET reads in a deferred transaction: writers are not held up by readers."""
    with app.test_request_context("/", method="GET"):
        db.session.execute(sa.text("SELECT 1"))
        assert _is_free(sqlite_path)
        db.session.rollback()


def test_a_second_writer_waits_for_the_first(tmp_path):
    """Two writers in two threads: the second goes on only once the first has released."""
    queue = WriterQueue(str(tmp_path / "db.sqlite3"))
    first, second = {}, {}
    order = []
    queue.acquire(first)

    def writer():
        queue.acquire(second)
        order.append("second")
        queue.release(second)

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.2)
    order.append("first")
    queue.release(first)
    thread.join(5)
    assert order == ["first", "second"] and not first and not second


def test_a_thread_holding_the_lock_does_not_wait_for_itself(tmp_path):
    """A second connection in the same request skips the queue (SQLite's own wait applies) instead of hanging."""
    queue = WriterQueue(str(tmp_path / "db.sqlite3"))
    outer, inner = {}, {}
    queue.acquire(outer)
    queue.acquire(inner)
    assert "writer_lock" in outer and "writer_lock" not in inner
    queue.release(inner)
    queue.release(outer)
    assert _is_free(queue.path)
