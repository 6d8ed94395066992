"""The form that starts a quiz."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, SubmitField
from wtforms.validators import InputRequired, NumberRange

from quizapp.attempts import DEFAULT_QUESTIONS, MAX_QUESTIONS


class StartQuizForm(FlaskForm):
    count = IntegerField(_l("Number of questions"), default=DEFAULT_QUESTIONS,
                         validators=[InputRequired(), NumberRange(min=1, max=MAX_QUESTIONS)])
    mode = RadioField(_l("Show"), default="paged", choices=[
        SelectChoice("paged", _l("One question per page")), SelectChoice("single", _l("All questions on one page")),
    ])
    submit = SubmitField(_l("Start the quiz"))
