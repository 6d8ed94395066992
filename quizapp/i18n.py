"""Language choice: the ``lang`` query parameter (remembered in the session), else the browser's."""
from flask import Flask, current_app, request, session
from flask_login import current_user

from quizapp.extensions import babel


def select_locale() -> str:
    """The language of this request's pages: explicit choice first, then the account, then the browser."""
    languages = list(current_app.config["LANGUAGES"])
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
