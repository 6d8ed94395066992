"""Per-answer feedback and partial credit: the grade says what the chosen or typed answer earns and what the
question says about it (the offline grader is held to the same cases, tests/browser/test_offline_grading.py)."""

import pytest

from quizapp.grading import grade, proposed_rating
from quizapp.scheduling import Rating

PLANETS = {"type": "multiple_choice", "prompt": "Which planet is closest to the Sun?", "answer": "Mercury",
           "choices": ["Mercury", "Venus", "Earth"], "credit": {"Venus": 50},
           "feedback": {"Venus": "Too hot, and second", "Mercury": "Right", "Earth": "That is us"}}
HAMLET = {"type": "short_answer", "prompt": "Who wrote Hamlet?", "answer": "William Shakespeare",
          "accept": ["Shakespeare", "Christopher Marlowe", "Francis Bacon"],
          "credit": {"Christopher Marlowe": 50, "Francis Bacon": 0},
          "feedback": {"Christopher Marlowe": "A contemporary, not the author", "Francis Bacon": "A old theory",
                       "William Shakespeare": "Yes"}}
BOILS = {"type": "cloze", "prompt": "Water boils at {{100}} degrees Celsius at sea level.", "answer": "100",
         "accept": ["212"], "credit": {"212": 25}, "feedback": {"212": "That is Fahrenheit"}}
SKY = {"type": "true_false", "prompt": "The sky is green.", "answer": False,
       "feedback": {"true": "Look up", "false": "Right, it is blue"}}


@pytest.mark.parametrize("given, credit, feedback", [
    ("Mercury", 100, "Right"),
    ("venus", 50, "Too hot, and second"),
    ("Earth", 0, "That is us"),
    ("Pluto", 0, None),
])
def test_a_choice_earns_its_credit_and_shows_its_feedback(given, credit, feedback):
    """A choice earns its credit (the answer 100, an unlisted one 0) and carries its feedback."""
    result = grade(PLANETS, given)
    assert (result.credit, result.feedback, result.correct) == (credit, feedback, credit == 100)


@pytest.mark.parametrize("given, credit, feedback", [
    ("William Shakespeare", 100, "Yes"),
    ("shakespeare", 100, None),
    ("Christopher Marlowe", 50, "A contemporary, not the author"),
    ("Christopher Marlow", 50, "A contemporary, not the author"),  # a typo forgiven, as for full credit
    ("Francis Bacon", 0, "A old theory"),
    ("Ben Jonson", 0, None),
])
def test_a_typed_answer_earns_the_credit_of_the_alternative_it_matches(given, credit, feedback):
    """A typed answer earns what its alternative earns, with that alternative's feedback."""
    result = grade(HAMLET, given)
    assert (result.credit, result.feedback, result.correct) == (credit, feedback, credit == 100)


@pytest.mark.parametrize("given, credit, feedback", [("100", 100, None), ("212", 25, "That is Fahrenheit"),
                                                     ("cem", 100, None), ("90", 0, None)])
def test_a_cloze_alternative_with_partial_credit(given, credit, feedback):
    """Numbers typed in a cloze match their alternative as numbers, partial credit included."""
    result = grade(BOILS, given)
    assert (result.credit, result.feedback) == (credit, feedback)


@pytest.mark.parametrize("given, feedback, correct", [("true", "Look up", False), ("F", "Right, it is blue", True),
                                                      ("maybe", None, False)])
def test_true_false_feedback_follows_the_value_given(given, feedback, correct):
    """True or false each have their feedback; an unreadable answer has none."""
    result = grade(SKY, given)
    assert (result.feedback, result.correct) == (feedback, correct)


@pytest.mark.parametrize("given", ["Shakespeare", "SHAKESPEARE"])
def test_most_credit_wins_when_an_answer_matches_several_alternatives(given):
    """An answer matching a partial-credit alternative and a full-credit one earns the full credit."""
    question = {**HAMLET, "accept": ["Shakespeare", "shakespeare"], "credit": {"Shakespeare": 50}, "feedback": {}}
    assert grade(question, given).credit == 100


def test_a_partly_right_answer_proposes_hard():
    """Right proposes Good, partly right Hard (recalled, not as asked), a zero-credit answer Again."""
    assert proposed_rating(grade(PLANETS, "Mercury")) is Rating.GOOD
    assert proposed_rating(grade(PLANETS, "Venus")) is Rating.HARD
    assert proposed_rating(grade(PLANETS, "Earth")) is Rating.AGAIN
    assert proposed_rating(grade(HAMLET, "Francis Bacon")) is Rating.AGAIN


def test_questions_without_credit_grade_all_or_nothing():
    """Without credit or feedback a grade is 100 or 0 with no feedback, as before."""
    right, wrong = grade({"type": "short_answer", "answer": "Lisbon"}, "lisbon"), grade(
        {"type": "numeric", "answer": 3}, "4")
    assert (right.credit, right.feedback, wrong.credit, wrong.partial) == (100, None, 0, False)
    assert grade({"type": "flashcard", "answer": "x"}, "").credit is None
