"""``GET /api/v1/history``: the signed-in user's reviews and quiz attempts, newest first, paged."""
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp.api import api_error, bp
from quizapp.history import records

MAX_PER_PAGE = 100


@bp.route("/history")
@login_required
def history():
    """One page of the user's own history.

    Query: ``page`` (from 1), ``per_page`` (1-100, default 50), ``set`` (a slug), ``from`` and
    ``to`` (YYYY-MM-DD study days in the user's time zone, both included).
    """
    try:
        flt = records.parse_filter(request.args, current_user)
    except records.FilterError as error:
        return api_error(400, str(error))
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", 50, type=int)
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        return api_error(400, _("page must be 1 or more and per_page 1-%(num)d", num=MAX_PER_PAGE))
    items, total = records.history_page(current_user.id, flt, current_user.timezone, page=page, per_page=per_page)
    pages = (total + per_page - 1) // per_page
    return jsonify(items=items, page=page, per_page=per_page, total=total, pages=pages,
                   has_next=page < pages, has_prev=page > 1)
