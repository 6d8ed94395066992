"""Forms of the study pages: the per-user study settings."""
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional

ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")


class StudySettingsForm(FlaskForm):
    """Desired retention, daily limits, the time zone and the hour the study day starts at."""

    # A text field with the zones as suggestions: searchable by typing, with or without JavaScript.
    timezone = StringField(
        _l("Time zone"), filters=[lambda value: value.strip() if value else value],
        validators=[AnyOf(ZONES, message=_l("Choose a time zone from the list, such as Europe/Lisbon or America/Sao_Paulo."))],
        description=_l("Your study days follow this zone. Type to search, e.g. Lisbon."),
    )
    day_start_hour = IntegerField(
        _l("Next day starts at (hour)"), validators=[InputRequired(), NumberRange(min=0, max=23)],
        description=_l("The hour, 0 to 23, your next study day begins: answers before it still count for "
                       "the day before, and cards due tomorrow appear from then. 4 means 4 a.m."),
    )
    desired_retention = FloatField(
        _l("Desired retention"), validators=[InputRequired(), NumberRange(min=0.7, max=0.99)],
        description=_l("The chance of remembering a card when it comes back: 0.70 to 0.99. Higher means more reviews."),
    )
    new_per_day = IntegerField(_l("New cards per day (all sets together)"),
                               validators=[InputRequired(), NumberRange(min=0, max=1000)])
    reviews_per_day = IntegerField(_l("Reviews per day (all sets together)"),
                                   validators=[InputRequired(), NumberRange(min=0, max=10000)],
                                   description=_l("Cards you are learning today are never held back by these limits. "
                                                  "A set can have lower limits of its own: see its study page."))
    submit = SubmitField(_l("Save settings"))


class SetLimitsForm(FlaskForm):
    """A user's own daily limits for one set; empty means the account's limits alone."""

    new_per_day = IntegerField(_l("New cards per day in this set"), validators=[Optional(), NumberRange(min=0, max=1000)],
                               description=_l("Leave empty to use only your account's limit."))
    reviews_per_day = IntegerField(_l("Reviews per day in this set"),
                                   validators=[Optional(), NumberRange(min=0, max=10000)],
                                   description=_l("Leave empty to use only your account's limit."))
    submit = SubmitField(_l("Save the set's limits"))
