"""Counting the SQL statements one request sends, for the benches."""
import sqlalchemy as sa


class StatementCounter:
    """Counts statements per request: SQLite's trace callback, or SQLAlchemy's cursor events."""

    # Transaction control, counted apart: the goals are about the queries a request makes.
    CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0  # every statement
        self.control = 0  # of which BEGIN / COMMIT / ROLLBACK
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", self._trace)
            engine.dispose()  # connections made before the hook must go
        else:
            sa.event.listen(engine, "before_cursor_execute", self._cursor)

    def _trace(self, dbapi_connection, record) -> None:
        dbapi_connection.set_trace_callback(self._statement)

    def reset(self) -> None:
        self.count = self.control = 0

    @property
    def queries(self) -> int:
        return self.count - self.control

    def _statement(self, sql: str) -> None:
        self.count += 1
        if sql.lstrip().upper().startswith(self.CONTROL):
            self.control += 1

    def _cursor(self, conn, cursor, statement, *args) -> None:
        self._statement(statement)
