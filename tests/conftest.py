"""Shared fixtures: an app on a fresh, migrated database per test, its clients and an auth helper.

The database is SQLite in a temporary folder by default. With ``DATABASE_URL`` pointing at a
PostgreSQL server, every test gets its own database on that server instead, copied from a template
migrated once per run (``CREATE DATABASE ... TEMPLATE``), and dropped afterwards.
"""
import itertools
import os
import shutil
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from quizapp import create_app
from quizapp.config import normalize_database_url
from quizapp.extensions import db
from tests.forms import PASSWORD, post_form

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Hashing costs ~0.1 s with scrypt: compute it once for every factory-made user.
PASSWORD_HASH = generate_password_hash(PASSWORD)
_counter = itertools.count()


def _server_url() -> sa.URL | None:
    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith(("postgres://", "postgresql")):
        return None
    return sa.make_url(normalize_database_url(url))


def _admin_execute(server: sa.URL, *statements: str) -> None:
    engine = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def make_test_config(database_uri: str, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "QUIZAPP_REDIS_URL": None,  # background jobs in threads unless a test asks for Redis
        "QUIZAPP_QUESTIONS_DIR": str(PROJECT_ROOT / "questions"),
    }
    config.update(overrides)
    return config


def migrate_to_head(database_uri: str) -> None:
    """Run every migration on an empty database, as ``quizapp db upgrade`` does."""
    from flask_migrate import upgrade

    app = create_app(make_test_config(database_uri))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """A database migrated to head once per run; each test starts from a copy of it."""
    server = _server_url()
    folder = tmp_path_factory.mktemp("template")
    if server is None:
        uri = f"sqlite:///{folder / 'template.sqlite3'}"
        migrate_to_head(uri)
        yield {"kind": "sqlite", "path": folder / "template.sqlite3"}
        return
    name = f"{server.database}_tpl_{os.getpid()}"
    _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    migrate_to_head(server.set(database=name).render_as_string(hide_password=False))
    yield {"kind": "postgresql", "server": server, "name": name}
    _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database(template_database, tmp_path):
    """An empty database of the kind this run tests (SQLite file or a PostgreSQL database)."""
    if template_database["kind"] == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server = template_database["server"]
    name = f"{server.database}_empty_{os.getpid()}"
    _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_uri(template_database, tmp_path):
    """A fresh database for one test, already at the newest migration."""
    if template_database["kind"] == "sqlite":
        target = tmp_path / "quizapp.sqlite3"
        shutil.copyfile(template_database["path"], target)
        yield f"sqlite:///{target}"
        return
    server = template_database["server"]
    name = f"{server.database}_t{os.getpid()}_{next(_counter)}"
    _admin_execute(server, f'CREATE DATABASE "{name}" TEMPLATE "{template_database["name"]}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def app_config():
    """Extra settings for the ``app`` fixture; override it in a test module to change them."""
    return {}


class FreshContextClient(FlaskClient):
    """Runs each request in its own app context, as a server does.

    Flask reuses an app context that is already pushed (the test's own), which would let ``g``,
    the signed-in user and the database session leak from one request into the next.
    The test's own session is committed first (the request sees what the test wrote, and the
    test's next read starts a new transaction, so it sees what the request wrote).
    """

    def open(self, *args, **kwargs):
        outer_session = db.session if has_app_context() else None
        if outer_session is not None:
            outer_session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if outer_session is not None:
            outer_session.expire_all()
        return response


@pytest.fixture
def app(database_uri, app_config, tmp_path):
    """The app on a fresh database; the test body runs inside an app context of its own."""
    app = create_app(make_test_config(database_uri, **{"QUIZAPP_MEDIA_DIR": str(tmp_path / "media"), **app_config}))
    app.test_client_class = FreshContextClient
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Sign up, sign in and out through the real pages."""

    def __init__(self, client):
        self._client = client

    def signup(self, email="student@example.org", password=PASSWORD, **kwargs):
        return post_form(self._client, "/signup", {"email": email, "password": password, "confirm": password}, **kwargs)

    def login(self, email="student@example.org", password=PASSWORD, **kwargs):
        return post_form(self._client, "/login", {"email": email, "password": password}, **kwargs)

    def logout(self):
        return post_form(self._client, "/logout", {}, page="/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def make_user(app):
    """Factory: ``make_user(role="teacher")`` adds a committed user whose password is ``PASSWORD``."""
    from quizapp.models import User

    def make(email=None, role="student", **kwargs):
        user = User(email=email or f"user{next(_counter)}@example.org", role=role, password_hash=PASSWORD_HASH, **kwargs)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def seed_sets(app):
    """The sets shipped in ``questions/``, imported as ``quizapp run`` does on first start."""
    from quizapp.sets import load_questions_dir

    outcomes = load_questions_dir(Path(app.config["QUIZAPP_QUESTIONS_DIR"]))
    db.session.commit()
    return [o.question_set for o in outcomes]
