"""The teacher's desk: sets and classes at a glance, and the editor of one set and its questions.

Views validate, call one workflow of :mod:`quizapp.authoring`, commit once, then redirect.
"""
import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp import authoring
from quizapp.auth.access import teacher_required
from quizapp.classes import teacher_classes
from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, User
from quizapp.request_guard import ID_MAX, query_int
from quizapp.sets import question_counts, question_data
from quizapp.teach.blueprint import bp, editable_set_or_abort, question_or_404, visible_set_or_404
from quizapp.teach.forms import FIELD_TYPES, ActionForm, ImportForm, QuestionForm, QuestionMediaForm, SetForm

QUESTIONS_PER_PAGE = 100

# Route modules that share the blueprint; importing them registers their views.
from quizapp.teach import class_views, media_views, transfer  # noqa: E402,F401  isort: skip


@bp.route("/")
@teacher_required
def index():
    """The teacher's own sets (drafts included), their classes, and published sets of others to copy."""
    own = db.session.scalars(
        sa.select(QuestionSet).where(QuestionSet.owner_id == current_user.id, QuestionSet.deleted_at.is_(None))
        .order_by(QuestionSet.title)
    ).all()
    others_query = sa.select(QuestionSet).where(sa.or_(QuestionSet.owner_id.is_(None),
                                                       QuestionSet.owner_id != current_user.id),
                                                QuestionSet.deleted_at.is_(None))
    if not current_user.is_admin:
        others_query = others_query.where(QuestionSet.is_published.is_(True))
    others = db.session.scalars(others_query.order_by(QuestionSet.title)).all()
    owners = {u.id: u for u in db.session.scalars(
        sa.select(User).where(User.id.in_({s.owner_id for s in others if s.owner_id})))}
    counts = question_counts(s.id for s in [*own, *others])
    return render_template("teach/index.html", own=own, others=others, owners=owners, counts=counts,
                           classes=teacher_classes(current_user), action_form=ActionForm(),
                           can_edit=authoring.can_edit)


@bp.route("/sets/new", methods=["GET", "POST"])
@teacher_required
def new_set():
    """Start an empty draft; questions are added on its page."""
    form = SetForm()
    if form.validate_on_submit():
        question_set = authoring.create_set(current_user, form.title.data, language=form.language.data,
                                            description=form.description.data or "")
        db.session.commit()
        flash(_("Draft “%(title)s” created. Add its questions, then publish it.", title=question_set.title), "success")
        return redirect(url_for("teach.edit_set", slug=question_set.slug))
    return render_template("teach/new_set.html", form=form)


@bp.route("/sets/<slug>")
@teacher_required
def edit_set(slug: str):
    """A set's editor: settings, questions in order with their source sentence, publish, export."""
    question_set = editable_set_or_abort(slug)
    settings = SetForm(obj=question_set)
    export_notes = authoring.export_notes(question_set)
    dropped = db.session.get(Question, query_int("dropped", 0, low=0, high=ID_MAX) or 0)
    if dropped is not None and (dropped.set_id != question_set.id or dropped.removed_at is None):
        dropped = None
    # A page of questions at a time: a set of 10,000 questions is 100 pages, not one page of 10,000.
    questions = db.paginate(
        sa.select(Question).where(Question.set_id == question_set.id, Question.removed_at.is_(None))
        .order_by(Question.position, Question.id).options(selectinload(Question.media)),
        page=query_int("page", 1), per_page=QUESTIONS_PER_PAGE, error_out=False,
    )
    return render_template("teach/set.html", question_set=question_set, questions=questions,
                           settings=settings, action_form=ActionForm(), export_notes=export_notes,
                           import_form=ImportForm(), dropped=dropped)


@bp.route("/sets/<slug>/settings", methods=["POST"])
@teacher_required
def set_settings(slug: str):
    """Change a set's title, language and description."""
    question_set = editable_set_or_abort(slug)
    form = SetForm()
    if not form.validate_on_submit():
        for name, errors in form.errors.items():
            for error in errors:
                flash(f"{getattr(form, name).label.text}: {error}", "error")
        return redirect(url_for("teach.edit_set", slug=slug))
    authoring.update_settings(question_set, title=form.title.data, language=form.language.data,
                              description=form.description.data or "")
    db.session.commit()
    flash(_("Settings saved."), "success")
    return redirect(url_for("teach.edit_set", slug=slug))


@bp.route("/sets/<slug>/publish", methods=["POST"])
@teacher_required
def publish(slug: str):
    """Publish a draft (every user then sees it), or take a published set back to draft."""
    question_set = editable_set_or_abort(slug)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("teach.edit_set", slug=slug))
    publish_it = request.form.get("published", "1") == "1"
    if publish_it and not question_set.questions:
        flash(_("Add at least one question before publishing."), "error")
        return redirect(url_for("teach.edit_set", slug=slug))
    authoring.set_published(question_set, publish_it)
    db.session.commit()
    flash(_("Published: every student can now see and study this set.") if publish_it
          else _("Back to draft: only you can see this set."), "success")
    return redirect(url_for("teach.edit_set", slug=slug))


