"""Forms of the study pages: the per-user study settings, a set's own limits, custom study."""
from zoneinfo import available_timezones

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, FloatField, IntegerField, RadioField, SelectChoice, SelectField, SelectMultipleField, StringField,
                     SubmitField, ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional

from quizapp.custom_study import MAX_DAYS, MAX_EXTRA_NEW
from quizapp.scheduling.options import MAX_STEPS, StepError, parse_steps

ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def _steps(form, field) -> None:
    """Learning steps as Anki writes them ("1m 10m"); the message names the bad step."""
    try:
        parse_steps(field.data or "")
    except StepError as error:
        if error.kind == "format":
            raise ValidationError(_("“%(step)s” is not a step: write a number and a unit (s, m, h or d), "
                                    "e.g. 1m 10m 1h 1d.", step=error.token))
        if error.kind == "range":
            raise ValidationError(_("“%(step)s” must be between 1 second and 365 days.", step=error.token))
        raise ValidationError(_("Give at most %(num)d steps.", num=MAX_STEPS))


def _retention(required: bool):
    return [InputRequired() if required else Optional(), NumberRange(min=0.7, max=0.99)]


WEEKDAYS = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"), _l("Saturday"), _l("Sunday"))
ORDER_CHOICES = [SelectChoice("set", _l("In set order")), SelectChoice("random", _l("In random order"))]
LEECH_CHOICES = [SelectChoice("suspend", _l("Suspend it")), SelectChoice("tag", _l("Only tag it as a leech"))]


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
        _l("Desired retention"), validators=_retention(True),
        description=_l("The chance of remembering a card when it comes back: 0.70 to 0.99. Higher means more reviews."),
    )
    learning_steps = StringField(_l("Learning steps"), validators=[_steps],
                                 description=_l("Waits between the first answers of a new card, e.g. 1m 10m. "
                                                "Empty: a new card goes to review at once."))
    relearning_steps = StringField(_l("Relearning steps"), validators=[_steps],
                                   description=_l("Waits after forgetting a card in review, e.g. 10m."))
    maximum_interval = IntegerField(_l("Maximum interval (days)"), validators=[InputRequired(), NumberRange(min=1, max=36500)])
    leech_threshold = IntegerField(_l("Leech threshold (lapses)"), validators=[InputRequired(), NumberRange(min=1, max=99)],
                                   description=_l("A card forgotten this many times is a leech, and again every half as many more."))
    leech_action = SelectField(_l("Leech action"), choices=LEECH_CHOICES)
    new_card_order = SelectField(_l("New cards"), choices=ORDER_CHOICES)
    load_balancing = BooleanField(_l("Balance the load: put each review on the least busy day its fuzz allows"))
    easy_days = SelectMultipleField(
        _l("Easy days"), choices=[SelectChoice(str(n), name) for n, name in enumerate(WEEKDAYS)],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        description=_l("Weekdays you want lighter: with load balancing on, reviews go there only when no other "
                       "day in their range is free."))
    new_per_day = IntegerField(_l("New cards per day (all sets together)"),
                               validators=[InputRequired(), NumberRange(min=0, max=1000)])
    reviews_per_day = IntegerField(_l("Reviews per day (all sets together)"),
                                   validators=[InputRequired(), NumberRange(min=0, max=10000)],
                                   description=_l("Cards you are learning today are never held back by these limits. "
                                                  "A set can have lower limits of its own: see its study page."))
    submit = SubmitField(_l("Save settings"))


class SetLimitsForm(FlaskForm):
    """A user's own limits and options for one set; empty means the account's."""

    new_per_day = IntegerField(_l("New cards per day in this set"), validators=[Optional(), NumberRange(min=0, max=1000)],
                               description=_l("Leave empty to use only your account's limit."))
    reviews_per_day = IntegerField(_l("Reviews per day in this set"),
                                   validators=[Optional(), NumberRange(min=0, max=10000)],
                                   description=_l("Leave empty to use only your account's limit."))
    desired_retention = FloatField(_l("Desired retention in this set"), validators=_retention(False),
                                   description=_l("Leave empty to use your account's."))
    learning_steps = StringField(_l("Learning steps in this set"), validators=[Optional(), _steps])
    relearning_steps = StringField(_l("Relearning steps in this set"), validators=[Optional(), _steps])
    maximum_interval = IntegerField(_l("Maximum interval in this set (days)"),
                                    validators=[Optional(), NumberRange(min=1, max=36500)])
    new_card_order = SelectField(_l("New cards in this set"), default="",
                                 choices=[SelectChoice("", _l("As in my account"))] + ORDER_CHOICES)
    submit = SubmitField(_l("Save the set's limits"))


CUSTOM_CHOICES = [
    SelectChoice("new", _l("Study extra new cards today")),
    SelectChoice("ahead", _l("Review ahead")),
    SelectChoice("forgotten", _l("Review forgotten cards")),
    SelectChoice("tag", _l("Study one tag")),
]


class CustomStudyForm(FlaskForm):
    """Anki's custom study of one set: one choice, and the number or tag that choice takes."""

    mode = RadioField(_l("What to study"), choices=CUSTOM_CHOICES,
                      validators=[InputRequired(message=_l("Choose what to study."))])
    new_cards = IntegerField(_l("Extra new cards today"), validators=[Optional()],
                             description=_l("Added to today's new-card limit of this set."))
    ahead_days = IntegerField(_l("Review cards due in the next (days)"), validators=[Optional()],
                              description=_l("After today's due cards; each answer is scheduled from the day you give it."))
    forgotten_days = IntegerField(_l("Cards you forgot in the last (days)"), validators=[Optional()],
                                  description=_l("Cards you answered Again, 1 meaning today."))
    tag = SelectField(_l("Tag"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Start custom study"))

    # The field each choice reads, and its bounds.
    _NUMBERS = {"new": ("new_cards", MAX_EXTRA_NEW), "ahead": ("ahead_days", MAX_DAYS),
                "forgotten": ("forgotten_days", MAX_DAYS)}

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.mode.data == "tag":
            if self.tag.data not in {choice[0] for choice in self.tag.choices}:
                self.tag.errors.append(_("Choose one of the set's tags."))
                return False
            return True
        name, most = self._NUMBERS[self.mode.data]
        field = getattr(self, name)
        if field.data is None or not 1 <= field.data <= most:
            field.errors.append(_("Give a whole number from 1 to %(most)d.", most=most))
            return False
        return True
