"""Per-answer feedback and partial credit through GIFT and Moodle XML: read, written, read back the same; what
neither format nor quizapp can hold (penalties, feedback on Moodle's '*', numeric partial credit) is named."""
import pytest

from quizapp import formats

GIFT = """::closest::Closest planet? {=Mercury#Right ~%50%Venus#Too hot ~Earth ~%-25%Pluto#Not a planet}

::hamlet::Who wrote Hamlet? {=Shakespeare#Yes =%33.5%Marlowe#A contemporary =%0%Bacon#No =%0%Nobody =*#Anything else}

::green::The sky is green. {FALSE#Look up#Right, it is blue}

::blue::The sky is blue. {TRUE##Yes}

::boils::Water boils at {=100 =%25%212#That is Fahrenheit} degrees.

::grant::When was Grant born? {#=1822:0#Correct =%50%1822:2#Close}
"""

SET_YAML = """title: Per answer
questions:
  - id: closest
    type: multiple_choice
    prompt: Closest planet?
    answer: Mercury
    choices: [Mercury, Venus, "Earth {home} #3", Pluto]
    feedback: {Mercury: Right, Venus: "Too hot ~ 460 °C", "Earth {home} #3": "We live here = home"}
    credit: {Venus: 50, Pluto: 12.5}
  - id: hamlet
    type: short_answer
    prompt: Who wrote Hamlet?
    answer: Shakespeare
    accept: [Marlowe, Bacon, Will]
    feedback: {Bacon: "No: an old theory", Marlowe: "A contemporary / rival", Shakespeare: "Yes <b>"}
    credit: {Marlowe: 33.5, Bacon: 0}
  - id: sky
    type: true_false
    prompt: The sky is green.
    answer: false
    feedback: {"true": Look up, "false": "Right: blue"}
  - id: sun
    type: true_false
    prompt: The sun is a star.
    answer: true
    feedback: {"true": "Yes"}
  - id: boils
    type: cloze
    prompt: Water boils at {{100}} degrees.
    accept: ["212"]
    credit: {"212": 25}
    feedback: {"212": "That is Fahrenheit", "100": "Celsius, yes"}
"""


def test_gift_reader_keeps_feedback_and_credit():
    """GIFT's '#feedback' and '%weight%' become the questions' feedback and credit; nothing of them is named lost."""
    result = formats.read(GIFT.encode(), "gift", filename="p.gift")
    q = {question.id: question for question in result.set.questions}
    assert (q["closest"].feedback, q["closest"].credit) == (
        {"Mercury": "Right", "Venus": "Too hot", "Pluto": "Not a planet"}, {"Venus": 50})
    assert q["hamlet"].accept == ["Marlowe", "Bacon"]  # a zero-weight answer without feedback says nothing
    assert (q["hamlet"].feedback, q["hamlet"].credit) == (
        {"Shakespeare": "Yes", "Marlowe": "A contemporary", "Bacon": "No"}, {"Marlowe": 33.5, "Bacon": 0})
    # Moodle reads "{FALSE#a#b}" as a for a wrong answer (true here), b for a right one.
    assert q["green"].feedback == {"true": "Look up", "false": "Right, it is blue"}
    assert q["blue"].feedback == {"true": "Yes"}
    assert (q["boils"].credit, q["boils"].feedback) == ({"212": 25}, {"212": "That is Fahrenheit"})
    assert [(d.line, d.title_or_prompt, d.reason) for d in result.dropped] == [
        (1, "closest", "credit (-25%) for the choice 'Pluto' is not kept"),
        (3, "hamlet", "feedback 'Anything else' on any other answer is not kept"),
        (11, "grant", "feedback 'Correct' on the answer '1822:0' is not kept"),
        (11, "grant", "feedback 'Close' on the answer '1822:2' is not kept"),
        (11, "grant", "partial credit (50%) for the answer '1822:2' is not kept"),
    ]


