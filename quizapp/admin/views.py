"""User management for admins."""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.admin.forms import ROLE_LABELS, RoleForm
from quizapp.auth.access import admin_required
from quizapp.extensions import db
from quizapp.models import User

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.route("/users")
@admin_required
def users():
    """Every account with its role, newest first."""
    accounts = db.session.scalars(sa.select(User).order_by(User.created_at.desc(), User.id.desc())).all()
    return render_template("admin/users.html", accounts=accounts, form=RoleForm())


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id: int):
    """Give an account another role; admins cannot demote themselves (someone must stay admin)."""
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    if user.id == current_user.id and form.role.data != "admin":
        flash(_("You cannot remove your own admin role."), "error")
        return redirect(url_for("admin.users"))
    user.role = form.role.data
    db.session.commit()
    flash(_("%(email)s is now %(role)s.", email=user.email, role=ROLE_LABELS[user.role]), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/reset-link", methods=["POST"])
@admin_required
def reset_link(user_id: int):
    """A password reset link for an account, shown to the admin to hand over (works once, for three days)."""
    from flask_wtf import FlaskForm

    from quizapp.auth.reset import ISSUED_LINK_SECONDS, admin_issue_link

    if not FlaskForm().validate_on_submit():
        abort(400)
    user, link = admin_issue_link(user_id)
    current_app.logger.info("Admin %s issued a password reset link for %s", current_user.email, user.email)
    return render_template("admin/reset_link.html", account=user, link=link, days=ISSUED_LINK_SECONDS // 86400)
