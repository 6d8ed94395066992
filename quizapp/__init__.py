"""quizapp: turn source texts into questions and study them with spaced repetition."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from quizapp import config

if TYPE_CHECKING:  # Flask is imported by create_app: the command line starts without it
    from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, error handlers, CLI.

    It performs no I/O beyond creating the instance folder: the schema comes from migrations
    (``quizapp db upgrade``, or ``quizapp run`` on first start).
    """
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    app.config.update(config.DEFAULTS)
    app.config.update(config.from_environment(app.instance_path))
    if test_config is not None:
        app.config.update(test_config)
        if "SQLALCHEMY_DATABASE_URI" in test_config:
            app.config["SQLALCHEMY_DATABASE_URI"] = config.normalize_database_url(test_config["SQLALCHEMY_DATABASE_URI"])
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)

    _init_extensions(app)
    from quizapp import request_guard

    request_guard.init_app(app)  # before the blueprints: their <int:...> routes take its converter
    _register_blueprints(app)

    from quizapp import cli, errors, headers, i18n, templating

    errors.init_app(app)
    headers.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app


def _instance_secret(instance_path: str) -> str:
    """A random key kept in the instance folder, so sessions survive restarts without set-up."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(os.urandom(32).hex())
    with open(path) as f:
        return f.read().strip()


def _init_extensions(app: Flask) -> None:
    from quizapp import models  # noqa: F401  (registers every table with the metadata)
    from quizapp.database import configure_engine, engine_options
    from quizapp.extensions import csrf, db, limiter, login_manager, migrate

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"],
                                                             app.config.get("SQLALCHEMY_ENGINE_OPTIONS"))
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(config.PROJECT_ROOT, "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    with app.app_context():
        configure_engine(db.engine)

    @login_manager.user_loader
    def load_user(token: str):
        # The cookies carry a sign-in token, valid while that sign-in lasts (quizapp.auth.devices).
        from quizapp.auth import devices

        return devices.load(token)

    @login_manager.unauthorized_handler
    def unauthorized():
        # API clients get a JSON 401; browsers are sent to the sign-in page and then back.
        from flask import redirect, request, url_for

        from quizapp.errors import MESSAGES, error_response, wants_json

        if wants_json():
            return error_response(401, str(MESSAGES[401]))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _register_blueprints(app: Flask) -> None:
    from quizapp.admin.views import bp as admin_bp
    from quizapp.api import bp as api_bp
    from quizapp.auth import account, reset  # noqa: F401  (their routes are on auth's blueprint)
    from quizapp.auth.views import bp as auth_bp
    from quizapp.catalog.views import bp as catalog_bp
    from quizapp.history.views import bp as history_bp
    from quizapp.media.views import bp as media_bp
    from quizapp.offline.views import bp as offline_bp
    from quizapp.quiz.views import bp as quiz_bp
    from quizapp.study.views import bp as study_bp
    from quizapp.teach.join import bp as classes_bp
    from quizapp.teach.views import bp as teach_bp

    for blueprint in (auth_bp, catalog_bp, teach_bp, classes_bp, admin_bp, api_bp, study_bp, quiz_bp, history_bp,
                      offline_bp, media_bp):
        app.register_blueprint(blueprint)
