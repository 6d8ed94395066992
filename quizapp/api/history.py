"""``GET /api/v1/history``: the signed-in user's reviews and quiz attempts, newest first, paged."""
from flask import jsonify, request
from flask_login import current_user, login_required

from quizapp.api import api_error, bp
from quizapp.history import records
from quizapp.request_guard import query_int

MAX_PER_PAGE = 100


@bp.route("/history")
@login_required
def history():
    """One page of the user's own history.

    Query: ``cursor`` (the ``next_cursor`` of the page before) or ``page`` (from 1),
    ``per_page`` (1-100, default 50), ``set`` (a slug), ``from`` and ``to`` (YYYY-MM-DD study days
    in the user's time zone, both included). A cursor costs the same on any page; a page number
    reads the pages before it too.
    """
    try:
        flt = records.parse_filter(request.args, current_user)
        cursor = records.Cursor.decode(request.args["cursor"]) if request.args.get("cursor") else None
    except records.FilterError as error:
        return api_error(400, str(error))
    page = query_int("page", 1)
    per_page = query_int("per_page", 50, high=MAX_PER_PAGE)
    tz = current_user.timezone
    found = records.history_page(current_user.id, flt, tz, per_page=per_page, page=page, cursor=cursor)
    total = records.history_total(current_user.id, flt, tz)
    pages = (total + per_page - 1) // per_page
    return jsonify(items=found.items, page=None if cursor else page, per_page=per_page, total=total, pages=pages,
                   has_next=found.next_cursor is not None, has_prev=cursor is not None or page > 1,
                   next_cursor=found.next_cursor)