@bp.route("/sets/<slug>/copy", methods=["POST"])
@teacher_required
def copy_set(slug: str):
    """Copy a published set (or one's own) into a new draft owned by the current teacher."""
    question_set = visible_set_or_404(slug)
    if not authoring.can_copy(current_user, question_set):
        abort(403)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("teach.index"))
    copy = authoring.copy_set(question_set, current_user)
    db.session.commit()
    flash(_("Copied into your draft “%(title)s”.", title=copy.title), "success")
    return redirect(url_for("teach.edit_set", slug=copy.slug))


@bp.route("/sets/<slug>/questions/new", methods=["GET", "POST"])
@teacher_required
def new_question(slug: str):
    """Add a question of any type, validated by the same rules as a file, with a preview."""
    question_set = editable_set_or_abort(slug)
    form = QuestionForm()
    return _question_page(question_set, form, question=None)


@bp.route("/sets/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
@teacher_required
def edit_question(slug: str, question_id: int):
    """Change a question; its id stays, so students' progress and history stay with it."""
    question_set = editable_set_or_abort(slug)
    question = question_or_404(question_set, question_id)
    form = QuestionForm()
    if request.method == "GET":
        form.fill(question_data(question))
    return _question_page(question_set, form, question=question)


def _question_page(question_set, form, question):
    preview = None
    form.form_problems = []
    if form.validate_on_submit():
        existing = question_data(question) if question is not None else None
        source = existing.source.to_dict() if existing is not None and existing.source else None
        data = form.to_question(key=question.key if question is not None else None, source=source,
                                language=question_set.language)
        if data is not None and form.submit.data:
            if question is None:
                authoring.add_question(question_set, data)
                flash(_("Question added."), "success")
            else:
                authoring.update_question(question, data)
                flash(_("Question saved."), "success")
            db.session.commit()
            target = url_for("teach.edit_set", slug=question_set.slug)
            return redirect(target + ("#q-%d" % question.id if question is not None else "#questions"))
        preview = data
    elif question is not None:
        preview = question_data(question)
    if preview is not None and question is not None:
        # The preview shows the files the question keeps: they are attached apart from the form's fields.
        preview.media = list(question.media)
    return render_template("teach/question.html", question_set=question_set, form=form, question=question,
                           preview=preview, field_types=FIELD_TYPES, media_form=QuestionMediaForm(formdata=None),
                           action_form=ActionForm(formdata=None))


@bp.route("/sets/<slug>/questions/<int:question_id>/move", methods=["POST"])
@teacher_required
def move_question(slug: str, question_id: int):
    """Move a question one place up or down."""
    question_set = editable_set_or_abort(slug)
    question = question_or_404(question_set, question_id)
    if ActionForm().validate_on_submit():
        authoring.move_question(question, -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
    page = (question.position // QUESTIONS_PER_PAGE) + 1
    return redirect(url_for("teach.edit_set", slug=slug, page=page if page > 1 else None) + f"#q-{question.id}")


@bp.route("/sets/<slug>/questions/<int:question_id>/delete", methods=["GET", "POST"])
@teacher_required
def delete_question(slug: str, question_id: int):
    """Drop a question from the set, after a confirmation (past answers stay in students' history);
    the set's page then offers to undo it."""
    question_set = editable_set_or_abort(slug)
    question = question_or_404(question_set, question_id)
    form = ActionForm()
    if request.method == "GET":
        return render_template("teach/confirm_drop.html", question_set=question_set, question=question,
                               action_form=form, students=authoring.students_who_studied(question=question))
    if form.validate_on_submit():
        authoring.remove_question(question)
        db.session.commit()
        flash(_("Question dropped."), "success")
        return redirect(url_for("teach.edit_set", slug=slug, dropped=question.id) + "#questions")
    return redirect(url_for("teach.edit_set", slug=slug) + "#questions")


@bp.route("/sets/<slug>/questions/<int:question_id>/restore", methods=["POST"])
@teacher_required
def restore_question(slug: str, question_id: int):
    """Undo a drop: the question comes back where it was."""
    question_set = editable_set_or_abort(slug)
    question = db.session.get(Question, question_id)
    if question is None or question.set_id != question_set.id:
        abort(404)
    if ActionForm().validate_on_submit() and question.removed_at is not None:
        authoring.restore_question(question)
        db.session.commit()
        flash(_("The question is back."), "success")
    return redirect(url_for("teach.edit_set", slug=slug) + f"#q-{question.id}")


@bp.route("/sets/<slug>/delete", methods=["GET", "POST"])
@teacher_required
def delete_set(slug: str):
    """Delete a set after a confirmation that says how many students studied it."""
    question_set = editable_set_or_abort(slug)
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        title = question_set.title
        authoring.delete_set(question_set)
        db.session.commit()
        flash(_("“%(title)s” is deleted. Students' history of it stays readable.", title=title), "success")
        return redirect(url_for("teach.index"))
    return render_template("teach/confirm_delete_set.html", question_set=question_set, action_form=form,
                           students=authoring.students_who_studied(question_set=question_set),
                           questions=len(question_set.questions))
