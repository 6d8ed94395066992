"""The ``teach`` blueprint and what its views share: loading a set or class the user may change."""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, url_for
from flask_login import current_user

from quizapp.authoring import can_edit
from quizapp.classes import can_manage
from quizapp.extensions import db
from quizapp.models import Classroom, QuestionSet
from quizapp import sets

bp = Blueprint("teach", __name__, url_prefix="/teach", template_folder="templates")


def max_upload_bytes() -> int:
    return int(current_app.config["QUIZAPP_MAX_UPLOAD_BYTES"])


def visible_set_or_404(slug: str) -> QuestionSet:
    """A set the signed-in teacher may see; a draft of someone else answers 404, as on the catalog."""
    return sets.visible_set_or_404(current_user, slug)


def editable_set_or_abort(slug: str) -> QuestionSet:
    """A set the user may change: 404 when they cannot see it, 403 when they may only look."""
    question_set = visible_set_or_404(slug)
    if not can_edit(current_user, question_set):
        abort(403)
    return question_set


def flash_form_errors(form) -> None:
    """Show a form's errors as messages, for forms posted from a page that redirects back."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")


def managed_class_or_abort(class_id: int) -> Classroom:
    classroom = db.get_or_404(Classroom, class_id)
    if not can_manage(current_user, classroom):
        abort(403)
    return classroom


def _url_if_routed(rule_text: str, **values):
    """The URL of another blueprint's page by its path pattern, or None while the app has no such page."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule == rule_text:
            return url_for(rule.endpoint, **values)
    return None


def set_statistics_url(slug: str):
    """The per-set statistics page of the history pages (each student, each question), if present."""
    return _url_if_routed("/history/teach/<slug>", slug=slug)


def study_url(slug: str):
    """Where a student studies a set, if the study pages are present."""
    return _url_if_routed("/study/<slug>", slug=slug)


@bp.app_context_processor
def inject_teach_links():
    return {"set_statistics_url": set_statistics_url, "study_url": study_url}


def question_or_404(question_set: QuestionSet, question_id: int):
    from quizapp.models import Question

    question = db.session.scalar(sa.select(Question).where(
        Question.id == question_id, Question.set_id == question_set.id, Question.removed_at.is_(None)))
    if question is None:
        abort(404)
    return question
