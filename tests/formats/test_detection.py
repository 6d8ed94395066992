"""Honest detection: a format is chosen from the file's own signature, never from a stray brace."""
import pytest

from quizapp import formats
from quizapp.formats import FormatError, gift

MOODLE_CLOZE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>capital</text></name>
    <questiontext format="html"><text>The capital of France is {1:SHORTANSWER:=Paris}.</text></questiontext>
  </question>
</quiz>
"""


@pytest.mark.parametrize("text", [
    "The set {1, 2, 3} has three members.\n",
    "function f() { return 1; }\n",
    '{"title": "not yaml, not gift"}\n',
    "just some prose\n",
])
def test_braces_alone_are_not_gift(text):
    """Text whose only likeness to GIFT is a pair of braces is refused, listing the formats."""
    with pytest.raises(FormatError) as caught:
        formats.detect_format(text, filename="notes.txt")
    message = str(caught.value)
    assert "could not tell the format" in message and "gift" in message and "yaml" in message


def test_moodle_xml_with_embedded_answers_is_not_gift():
    """A Moodle XML file holding '{1:SHORTANSWER:=Paris}' is never read as one GIFT cloze."""
    assert formats.detect_format(MOODLE_CLOZE, filename="quiz.xml") != "gift"
    assert not gift.sniff(MOODLE_CLOZE)


def test_signature_wins_over_a_wrong_extension():
    """A YAML set saved as .txt, or GIFT saved as .csv, is read as what it is."""
    assert formats.detect_format("title: Rivers\nquestions: []\n", filename="rivers.txt") == "yaml"
    assert formats.detect_format("Is the Ebro long?{T}\n", filename="rivers.csv") == "gift"


def test_extension_names_the_reader_when_no_signature_matches():
    """A .gift file with no recognisable question goes to the GIFT reader, which says what is wrong."""
    with pytest.raises(FormatError, match="no questions found|skipped"):
        formats.read("Only a description here.\n", filename="empty.gift")


@pytest.mark.parametrize("text", ["::q1:: What? {=A ~B}\n", "What? {~A =B}\n", "The Ebro is in Spain. {T}\n",
                                  "Describe it. {}\n", "[markdown] **Bold** question {=yes}\n",
                                  "Year? {#1945}\n", "$CATEGORY: rivers\n\nThe Ebro is long.{TRUE}\n"])
def test_gift_signatures(text):
    """Titles, categories, format markers and answer-block markers are GIFT's signature."""
    assert formats.detect_format(text) == "gift"


def test_unclosed_block_before_the_next_question_is_refused_with_its_line():
    """'{=A ~B', a blank line and '::q2:: Broken {}' is refused at line 1, not read as one garbage question."""
    with pytest.raises(FormatError) as caught:
        formats.read("::q1:: What? {=A ~B\n\n::q2:: Broken {}\n", filename="bad.gift")
    (problem,) = caught.value.problems
    assert problem.line == 1 and "not closed before the next '{' (line 3)" in problem.message


def test_per_answer_feedback_and_partial_credit_are_kept():
    """Per-answer feedback and partial credit are kept on the questions; nothing of them is listed as lost."""
    text = ("Nearest planet to the Sun?{=Mercury ~Venus#Too hot}\n\n"
            "Who wrote Tamburlaine?{=Marlowe =%50%Shakespeare}\n\n"
            "Is Mars red?{T#No, it is red.#Right.}\n")
    result = gift.read(text, filename="planets.gift")
    assert result.dropped == []
    planet, author, mars = result.set.questions
    assert (planet.feedback, author.credit, mars.feedback) == (
        {"Venus": "Too hot"}, {"Shakespeare": 50}, {"false": "No, it is red.", "true": "Right."})
    assert [q.answer for q in result.set.questions] == ["Mercury", "Marlowe", True]
