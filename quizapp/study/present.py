"""How a question is put in front of a student, shared by the study and quiz pages."""
import random

from flask_babel import gettext as _
from markupsafe import Markup, escape

from quizapp.formats import cloze
from quizapp.formats.markup import render
from quizapp.grading import GradeResult, grade, read_number, spelling_marks
from quizapp.models import Question

# Input kinds per question type: how the answer is given on the page.
INPUTS = {
    "flashcard": "reveal",
    "multiple_choice": "choice",
    "true_false": "truth",
    "cloze": "text",
    "short_answer": "text",
    "numeric": "number",
}


def input_kind(question: Question) -> str:
    return INPUTS.get(question.type, "text")


def shuffled_choices(question: Question, seed: str) -> list[str]:
    """The choices in an order fixed by `seed`: files often list the answer first."""
    choices = list(question.choices or [])
    random.Random(f"{question.id}:{seed}").shuffle(choices)
    return choices


# Stands for a cloze blank while HTML or Markdown around it is rendered (a private-use character).
_BLANK_MARK = "\ue040"


def text_html(question: Question, field: str) -> Markup:
    """A question's prompt or explanation as safe HTML: escaped plain text, or its HTML/Markdown rendered."""
    text = getattr(question, field) or ""
    rendered = render(text, (question.text_format or {}).get(field, "plain"))
    return escape(text) if rendered is None else Markup(rendered)


def prompt_html(question: Question, *, reveal: bool = False) -> Markup:
    """The prompt as safe HTML; a cloze shows a blank, or the answer highlighted once revealed."""
    text = question.prompt or ""
    if question.type != "cloze":
        return text_html(question, "prompt")
    answers = [inside for _start, _end, inside in cloze.blanks(text)]
    marked = cloze.fill(text, lambda inside: _BLANK_MARK)
    rendered = render(marked, (question.text_format or {}).get("prompt", "plain"))
    pieces = (escape(marked) if rendered is None else Markup(rendered)).split(_BLANK_MARK)
    parts = [pieces[0]]
    for answer, piece in zip(answers, pieces[1:]):
        if reveal:
            parts.append(Markup('<mark class="cloze">%s</mark>') % answer)
        else:
            parts.append(Markup('<span class="blank" aria-label="%s">_____</span>') % _("blank"))
        parts.append(Markup(piece))
    return Markup("").join(parts)


def shown_answer(given) -> str:
    """An answer as the student gave it, for feedback ("true"/"false" for true-or-false)."""
    return "" if given is None else str(given)


def verdict(result: GradeResult) -> str:
    """right, partial (partly right), wrong or self (flashcards): the CSS class and test hook of the feedback."""
    if result.self_rated:
        return "self"
    return "right" if result.correct else "partial" if result.partial else "wrong"


def credit_text(credit) -> str:
    """A credit as people write a percentage: 50, 33.3."""
    return f"{float(credit or 0):.1f}".removesuffix(".0")


def answer_hint(question: Question, given: str, *, check_spelling: bool) -> str | None:
    """What to tell a student before their typed answer is taken, or None to take it.

    A number field refuses what is no number. With ``check_spelling`` (a quiz, which shows no
    check page), a near miss (one typo in a long word) is sent back with "almost: check the
    spelling"; the student corrects it or sends it again as it is, and then it is taken.
    """
    if not given.strip():
        return None
    if input_kind(question) == "number" and read_number(given) is None:
        return _("Enter a number, such as 42, 3,5 or 10 mil.")
    if check_spelling and input_kind(question) == "text" and grade(question, given).near_miss:
        return _("Almost: check the spelling. Send it again as it is if you are sure.")
    return None


def spelling_comparison(result: GradeResult, given) -> Markup | None:
    """The given answer with the letters that differ from the expected one marked, for a near miss."""
    if not result.near_miss or not given:
        return None
    return Markup("").join(
        Markup('<mark class="typo">%s</mark>') % piece if differs else escape(piece)
        for piece, differs in spelling_marks(str(given), result.expected)
    )
