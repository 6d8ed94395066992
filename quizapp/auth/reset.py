"""Password reset by a link: mailed to the account's address on request, or issued by an admin.

The link carries a signed, timed token naming the account and a keyed hash of its current password
hash, so it works once (a new password changes the hash) and not after its time. Setting the new
password signs every browser of the account out, then signs this one in.
"""
import hashlib
import hmac
from typing import Optional

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from quizapp.auth import devices, mail
from quizapp.auth.accounts import set_password
from quizapp.auth.forms import ForgotPasswordForm, PasswordResetForm
from quizapp.auth.views import _account_key, _login_limit, bp, start_sign_in
from quizapp.database import end_read_transaction
from quizapp.extensions import db, limiter
from quizapp.models import User

MAILED_LINK_SECONDS = 60 * 60  # a mailed link: one hour
ISSUED_LINK_SECONDS = 3 * 24 * 60 * 60  # a link an admin hands over: three days


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="quizapp.auth.reset")


def _password_tag(user: User) -> str:
    key = current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
    return hmac.new(key, user.password_hash.encode("utf-8"), hashlib.sha256).hexdigest()[:24]


def reset_link(user: User, *, seconds: int) -> str:
    """The full address of a reset link for ``user`` that works for ``seconds`` and only once."""
    token = _serializer().dumps({"u": user.id, "p": _password_tag(user), "t": seconds})
    return url_for("auth.reset_password", token=token, _external=True)


def user_for_token(token: str) -> Optional[User]:
    """The account a reset token is for, while it is valid; None when expired, used or altered."""
    serializer = _serializer()
    try:
        data = serializer.loads(token, max_age=ISSUED_LINK_SECONDS)
        if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("t"), int):
            return None
        serializer.loads(token, max_age=data["t"])  # the link's own time, shorter for a mailed one
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not hmac.compare_digest(_password_tag(user), str(data.get("p", ""))):
        return None
    return user


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)
def forgot_password():
    """Ask for a reset link by email; the answer is the same whether the account exists or not."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(form.email.data)))
        if user is not None:
            link = reset_link(user, seconds=MAILED_LINK_SECONDS)
            email = user.email
            end_read_transaction()  # talking to the mail server needs no database
            mail.send(email, _("Reset your quizapp password"), _(
                "Someone (we hope you) asked to reset the password of your quizapp account.\n\n"
                "Open this link within an hour to choose a new password:\n%(link)s\n\n"
                "If it was not you, ignore this mail: your password stays as it is.", link=link))
        flash(_("If an account uses %(email)s, a link to reset its password is on its way. It works for an hour.",
                email=form.email.data), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str):
    """Choose a new password through a reset link; every browser of the account is signed out."""
    user = user_for_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = PasswordResetForm()
    if form.validate_on_submit():
        user_id = user.id
        end_read_transaction()  # hashing the new password needs no database
        set_password(user_id, form.password.data)
        user = db.session.get(User, user_id)
        devices.end_all(user)
        if current_user.is_authenticated:
            from flask_login import logout_user

            logout_user()
        start_sign_in(user)
        flash(_("Your new password is set, and every other browser was signed out."), "success")
        return redirect(url_for("catalog.index"))
    return render_template("auth/reset.html", form=form, email=user.email), 200 if request.method == "GET" else 400


def admin_issue_link(user_id: int) -> tuple[User, str]:
    """A reset link for an admin to hand over (three days); 404 for an unknown account."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user, reset_link(user, seconds=ISSUED_LINK_SECONDS)
