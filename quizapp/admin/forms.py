"""Forms of the admin pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField

from quizapp.models import ROLES


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=list(ROLES))
    submit = SubmitField(_l("Change"))
