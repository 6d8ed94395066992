"""Forms of the study pages: the per-user study settings."""
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

_ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")


class StudySettingsForm(FlaskForm):
    """Desired retention, daily limits and the time zone the study day (from 4 a.m.) follows."""

    timezone = SelectField(_l("Time zone"), choices=[SelectChoice(z, z.replace("_", " ")) for z in _ZONES],
                           description=_l("Your study day starts at 4 a.m. in this zone."))
    desired_retention = FloatField(
        _l("Desired retention"), validators=[InputRequired(), NumberRange(min=0.7, max=0.99)],
        description=_l("The chance of remembering a card when it comes back: 0.70 to 0.99. Higher means more reviews."),
    )
    new_per_day = IntegerField(_l("New cards per day (per set)"), validators=[InputRequired(), NumberRange(min=0, max=1000)])
    reviews_per_day = IntegerField(_l("Reviews per day (per set)"), validators=[InputRequired(), NumberRange(min=0, max=10000)])
    submit = SubmitField(_l("Save settings"))
