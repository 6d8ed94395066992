"""Per-answer feedback and partial credit in the YAML contract: validated with file, line and field, and
written back unchanged (a YAML round trip keeps them)."""
import pytest

from quizapp import formats
from quizapp.formats import FormatError
from quizapp.formats.model import question_from_dict

QUESTIONS = """title: Per answer
questions:
  - id: closest
    type: multiple_choice
    prompt: Which planet is closest to the Sun?
    answer: Mercury
    choices: [Mercury, Venus, Earth, "1945"]
    feedback: {Venus: Too hot, Mercury: Right, 1945: "A year, not a planet"}
    credit: {Venus: 50, Earth: 0}
  - id: hamlet
    type: short_answer
    prompt: Who wrote Hamlet?
    answer: Shakespeare
    accept: [Marlowe, Bacon, Will]
    feedback: {Bacon: "No: an old theory", Marlowe: A contemporary}
    credit: {Marlowe: 33.5, Bacon: 0, Will: 100}
  - id: boils
    type: cloze
    prompt: Water boils at {{100}} degrees.
    accept: ["212"]
    credit: {"212": 25}
  - id: sky
    type: true_false
    prompt: The sky is green.
    answer: false
    feedback: {true: Look up, false: "Right: blue"}
"""


def _questions(text=QUESTIONS):
    return {q.id: q for q in formats.read(text.encode(), "yaml").set.questions}


def test_feedback_and_credit_are_read_by_answer():
    """Feedback and credit are read per answer; numbers and true/false keys become the answer's text."""
    questions = _questions()
    assert questions["closest"].feedback == {"Venus": "Too hot", "Mercury": "Right", "1945": "A year, not a planet"}
    assert questions["closest"].credit == {"Venus": 50}  # a choice earns 0 unless said: Earth's 0 is the default
    assert questions["hamlet"].credit == {"Marlowe": 33.5, "Bacon": 0}  # accept earns 100 unless said
    assert questions["boils"].credit == {"212": 25}
    assert questions["sky"].feedback == {"true": "Look up", "false": "Right: blue"}


def test_yaml_round_trip_keeps_feedback_and_credit():
    """Written as YAML and read again, every question keeps its feedback and credit."""
    data = formats.read(QUESTIONS.encode(), "yaml").set
    again = formats.read(formats.write(data, "yaml").encode(), "yaml").set
    assert [q.to_dict() for q in again.questions] == [q.to_dict() for q in data.questions]
    assert "credit:\n      Venus: 50" in formats.write(data, "yaml")


@pytest.mark.parametrize("fields, field, message", [
    ({"credit": {"Venus": 150}}, "credit.Venus", "credit must be from 0 to 100, not 150"),
    ({"credit": {"Venus": -1}}, "credit.Venus", "credit must be from 0 to 100"),
    ({"credit": {"Venus": "half"}}, "credit.Venus", "credit is a number from 0 to 100"),
    ({"credit": {"Venus": True}}, "credit.Venus", "credit is a number from 0 to 100"),
    ({"credit": {"Mercury": 50}}, "credit.Mercury", "needs one full-credit answer"),
    ({"credit": {"Venus": 100}}, "credit.Venus", "only the answer earns full credit"),
    ({"credit": {"Pluto": 50}}, "credit.Pluto", "'Pluto' is not one of the question's answers"),
    ({"feedback": {"Pluto": "Far"}}, "feedback.Pluto", "'Pluto' is not one of the question's answers"),
    ({"feedback": ["Far"]}, "feedback", "'feedback' is a mapping from an answer"),
    ({"feedback": {"Venus": "x" * 10_001}}, "feedback.Venus", "at most 10000"),
])
def test_bad_feedback_or_credit_is_refused_naming_the_field(fields, field, message):
    """Credit outside 0-100, a partial answer, an unknown answer or a bad shape are refused with the field."""
    raw = {"type": "multiple_choice", "prompt": "Closest planet?", "answer": "Mercury",
           "choices": ["Mercury", "Venus", "Earth"], **fields}
    question, problems = question_from_dict(raw)
    assert question is None
    assert [p.field for p in problems] == [f"questions[0].{field}"] and message in problems[0].message


@pytest.mark.parametrize("qtype, extra, field", [
    ("numeric", {"answer": 3, "credit": {"3": 50}}, "credit"),
    ("numeric", {"answer": 3, "feedback": {"3": "Yes"}}, "feedback"),
    ("flashcard", {"answer": "x", "feedback": {"x": "Yes"}}, "feedback"),
    ("true_false", {"answer": True, "credit": {"false": 50}}, "credit"),
])
def test_types_without_per_answer_values_refuse_them(qtype, extra, field):
    """Numeric questions and flashcards hold neither; true/false holds feedback but no credit."""
    _, problems = question_from_dict({"type": qtype, "prompt": "P?", **extra})
    assert [p.field for p in problems] == [f"questions[0].{field}"] and "questions only" in problems[0].message


def test_the_refusal_names_file_and_line():
    """A bad credit in a file is refused with the file, the line of the question's field and the field."""
    text = QUESTIONS.replace("credit: {Venus: 50, Earth: 0}", "credit: {Venus: 500}")
    with pytest.raises(FormatError) as refused:
        formats.read(text.encode(), "yaml", filename="planets.yaml")
    assert str(refused.value).startswith("planets.yaml, line 9, field 'questions[0].credit.Venus': credit must be")
