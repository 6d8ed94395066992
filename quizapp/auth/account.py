"""The account page: change the password, see the browsers signed in, sign one or all of them out."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from quizapp.auth import devices
from quizapp.auth.accounts import change_password
from quizapp.auth.forms import PasswordChangeForm, SignOutForm
from quizapp.auth.views import bp, start_sign_in
from quizapp.database import end_read_transaction
from quizapp.extensions import db, limiter


def _page(form: PasswordChangeForm, status: int = 200):
    current = devices.current_id(current_user)
    rows = [(row, devices.describe(row.user_agent)) for row in devices.listing(current_user)]
    return render_template("auth/account.html", form=form, sign_ins=rows, current=current,
                           sign_out=SignOutForm()), status


@bp.route("/settings/account")
@login_required
def account():
    """The password form and the list of browsers signed in to this account."""
    return _page(PasswordChangeForm(formdata=None))


@bp.route("/settings/password", methods=["POST"])
@login_required
@limiter.limit("10 per 5 minutes", methods=["POST"])
def password():
    """Change the password: every other browser is signed out, and this one gets a new sign-in."""
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    user = current_user._get_current_object()
    stored, user_id = user.password_hash, user.id
    end_read_transaction()  # the slow hash checks need no database
    if not change_password(user_id, stored, form.current.data, form.password.data):
        form.current.errors.append(_("This is not your current password."))
        return _page(form, 400)
    user = db.session.get(type(user), user_id)
    signed_out = devices.end_all(user)
    start_sign_in(user, remember=bool(getattr(current_user, "sign_in_remember", False)))
    flash(_("Your password is changed. Other browsers were signed out (%(count)d).", count=max(signed_out - 1, 0)),
          "success")
    return redirect(url_for("auth.account"))


@bp.route("/settings/devices/<int:sign_in_id>/sign-out", methods=["POST"])
@login_required
def sign_out_device(sign_in_id: int):
    """Sign one browser out; this browser's own row signs this browser out."""
    if not SignOutForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    this_one = sign_in_id == devices.current_id(current_user)
    ended = devices.end(current_user, sign_in_id)
    db.session.commit()
    if this_one:
        logout_user()
        flash(_("You are signed out."), "info")
        return redirect(url_for("auth.login"))
    flash(_("That browser is signed out.") if ended else _("That browser was already signed out."), "info")
    return redirect(url_for("auth.account"))


@bp.route("/settings/devices/sign-out-others", methods=["POST"])
@login_required
def sign_out_others():
    """Sign out every browser but this one."""
    if SignOutForm().validate_on_submit():
        count = devices.end_all(current_user, keep=devices.current_id(current_user))
        db.session.commit()
        flash(_("Other browsers signed out: %(count)d.", count=count), "info")
    return redirect(url_for("auth.account"))


@bp.route("/settings/devices/sign-out-all", methods=["POST"])
@login_required
def sign_out_everywhere():
    """Sign out everywhere, this browser included."""
    if not SignOutForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    devices.end_all(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are signed out everywhere."), "info")
    return redirect(url_for("auth.login"))
