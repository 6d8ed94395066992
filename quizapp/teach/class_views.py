"""A teacher's classes: create one, see its students and assigned sets, assign and unassign sets."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from quizapp import classes
from quizapp.auth.access import teacher_required
from quizapp.extensions import db
from quizapp.models import ClassMember, QuestionSet, User
from quizapp.teach.blueprint import bp, flash_form_errors, managed_class_or_abort
from quizapp.teach.forms import ActionForm, AssignForm, ClassForm


@bp.route("/classes/new", methods=["GET", "POST"])
@teacher_required
def new_class():
    """Create a class; its join code is what students type to enter it."""
    form = ClassForm()
    if form.validate_on_submit():
        classroom = classes.create_class(current_user, form.name.data)
        db.session.commit()
        flash(_("Class created. Give your students the join code %(code)s.", code=classroom.join_code), "success")
        return redirect(url_for("teach.class_detail", class_id=classroom.id))
    return render_template("teach/new_class.html", form=form)


def _assign_form() -> AssignForm:
    form = AssignForm()
    published = db.session.scalars(
        sa.select(QuestionSet).where(QuestionSet.is_published.is_(True)).order_by(QuestionSet.title)
    ).all()
    form.set_id.choices = [SelectChoice(s.id, s.title) for s in published]
    return form


@bp.route("/classes/<int:class_id>")
@teacher_required
def class_detail(class_id: int):
    """The join code, the students, and per assigned set each student's progress and latest quiz."""
    classroom = managed_class_or_abort(class_id)
    students = db.session.scalars(
        sa.select(User).join(ClassMember, ClassMember.user_id == User.id)
        .where(ClassMember.class_id == classroom.id).order_by(User.email)
    ).all()
    join_url = url_for("classes.join", code=classroom.join_code, _external=True)
    return render_template("teach/class.html", classroom=classroom, students=students,
                           assignments=classroom.assignments, progress=classes.class_progress(classroom),
                           assign_form=_assign_form(), action_form=ActionForm(), join_url=join_url)


@bp.route("/classes/<int:class_id>/assign", methods=["POST"])
@teacher_required
def assign(class_id: int):
    """Assign a published set to the class (again: change its due date)."""
    classroom = managed_class_or_abort(class_id)
    form = _assign_form()
    if form.validate_on_submit():
        question_set = db.session.get(QuestionSet, form.set_id.data)
        classes.assign_set(classroom, question_set, form.due_on.data)
        db.session.commit()
        flash(_("“%(title)s” is assigned to %(name)s.", title=question_set.title, name=classroom.name), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("teach.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/sets/<int:set_id>/unassign", methods=["POST"])
@teacher_required
def unassign(class_id: int, set_id: int):
    """Take a set off the class's list (students keep their own progress on it)."""
    classroom = managed_class_or_abort(class_id)
    if ActionForm().validate_on_submit() and classes.unassign_set(classroom, set_id):
        db.session.commit()
        flash(_("The set is no longer assigned."), "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/students/<int:user_id>/remove", methods=["POST"])
@teacher_required
def remove_student(class_id: int, user_id: int):
    """Take a student out of the class."""
    classroom = managed_class_or_abort(class_id)
    if ActionForm().validate_on_submit() and classes.remove_member(classroom, user_id):
        db.session.commit()
        flash(_("The student left the class."), "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))
