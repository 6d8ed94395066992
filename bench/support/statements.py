"""Counting the SQL statements one request sends, for the benches."""
import sqlalchemy as sa


class StatementCounter:
    """Counts statements per request: SQLite's trace callback, or SQLAlchemy's cursor events."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", self._trace)
            engine.dispose()  # connections made before the hook must go
        else:
            sa.event.listen(engine, "before_cursor_execute", self._cursor)

    def _trace(self, dbapi_connection, record) -> None:
        dbapi_connection.set_trace_callback(self._statement)

    def _statement(self, sql: str) -> None:
        self.count += 1

    def _cursor(self, *args) -> None:
        self.count += 1
