"""Language choice: the ``lang`` query parameter (remembered in the session), else the browser's."""
from flask import Flask, current_app, request, session
from flask_babel import gettext
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


def translated(message) -> str:
    """A message from the shared rules (:class:`quizapp.formats.data.Message`) in the page's language;
    any other text as it is."""
    msgid = getattr(message, "msgid", None)
    if msgid is None:
        return str(message)
    # A parameter may be a message itself ("… from %(name)s: %(why)s"): it is translated too.
    params = {key: translated(value) if getattr(value, "msgid", None) else value
              for key, value in getattr(message, "params", {}).items()}
    return gettext(msgid, **params) if params else gettext(msgid)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_filter(translated)
