"""One error handler for the whole app: JSON for the API and JSON clients, a page for browsers."""
from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quizapp.extensions import db

MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Sign in first."),
    403: _l("You are not allowed to do that."),
    404: _l("There is nothing here."),
    405: _l("That method is not allowed here."),
    413: _l("The upload is too large."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Nothing you did was lost."),
}


def wants_json() -> bool:
    """API paths always answer JSON; other paths when the client prefers it over HTML."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(status: int, message: str):
    """The error as JSON for API clients, or as a page."""
    if wants_json():
        return jsonify(error=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return error_response(400, _("The form expired or was sent from elsewhere (%(reason)s). Reload the page and try again.", reason=error.description))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # abort(400, "what was wrong") says more than the status's own message (our 400s name the
        # parameter); other statuses keep their own words (Flask-Limiter's 429 carries "10 per 5 minutes").
        if error.code == 400 and error.description != type(error).description:
            return error_response(error.code, str(error.description))
        message = MESSAGES.get(error.code)
        return error_response(error.code, str(message) if message else error.description)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Roll back so the failed transaction does not poison the next request on this connection.
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        return error_response(500, str(MESSAGES[500]))
