"""The one form of the history pages: a quiz of recent mistakes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, SubmitField

MISTAKE_DAYS = (7, 14, 30, 90)


class MistakesForm(FlaskForm):
    """Which set, and how far back to look for wrong answers."""

    set = SelectField(_l("Set"), choices=[])
    days = SelectField(_l("Wrong in the last"), coerce=int, default=7,
                       choices=[SelectChoice(d, _l("%(num)d days", num=d)) for d in MISTAKE_DAYS])
    submit = SubmitField(_l("Quiz my mistakes"))
