"""Who is signed in, and the CSRF token a script needs for state-changing calls."""
from flask import jsonify
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from quizapp.api import bp


@bp.route("/me")
@login_required
def me():
    """The signed-in account and a CSRF token to send as ``X-CSRFToken`` with POSTs."""
    return jsonify(id=current_user.id, email=current_user.email, role=current_user.role,
                   timezone=current_user.timezone, csrf_token=generate_csrf())
