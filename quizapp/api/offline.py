"""``GET /api/v1/sets/<slug>/offline``: the download a device keeps to study the set offline."""
from flask import current_app, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp import clock
from quizapp.api import api_error, bp
from quizapp.offline.pack import build_pack
from quizapp.sets import visible_set


@bp.route("/sets/<slug>/offline")
@login_required
def offline_pack(slug: str):
    """The next cards of the set with what studying them offline needs (see :mod:`quizapp.offline.pack`)."""
    question_set = visible_set(current_user, slug)
    if question_set is None:
        return api_error(404, _("No set “%(slug)s” is visible to you.", slug=slug))
    pack = build_pack(current_user, question_set, clock.now(),
                      max_cards=current_app.config["QUIZAPP_OFFLINE_CARDS_PER_SET"],
                      max_sets=current_app.config["QUIZAPP_OFFLINE_SETS"],
                      max_media_bytes=current_app.config["QUIZAPP_OFFLINE_MEDIA_BYTES_PER_SET"])
    response = jsonify(pack)
    # One user's cards and states: never kept by a shared or browser HTTP cache.
    response.headers["Cache-Control"] = "private, no-store"
    return response