@pytest.mark.parametrize("name", ["gift", "moodle", "yaml"])
def test_round_trip_keeps_feedback_and_credit(name):
    """Written as GIFT, Moodle XML or YAML and read back, every question keeps its feedback and credit."""
    data = formats.read(SET_YAML.encode(), "yaml").set
    text = formats.write(data, name)
    result = formats.read(text.encode(), name, title=data.title)
    assert [q.to_dict() for q in result.set.questions] == [q.to_dict() for q in data.questions]
    assert result.dropped == [] and result.skipped == []


def test_gift_writer_writes_weights_and_feedback():
    """The GIFT text: '%credit%' where the credit is not the marker's own, '#feedback' after its answer, true/false
    feedback in Moodle's order (wrong, then right)."""
    text = formats.write(formats.read(SET_YAML.encode(), "yaml").set, "gift")
    assert "{=Mercury#Right ~%50%Venus#Too hot \\~ 460 °C ~Earth \\{home\\} \\#3#We live here \\= home ~%12.5%Pluto}" in text
    assert "{=Shakespeare#Yes <b> =%33.5%Marlowe#A contemporary / rival =%0%Bacon#No\\: an old theory =Will}" in text
    assert "{FALSE#Look up#Right\\: blue}" in text and "{TRUE##Yes}" in text
    assert "{=100#Celsius, yes =%25%212#That is Fahrenheit}" in text


def test_moodle_writer_writes_fractions_and_feedback():
    """Moodle XML: each answer's fraction is its credit and its <feedback> its text (HTML-escaped); the cloze's
    embedded answers carry '%25%' and '#feedback'."""
    text = formats.write(formats.read(SET_YAML.encode(), "yaml").set, "moodle")
    assert '<answer fraction="50" format="plain_text">\n      <text>Venus</text>\n      <feedback format="html">\n' \
           '        <text>Too hot ~ 460 °C</text>' in text
    assert '<answer fraction="12.5" format="plain_text">' in text and '<answer fraction="33.5"' in text
    assert "<text>Yes &amp;lt;b&amp;gt;</text>" in text
    assert "{1:SHORTANSWER:=100#Celsius, yes~%25%212#That is Fahrenheit}" in text


def test_moodle_reader_keeps_fractions_and_names_penalties():
    """A Moodle multichoice's partial fractions are credit, negative ones (penalties) are named as not kept; true/false
    feedback follows each value; an embedded MULTICHOICE keeps its credit and feedback."""
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice"><name><text>closest</text></name>
    <questiontext format="html"><text>Closest planet?</text></questiontext><single>true</single>
    <answer fraction="100"><text>Mercury</text></answer>
    <answer fraction="33.33333"><text>Venus</text><feedback><text><![CDATA[<p>Too <b>hot</b></p>]]></text></feedback></answer>
    <answer fraction="-50"><text>Pluto</text></answer>
  </question>
  <question type="truefalse"><name><text>sky</text></name>
    <questiontext format="html"><text>The sky is green.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>Look up</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Right</text></feedback></answer>
  </question>
  <question type="cloze"><name><text>france</text></name>
    <questiontext format="html"><text>France's capital is {1:MULTICHOICE:=Paris#Yes~%50%Lyon#Second city~Nice}.</text></questiontext>
  </question>
</quiz>"""
    result = formats.read(xml.encode(), "moodle", filename="q.xml")
    closest, sky, france = result.set.questions
    assert (closest.credit, closest.feedback) == ({"Venus": 33.33333}, {"Venus": "Too hot"})
    assert sky.feedback == {"true": "Look up", "false": "Right"}
    assert (france.type, france.credit, france.feedback) == (
        "multiple_choice", {"Lyon": 50}, {"Paris": "Yes", "Lyon": "Second city"})
    assert [(d.line, d.reason) for d in result.dropped] == [(3, "credit (-50%) for the choice 'Pluto' is not kept")]
