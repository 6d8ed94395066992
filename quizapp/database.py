"""Engine set-up that the ORM cannot express: SQLite pragmas applied on every connection."""
import sqlalchemy as sa
from sqlalchemy.engine import Engine

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


def _on_sqlite_begin(connection):
    connection.exec_driver_sql(connection.info.get("sqlite_begin", "BEGIN"))


def configure_engine(engine: Engine) -> None:
    """Install the per-connection hooks for the engine's dialect (idempotent)."""
    if engine.dialect.name != "sqlite" or getattr(engine, "_quizapp_configured", False):
        return
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    sa.event.listen(engine, "begin", _on_sqlite_begin)
    engine._quizapp_configured = True
