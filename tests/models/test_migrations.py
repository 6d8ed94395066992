"""Migrations build the schema from nothing, on SQLite and PostgreSQL, and match the models."""
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from quizapp import create_app
from quizapp.extensions import db
from tests.conftest import PROJECT_ROOT, make_test_config

TABLES = {"user", "question_set", "question", "card", "review_log", "quiz_attempt", "quiz_answer", "alembic_version"}


def _flask(database_uri: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_uri, "FLASK_APP": "quizapp"}
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_upgrade_from_empty_then_check_finds_no_drift(empty_database):
    """``flask db upgrade`` builds every table, and ``flask db check`` then finds nothing to add."""
    upgrade = _flask(empty_database, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    check = _flask(empty_database, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr
    engine = sa.create_engine(create_app(make_test_config(empty_database)).config["SQLALCHEMY_DATABASE_URI"])
    try:
        assert TABLES <= set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(empty_database):
    """Every migration can be undone and redone."""
    assert _flask(empty_database, "db", "upgrade").returncode == 0
    downgrade = _flask(empty_database, "db", "downgrade", "base")
    assert downgrade.returncode == 0, downgrade.stderr
    assert _flask(empty_database, "db", "upgrade").returncode == 0


def test_datetimes_come_back_aware_utc(app, make_user):
    """Every datetime read from the database is timezone-aware UTC (SQLite returns naive ones)."""
    from datetime import timezone

    user = make_user()
    db.session.expire_all()
    created = db.session.get(type(user), user.id).created_at
    assert created.tzinfo is not None and created.utcoffset() == timezone.utc.utcoffset(None)


def test_sqlite_connections_use_wal_and_busy_timeout(app):
    """SQLite connections wait for a lock instead of failing (WAL, busy_timeout)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
