"""Forms of the teacher's pages.

The question form has no rules of its own: it builds the mapping a YAML file would hold and asks
:func:`quizapp.formats.model.question_from_dict`, then puts each problem under the field it names.
"""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField, DateField, HiddenField, RadioField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from quizapp import limits
from quizapp.formats.model import QUESTION_TYPES, parse_field_name, question_from_dict
from quizapp.formats.per_answer import answer_texts
from quizapp.i18n import translated
from quizapp.templating import QUESTION_TYPE_LABELS

LANGUAGE_CODE = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
GENERATOR_LANGUAGES = [SelectChoice("pt", _l("Portuguese")), SelectChoice("en", _l("English"))]
# Which optional fields each type uses; the page hides the others when scripts run.
FIELD_TYPES = {
    "answer": ("flashcard", "multiple_choice", "cloze", "short_answer", "numeric"),
    "truth": ("true_false",),
    "choices": ("multiple_choice",),
    "accept": ("flashcard", "cloze", "short_answer"),
    "tolerance": ("numeric",),
    "per_answer": ("multiple_choice", "true_false", "cloze", "short_answer"),
}
# The fields whose problems (from the file rules) are shown under the per-answer box.
_PER_ANSWER_FIELDS = ("feedback", "credit")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ActionForm(FlaskForm):
    """A button that changes something (delete, move, publish…): only the CSRF token."""


class SetForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=limits.TITLE_MAX)])
    language = StringField(_l("Language code"), default="en", description=_l("For example en, pt or pt-BR."),
                           validators=[DataRequired(), Length(max=limits.LANGUAGE_MAX),
                                       Regexp(LANGUAGE_CODE, message=_l("Use a language code such as en, pt or pt-BR."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=limits.DESCRIPTION_MAX)], render_kw={"rows": 3})
    submit = SubmitField(_l("Save"))


class QuestionForm(FlaskForm):
    type = SelectField(_l("Type"), choices=[SelectChoice(t, QUESTION_TYPE_LABELS[t]) for t in QUESTION_TYPES])
    prompt = TextAreaField(_l("Question"), render_kw={"rows": 3},
                           description=_l("For a fill-in-the-blank question, put the answer in double braces: "
                                          "Water boils at {{100}} degrees."))
    answer = StringField(_l("Answer"))
    truth = RadioField(_l("The statement is"), validate_choice=False,
                       choices=[SelectChoice("true", _l("True")), SelectChoice("false", _l("False"))])
    choices = TextAreaField(_l("Choices, one per line (the answer among them)"), render_kw={"rows": 4})
    accept = TextAreaField(_l("Other accepted answers, one per line"), render_kw={"rows": 2})
    tolerance = StringField(_l("Tolerance (accepted distance from the answer)"))
    per_answer = TextAreaField(
        _l("Credit and feedback per answer, one answer per line: answer | credit in percent | feedback"),
        render_kw={"rows": 3},
        description=_l("For example 'Venus | 50 | Close: it is the second planet'. Leave the credit out for the "
                       "usual (full for the answer and other accepted answers, none for other choices); for "
                       "true or false, write true or false as the answer."))
    explanation = TextAreaField(_l("Explanation, shown after answering"), render_kw={"rows": 2})
    text_format = SelectField(_l("The question and explanation are written in"), default="plain",
                              choices=[SelectChoice("plain", _l("Plain text")), SelectChoice("markdown", "Markdown"),
                                       SelectChoice("html", "HTML")])
    tags = StringField(_l("Tags, separated by commas"))
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save question"))

    def fill(self, data) -> None:
        """Show an existing question (QuestionData) in the form."""
        self.type.data = data.type
        self.prompt.data = data.prompt
        if data.type == "true_false":
            self.truth.data = "true" if data.answer else "false"
        else:
            self.answer.data = "" if data.answer is None else str(data.answer)
        self.choices.data = "\n".join(data.choices)
        self.accept.data = "\n".join(data.accept)
        self.tolerance.data = "" if data.tolerance is None else str(data.tolerance)
        self.explanation.data = data.explanation or ""
        self.text_format.data = data.text_format.get("prompt") or data.text_format.get("explanation") or "plain"
        self.tags.data = ", ".join(data.tags)
        named = [a for a in answer_texts(data.type, data.answer if data.type != "true_false" else None,
                                         data.choices, data.accept) if a in data.feedback or a in data.credit]
        self.per_answer.data = "\n".join(
            f"{answer} | {_credit_text(data.credit.get(answer))} | {data.feedback.get(answer, '')}"
            .replace("|  |", "| |").rstrip(" |") for answer in named)

    def as_mapping(self, *, key=None, source=None) -> dict:
        """The question as the YAML contract writes it; empty optional fields are left out."""
        qtype = self.type.data
        raw = {"type": qtype, "prompt": self.prompt.data or ""}
        if key:
            raw["id"] = key
        if qtype == "true_false":
            raw["answer"] = {"true": True, "false": False}.get(self.truth.data)
        elif (self.answer.data or "").strip():
            raw["answer"] = self.answer.data
        for name in ("choices", "accept"):
            if _lines(getattr(self, name).data):
                raw[name] = _lines(getattr(self, name).data)
        if (self.tolerance.data or "").strip():
            raw["tolerance"] = self.tolerance.data.strip()
        if (self.explanation.data or "").strip():
            raw["explanation"] = self.explanation.data
        tags = [tag.strip() for tag in (self.tags.data or "").split(",") if tag.strip()]
        if tags:
            raw["tags"] = tags
        if self.text_format.data in ("markdown", "html"):
            raw["text_format"] = {"prompt": self.text_format.data, "explanation": self.text_format.data}
        if source:
            raw["source"] = source
        feedback, credit = {}, {}
        for answer, share, said in _per_answer_lines(self.per_answer.data):
            if share:
                credit[answer] = _credit_value(share)
            if said:
                feedback[answer] = said
        if feedback:
            raw["feedback"] = feedback
        if credit:
            raw["credit"] = credit
        return raw

    def to_question(self, *, key=None, source=None, language=None):
        """Validate with the file rules; on problems, put them on the fields and return None."""
        data, problems = question_from_dict(self.as_mapping(key=key, source=source), path="question",
                                            language=language)
        self.form_problems = []
        for problem in problems:
            parts = parse_field_name(problem.field)[1:]
            name = parts[0] if parts else ""
            if name == "answer" and self.type.data == "true_false":
                name = "truth"
            if name in _PER_ANSWER_FIELDS:
                name = "per_answer"
            target = getattr(self, name, None) if name in FIELD_TYPES or name in ("type", "prompt", "explanation", "tags") else None
            if target is None:
                self.form_problems.append(translated(problem.message))
            else:
                target.errors = list(target.errors or []) + [translated(problem.message)]
        return data


def _per_answer_lines(text: str | None) -> list[tuple[str, str, str]]:
    """(answer, credit, feedback) of each line of the per-answer box; missing parts are empty."""
    out = []
    for line in _lines(text):
        answer, _, rest = line.partition("|")
        share, _, said = rest.partition("|")
        out.append((answer.strip(), share.strip().rstrip("%").strip(), said.strip()))
    return out


def _credit_value(text: str):
    """A typed credit as a number ("50", "33,3"); other text is passed on for the file rules to refuse."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _credit_text(credit) -> str:
    if credit is None:
        return ""
    return str(int(credit)) if float(credit).is_integer() else str(credit)


class ImportForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])
    format = SelectField(_l("Format"), default="")
    title = StringField(_l("Title"), validators=[Optional(), Length(max=limits.TITLE_MAX)],
                        description=_l("For GIFT, Aiken and CSV files, which carry no title; "
                                       "by default the file name."))
    separator = StringField(_l("Separator between term and definition"), validators=[Optional(), Length(max=10)],
                            description=_l("For a Quizlet export with a comma or a custom separator; "
                                           "a tab is recognised by itself."))
    with_history = BooleanField(_l("Bring my review history (Anki packages): my progress continues here"))
    decks = RadioField(_l("Anki decks and subdecks become"), default="tags",
                       choices=[("tags", _l("tags on one set")), ("sets", _l("one set per deck"))])
    accept_skipped = BooleanField(_l("Import the rest if some questions cannot be represented"))
    submit = SubmitField(_l("Import"))

    def __init__(self, *args, **kwargs):
        from quizapp.authoring import import_formats
        from quizapp.templating import format_label

        super().__init__(*args, **kwargs)
        self.format.choices = [SelectChoice("", _("Detect from the file"))] + [
            SelectChoice(name, format_label(name)) for name in import_formats()]


class QuestionMediaForm(FlaskForm):
    file = FileField(_l("Image or sound"), validators=[FileRequired(_l("Choose a file to upload."))],
                     description=_l("PNG, JPEG, GIF or WebP; MP3, OGG or WAV."))
    field = SelectField(_l("Shown with"), default="prompt", choices=[
        ("prompt", _l("the question")), ("answer", _l("the answer")), ("explanation", _l("the explanation"))])
    alt = StringField(_l("Text for those who cannot see or hear it"), validators=[Optional(), Length(max=limits.ANSWER_MAX)])
    submit = SubmitField(_l("Attach"))


class ConfirmImportForm(FlaskForm):
    token = HiddenField()
    submit = SubmitField(_l("Import without them"))


class GenerateForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=limits.TITLE_MAX)])
    language = SelectField(_l("Language of the text"), choices=GENERATOR_LANGUAGES, default="pt")
    text = TextAreaField(_l("Text"), render_kw={"rows": 12},
                         description=_l("Paste an article or notes; every question keeps the sentence it comes from."))
    file = FileField(_l("Or upload a file"), description=_l("A .txt, .md, .html, .docx or .pdf file."))
    submit = SubmitField(_l("Generate draft"))


class ClassForm(FlaskForm):
    name = StringField(_l("Name of the class"), validators=[DataRequired(), Length(max=limits.CLASS_NAME_MAX)])
    submit = SubmitField(_l("Create class"))


class AssignForm(FlaskForm):
    set_id = SelectField(_l("Set"), coerce=int)
    due_on = DateField(_l("Due date (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Assign"))


class JoinForm(FlaskForm):
    code = StringField(_l("Join code"), validators=[DataRequired(), Length(max=32)])
    submit = SubmitField(_l("Join class"))
