"""Moodle XML in and out: each question type, categories, cloze, what is skipped or lost, refusals."""
import pytest

from quizapp import formats
from quizapp.formats import FormatError
from tests.formats.formats_factories import gen_every_type_set

QUIZ = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Geography/Rivers</text></category></question>
  <question type="multichoice">
    <name><text>longest</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which river is the <b>longest</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>About 1,000 km.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>Tagus</text><feedback><text>Yes.</text></feedback></answer>
    <answer fraction="0"><text>Douro</text></answer>
    <answer fraction="0"><text>Ebro</text></answer>
    <tags><tag><text>iberia</text></tag></tags>
  </question>
  <question type="truefalse">
    <name><text>ebro atlantic</text></name>
    <questiontext format="moodle_auto_format"><text>The Ebro flows into the Atlantic.</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>lisbon</text></name>
    <questiontext format="html"><text>Which river flows through Lisbon?</text></questiontext>
    <answer fraction="100"><text>Tagus</text></answer>
    <answer fraction="100"><text>Tejo</text></answer>
    <answer fraction="50"><text>Tajo</text></answer>
  </question>
  <question type="numerical">
    <name><text>length</text></name>
    <questiontext format="html"><text>Length of the Tagus in km?</text></questiontext>
    <answer fraction="100"><text>1007</text><tolerance>10</tolerance></answer>
  </question>
  <question type="description">
    <name><text>intro</text></name>
    <questiontext format="html"><text>Read about rivers.</text></questiontext>
  </question>
  <question type="cloze">
    <name><text>capital</text></name>
    <questiontext format="html"><text>The capital of France is {1:SHORTANSWER:=Paris#Right~*#No}.</text></questiontext>
  </question>
  <question type="cloze">
    <name><text>two gaps</text></name>
    <questiontext format="html"><text>{1:SA:=a} and {1:SA:=b}</text></questiontext>
  </question>
</quiz>
"""


def test_moodle_questions_of_each_type():
    """Multichoice, truefalse, shortanswer, numerical and one-gap cloze become the matching quizapp types."""
    result = formats.read(QUIZ, filename="rivers.xml")
    assert [(q.id, q.type, q.prompt, q.answer) for q in result.set.questions] == [
        ("longest", "multiple_choice", "Which river is the longest?", "Tagus"),
        ("ebro-atlantic", "true_false", "The Ebro flows into the Atlantic.", False),
        ("lisbon", "short_answer", "Which river flows through Lisbon?", "Tagus"),
        ("length", "numeric", "Length of the Tagus in km?", 1007),
        ("capital", "cloze", "The capital of France is {{Paris}}.", "Paris"),
    ]
    longest, _, lisbon, length, capital = result.set.questions
    assert longest.choices == ["Tagus", "Douro", "Ebro"] and longest.explanation == "About 1,000 km."
    assert longest.tags == ["iberia", "Geography/Rivers"] and longest.feedback == {"Tagus": "Yes."}
    assert lisbon.accept == ["Tejo", "Tajo"] and lisbon.credit == {"Tajo": 50} and length.tolerance == 10
    assert capital.feedback == {"Paris": "Right"}


def test_moodle_skipped_and_lost_are_named_with_lines():
    """A description and a two-gap cloze are skipped; feedback on Moodle's '*' (any other answer) is named as not
    kept, while per-answer feedback and partial credit are kept."""
    result = formats.read(QUIZ, filename="rivers.xml")
    assert [(s.line, s.reason) for s in result.skipped] == [
        (32, "description, not a question"), (40, "cloze with 2 embedded answers; quizapp holds one a question")]
    assert [(d.line, d.reason) for d in result.dropped] == [
        (36, "feedback 'No' on any other answer is not kept"),
    ]


def test_moodle_xml_is_not_read_as_one_gift_cloze():
    """The embedded {1:SHORTANSWER:=Paris} no longer makes the whole document one GIFT question."""
    assert formats.detect_format(QUIZ) == "moodle"


@pytest.mark.parametrize("text, message", [
    ("<quiz><question type='truefalse'>", "XML syntax"),
    ('<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>', "DTD"),
    ("<quiz></quiz>", "no questions found"),
])
def test_moodle_refusals(text, message):
    """Broken XML, entity declarations and empty quizzes are refused with a message."""
    with pytest.raises(FormatError, match=message):
        formats.read(text, format="moodle", filename="bad.xml")


def test_moodle_round_trip_keeps_every_type():
    """Our Moodle XML comes back with the same questions (flashcards as short answers)."""
    original = gen_every_type_set()
    back = formats.read(formats.write(original, "moodle"), format="moodle").set
    assert [(q.id, q.prompt, q.answer, q.choices, q.accept, q.tolerance, q.explanation, q.tags)
            for q in back.questions] == [(q.id, q.prompt, q.answer, q.choices, q.accept, q.tolerance, q.explanation,
                                          q.tags) for q in original.questions]
    assert [q.type for q in back.questions] == [q.type.replace("flashcard", "short_answer") for q in original.questions]


def test_moodle_cloze_answer_with_syntax_characters_round_trips():
    """A cloze answer holding '}', '#', '~' or '/' is escaped in the embedded answer and read back whole."""
    from tests.formats.formats_factories import gen_question, gen_set

    original = gen_set([gen_question(id="c", type="cloze", prompt="Write {{a}b#c~d/e}} here.", answer="a}b#c~d/e")])
    (back,) = formats.read(formats.write(original, "moodle"), format="moodle").set.questions
    assert (back.prompt, back.answer) == ("Write {{a}b#c~d/e}} here.", "a}b#c~d/e")
