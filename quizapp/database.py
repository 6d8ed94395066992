"""Engine set-up that the ORM cannot express: SQLite pragmas and how its transactions begin."""
import fcntl
import os
import threading

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy.engine import Engine

# Methods that may write: their transactions take SQLite's write lock as they begin.
_WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# WAL + busy_timeout: concurrent writers wait instead of failing with "database is locked".
# mmap_size: keeps an idle database readable without cold page-cache stalls.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA mmap_size=268435456",
)


def _on_sqlite_connect(dbapi_connection, connection_record):
    # Take transaction control from pysqlite so that BEGIN is emitted by SQLAlchemy (and
    # BEGIN IMMEDIATE can be requested); pysqlite's own deferred BEGIN allows read-then-write races.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def begin_statement() -> str:
    """``BEGIN IMMEDIATE`` inside a request that may write, else a plain deferred ``BEGIN``.

    A deferred transaction that has read cannot become a writer once another process has
    committed: SQLite answers "database is locked" at once, without waiting for busy_timeout.
    Taking the write lock up front makes concurrent writers queue instead (several workers).
    """
    if has_request_context() and request.method in _WRITING_METHODS:
        return "BEGIN IMMEDIATE"
    return "BEGIN"


class WriterQueue:
    """SQLite writers of every worker process wait their turn on one lock file beside the database.

    SQLite's own wait for its write lock (busy_timeout) polls with sleeps that grow to 100 ms, so under
    several workers a writer that has just missed the lock sleeps on while others take it: the slowest
    writes wait many times the median. A blocking ``flock`` instead wakes the next writer as the lock
    is released. It is taken just before ``BEGIN IMMEDIATE`` and released when the connection goes
    back to the pool (after its COMMIT or ROLLBACK); the kernel releases it if the process dies. A
    thread that holds it already (a second connection in one request) skips it and is left to
    SQLite's own wait, so it can never wait for itself.
    """

    def __init__(self, database_path: str) -> None:
        self.path = database_path + ".writers"
        self._held = threading.local()

    def acquire(self, info: dict) -> None:
        """Wait for the lock; ``info`` is the pooled connection's info dict (the lock goes back with it)."""
        if info.get("writer_lock") is not None or getattr(self._held, "count", 0):
            return
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            os.close(handle)
            return  # no lock to be had here (an odd file system): SQLite's own wait still holds
        info["writer_lock"] = handle
        self._held.count = getattr(self._held, "count", 0) + 1

    def release(self, info: dict) -> None:
        handle = info.pop("writer_lock", None)
        if handle is None:
            return
        os.close(handle)  # closing the descriptor releases the flock
        self._held.count = max(0, getattr(self._held, "count", 1) - 1)


def _sqlite_file(engine: Engine):
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return os.path.abspath(database)


def engine_options(database_uri: str, options: dict) -> dict:
    """The engine options for this database: no ``pool_pre_ping`` on SQLite.

    A SQLite connection is a file handle that no server can drop, so the ping would only add a
    ``SELECT 1`` to every checkout (every request).
    """
    options = dict(options or {})
    if database_uri.startswith("sqlite"):
        options.pop("pool_pre_ping", None)
    return options


def configure_engine(engine: Engine) -> None:
    """Install the per-connection hooks for the engine's dialect (idempotent)."""
    if engine.dialect.name != "sqlite" or getattr(engine, "_quizapp_configured", False):
        return
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    path = _sqlite_file(engine)
    queue = WriterQueue(path) if path else None

    def on_begin(connection):
        statement = begin_statement()
        if queue is not None and statement == "BEGIN IMMEDIATE":
            queue.acquire(connection.connection.info)
        connection.exec_driver_sql(statement)

    sa.event.listen(engine, "begin", on_begin)
    if queue is not None:
        # Back in the pool means committed or rolled back; an invalidated or closed connection ends too.
        sa.event.listen(engine.pool, "checkin", lambda dbapi, record: record is not None and queue.release(record.info))
        sa.event.listen(engine.pool, "close", lambda dbapi, record: queue.release(record.info))
        for event in ("invalidate", "soft_invalidate"):
            sa.event.listen(engine.pool, event, lambda dbapi, record, error: queue.release(record.info))
    engine._quizapp_configured = True


def end_read_transaction() -> None:
    """Close the session's (read-only) transaction before slow work that needs no database.

    Parsing an upload, generating questions or checking a scrypt hash can take a while; on SQLite
    a writing request would hold the write lock all that time and make other workers wait.
    """
    from quizapp.extensions import db

    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("unsaved changes in the session: commit them before slow work")
    session.rollback()
