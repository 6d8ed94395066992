"""Forms of the admin pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, SubmitField

from quizapp.models import ROLES


ROLE_LABELS = {"student": _l("student"), "teacher": _l("teacher"), "admin": _l("admin")}


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES])
    submit = SubmitField(_l("Change"))
