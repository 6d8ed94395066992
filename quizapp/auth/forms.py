"""Sign-up and sign-in forms."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from quizapp.auth.accounts import MIN_PASSWORD_LENGTH
from quizapp.extensions import db
from quizapp.models import User


def _strip(value):
    """Pasted emails often carry spaces; they are never part of the address."""
    return value.strip() if isinstance(value, str) else value


class SignupForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[_strip], validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(),
        Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l("Use at least 8 characters (and at most 200).")),
    ])
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )
    # The browser's time zone, filled in by static/timezone.js; empty (UTC) without JavaScript.
    timezone = HiddenField()
    submit = SubmitField(_l("Create account"))

    def validate_email(self, field) -> None:
        email = User.normalize_email(field.data)
        if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
            raise ValidationError(_l("An account with this email already exists. Sign in instead."))


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[_strip], validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    """Signing out changes state, so it is a POST with a CSRF token, not a link."""

    submit = SubmitField(_l("Sign out"))


def _new_password(label):
    return PasswordField(label, validators=[
        DataRequired(),
        Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l("Use at least 8 characters (and at most 200).")),
    ])


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = _new_password(_l("New password"))
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])
    submit = SubmitField(_l("Change password"))


class PasswordResetForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))])
    submit = SubmitField(_l("Set the new password"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[_strip], validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send me a link"))


class SignOutForm(FlaskForm):
    """A button that signs browsers out: a POST with a CSRF token."""
