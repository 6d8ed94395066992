"""Where a student joins a class with the code the teacher gave (the ``classes`` blueprint)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp import classes
from quizapp.extensions import db
from quizapp.teach.forms import JoinForm

bp = Blueprint("classes", __name__, url_prefix="/classes", template_folder="templates")


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join():
    """Type the class code (a teacher's link fills it in); then the class's sets come first at home."""
    form = JoinForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = classes.normalize_join_code(request.args["code"])
    if form.validate_on_submit():
        classroom = classes.find_by_code(form.code.data)
        if classroom is None:
            form.code.errors = [_("No class has this code. Check it with your teacher.")]
        else:
            joined = classes.join_class(current_user, classroom)
            db.session.commit()
            flash(_("You joined %(name)s.", name=classroom.name) if joined
                  else _("You are already in %(name)s.", name=classroom.name), "success")
            return redirect(url_for("catalog.index"))
    return render_template("teach/join.html", form=form, my_classes=classes.student_classes(current_user))
