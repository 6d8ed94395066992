"""Sign up, sign in, sign out.

Every sign-in is a row (:mod:`quizapp.auth.devices`) that the browser's cookies name; signing out
deletes it. A browser that signed in to an account before carries a "known device" cookie, and the
per-account limit on failed sign-ins does not apply to it: someone who only knows the email cannot
lock its owner out (OWASP's device cookies). The per-address limit applies to everyone.
"""
import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer

from quizapp.auth import devices
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


DEVICE_COOKIE = "quizapp_device"
DEVICE_COOKIE_DAYS = 365
DEVICE_ACCOUNTS = 5  # accounts one browser remembers having signed in to (a family computer)


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="quizapp.auth.device")


def _account_digest(email: str) -> str:
    """The account as the device cookie names it: a keyed hash, so the cookie does not show the email."""
    key = current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
    return hmac.new(key, User.normalize_email(email).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _device_accounts() -> list[str]:
    try:
        accounts = _device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def known_device() -> bool:
    """This browser has signed in to the account it is trying now: the per-account limit spares it."""
    return _account_digest(request.form.get("email", "")) in _device_accounts()


def start_sign_in(user: User, *, remember: bool = False) -> None:
    """Sign ``user`` in on this browser with a new sign-in of its own (committed)."""
    devices.start(user, remember=remember, user_agent=request.headers.get("User-Agent", ""),
                  address=request.remote_addr or "")
    db.session.commit()
    login_user(user, remember=remember)


def _remember_device(response, email: str):
    digest = _account_digest(email)
    accounts = [digest] + [a for a in _device_accounts() if a != digest]
    response.set_cookie(DEVICE_COOKIE, _device_serializer().dumps(accounts[:DEVICE_ACCOUNTS]),
                        max_age=DEVICE_COOKIE_DAYS * 86400, httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


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
            start_sign_in(user)
            flash(_("Welcome! Your account is ready."), "success")
            return _remember_device(redirect(url_for("catalog.index")), user.email)
    return render_template("auth/signup.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed, exempt_when=known_device)
def login():
    """Sign in; an unknown email and a wrong password get the same answer."""
    if current_user.is_authenticated:
        return redirect(url_for("catalog.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            start_sign_in(user, remember=form.remember.data)
            return _remember_device(redirect(_safe_next(request.args.get("next"))), user.email)
        form.password.errors.append(_("Wrong email or password."))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out: this browser's sign-in ends, so a copy of its cookies no longer works either
    (a POST, so another site cannot sign a user out)."""
    if LogoutForm().validate_on_submit():
        sign_in_id = devices.current_id(current_user)
        if sign_in_id is not None:
            devices.end(current_user, sign_in_id)
        db.session.commit()
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("catalog.index"))
