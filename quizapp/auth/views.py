"""Sign up, sign in, sign out."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from quizapp.auth.accounts import AccountError, authenticate, create_user
from quizapp.auth.forms import LoginForm, LogoutForm, SignupForm
from quizapp.extensions import db, limiter
from quizapp.models import User
from quizapp.study.forms import ZONES

bp = Blueprint("auth", __name__, template_folder="templates")


def _login_limit() -> str:
    return current_app.config["QUIZAPP_LOGIN_LIMIT"]


def _account_key() -> str:
    return "account:" + User.normalize_email(request.form.get("email", ""))


def _failed(response) -> bool:
    """Only refused sign-ins count towards the limit; a success redirects."""
    return response.status_code != 302


def _safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site, never to another host."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("catalog.index")


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    """Create a student account and sign it in."""
    if current_user.is_authenticated:
        return redirect(url_for("catalog.index"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.email.data, form.password.data)
            if form.timezone.data in ZONES:
                user.timezone = form.timezone.data
        except AccountError:
            # The same email signed up in another request since the form's check.
            form.email.errors.append(_("An account with this email already exists. Sign in instead."))
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("catalog.index"))
    return render_template("auth/signup.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    """Sign in; an unknown email and a wrong password get the same answer."""
    if current_user.is_authenticated:
        return redirect(url_for("catalog.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("Wrong email or password."))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (a POST, so another site cannot sign a user out)."""
    if LogoutForm().validate_on_submit():
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("catalog.index"))
