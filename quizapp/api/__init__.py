"""The JSON API under ``/api/v1``: same session and CSRF rules as the pages, errors as JSON.

Each topic adds its routes to :data:`bp` in a module of its own, imported at the bottom.
State-changing calls send the session's CSRF token in the ``X-CSRFToken`` header (pages carry it
in ``<meta name="csrf-token">``).
"""
from flask import Blueprint, jsonify

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def api_error(status: int, message: str, **details):
    """A JSON error answer with a message a person can act on."""
    return jsonify(error=message, status=status, **details), status


from quizapp.api import session as _session  # noqa: E402,F401  (registers routes on bp)
from quizapp.api import study as _study  # noqa: E402,F401  (registers routes on bp)
from quizapp.api import history as _history  # noqa: E402,F401  (registers routes on bp)
from quizapp.api import offline as _offline  # noqa: E402,F401  (registers routes on bp)
