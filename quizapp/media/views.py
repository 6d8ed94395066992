"""Serving media files to the people who may see a set that shows them."""
import re

import sqlalchemy as sa
from flask import Blueprint, abort, send_file
from flask_login import current_user
from markupsafe import Markup

from quizapp.extensions import db
from quizapp.media.store import path_of
from quizapp.models import Media, Question, QuestionMedia, QuestionSet
from quizapp.sets import visible_sets

bp = Blueprint("media", __name__, template_folder="templates")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# A file's bytes never change under its name: a year, and revalidation is never needed.
_MAX_AGE = 365 * 24 * 3600


def _viewer():
    return current_user if current_user.is_authenticated else None


@bp.route("/media/<digest>")
def file(digest: str):
    """A media file by its hash, to anyone who may see a set (or a deleted set's history) that shows it.

    Someone else's draft answers 404, as the set's own pages do. The type is the one read from
    the bytes on import; ``nosniff`` and a sandboxing policy keep a browser from reading it as
    anything else.
    """
    if not _SHA256.match(digest):
        abort(404)
    sets = visible_sets(_viewer(), deleted=True).with_only_columns(QuestionSet.id).order_by(None)
    media = db.session.scalar(
        sa.select(Media).where(Media.sha256 == digest, sa.exists(
            sa.select(QuestionMedia.id).join(Question, Question.id == QuestionMedia.question_id)
            .where(QuestionMedia.media_id == Media.id, Question.set_id.in_(sets))
        ))
    )
    path = path_of(digest)
    if media is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=media.content_type, conditional=True, etag=digest, max_age=_MAX_AGE,
                         download_name=f"{digest[:16]}{_extension(media)}")
    response.headers["Content-Disposition"] = f'inline; filename="{digest[:16]}{_extension(media)}"'
    # The response is only for this account's eyes when the set is not published to everyone.
    response.cache_control.public = False
    response.cache_control.private = True
    response.cache_control.immutable = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _extension(media: Media) -> str:
    from quizapp.formats.media import EXTENSIONS

    return EXTENSIONS.get(media.content_type, "")


def question_media(question: Question, field: str) -> Markup:
    """The images and sounds a question shows on ``field``, as HTML: each with its text alternative."""
    from flask import render_template

    # The editor's preview may hold unsaved data (QuestionData), whose files are not stored yet.
    rows = [row for row in getattr(question, "media", None) or [] if getattr(row, "field", None) == field]
    if not rows:
        return Markup("")
    return Markup(render_template("media/_media.html", rows=rows))
