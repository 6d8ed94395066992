"""Engine set-up that the ORM cannot express: SQLite pragmas and how its transactions begin."""
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


def _on_sqlite_begin(connection):
    connection.exec_driver_sql(begin_statement())


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
    sa.event.listen(engine, "begin", _on_sqlite_begin)
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
