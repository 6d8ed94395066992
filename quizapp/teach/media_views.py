"""A question's own images and sounds, from its editor: attach one (checked like a file's media), take one off."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _

from quizapp.auth.access import teacher_required
from quizapp.authoring import mark_edited
from quizapp.extensions import db
from quizapp.formats import FormatError
from quizapp.i18n import translated
from quizapp.media import attach
from quizapp.teach.blueprint import bp, editable_set_or_abort, flash_form_errors, max_upload_bytes, question_or_404
from quizapp.teach.forms import ActionForm, QuestionMediaForm


def _back(slug: str, question_id: int):
    return redirect(url_for("teach.edit_question", slug=slug, question_id=question_id) + "#media", code=303)


@bp.route("/sets/<slug>/questions/<int:question_id>/media", methods=["POST"])
@teacher_required
def attach_media(slug: str, question_id: int):
    """Attach an image or a sound to the question's prompt, answer or explanation; a refused file is named with why."""
    question_set = editable_set_or_abort(slug)
    question = question_or_404(question_set, question_id)
    form = QuestionMediaForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(slug, question_id)
    upload = form.file.data
    content = upload.read(max_upload_bytes() + 1)
    if len(content) > max_upload_bytes():
        flash(_("The file is larger than %(num)d bytes.", num=max_upload_bytes()), "error")
        return _back(slug, question_id)
    try:
        attach.attach(question, content, filename=upload.filename, on=form.field.data, alt=form.alt.data or "")
    except FormatError as error:
        db.session.rollback()
        for problem in error.problems:
            flash(_("%(file)s: %(reason)s", file=error.filename, reason=translated(problem.message)), "error")
        return _back(slug, question_id)
    mark_edited(question_set.id)
    db.session.commit()
    flash(_("File attached."), "success")
    return _back(slug, question_id)


@bp.route("/sets/<slug>/questions/<int:question_id>/media/<int:row_id>/delete", methods=["POST"])
@teacher_required
def remove_media(slug: str, question_id: int, row_id: int):
    """Take one image or sound off the question."""
    question_set = editable_set_or_abort(slug)
    question = question_or_404(question_set, question_id)
    if ActionForm().validate_on_submit() and attach.detach(question, row_id):
        mark_edited(question_set.id)
        db.session.commit()
        flash(_("File removed."), "success")
    return _back(slug, question_id)
