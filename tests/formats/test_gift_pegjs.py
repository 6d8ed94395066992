"""Our GIFT export read by an independent parser: gift-pegjs (npm, the GIFT-grammar-PEG.js grammar) run in node.

A set with every question type, per-answer feedback, partial credit, a known wrong answer, general
feedback, tags, Markdown and every character GIFT escapes is written by quizapp's GIFT writer and parsed
by gift-pegjs; each question it finds must match ours field for field. Skipped when node or the
package (``npm ci``) is missing.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from quizapp import formats
from quizapp.formats import cloze

ROOT = Path(__file__).resolve().parents[2]
PARSER = ROOT / "node_modules" / "gift-pegjs"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None or not PARSER.is_dir(), reason="needs node and gift-pegjs (npm ci)")

SET_YAML = r"""
title: Every GIFT question
questions:
  - id: cell
    type: flashcard
    front: Powerhouse of the cell
    back: Mitochondria
    tags: [biology]
  - id: closest
    type: multiple_choice
    prompt: Which planet is closest to the Sun?
    answer: Mercury
    choices: [Mercury, Venus, Earth, "Mars: the red one"]
    credit: {Venus: 50, "Mars: the red one": 12.5}
    feedback: {Mercury: Right, Venus: "Close: it is second", Earth: "We live here = home"}
    explanation: Mercury orbits at 0.39 AU.
    tags: [space, planets]
  - id: sahara
    type: true_false
    prompt: The Sahara is the largest hot desert.
    answer: true
    feedback: {"true": "Yes, about 9 million km²", "false": "It is: look at a map"}
  - id: green-sky
    type: true_false
    prompt: The sky is green.
    answer: false
    feedback: {"false": "Right, it is blue"}
  - id: boils
    type: cloze
    prompt: Water boils at {{100}} degrees Celsius at sea level.
    accept: ["212"]
    credit: {"212": 25}
    feedback: {"212": "That is Fahrenheit"}
  - id: capital-end
    type: cloze
    prompt: The capital of Portugal is {{Lisbon}}
    accept: [Lisboa]
  - id: hamlet
    type: short_answer
    prompt: Who wrote {Hamlet} ~ the play #1?
    answer: William Shakespeare
    accept: [Shakespeare, Christopher Marlowe, Francis Bacon]
    credit: {Christopher Marlowe: 50, Francis Bacon: 0}
    feedback: {Christopher Marlowe: "A contemporary \\ rival", Francis Bacon: "No: an old theory"}
  - id: everest
    type: numeric
    prompt: How tall is Mount Everest, in metres?
    answer: 8849
    tolerance: 10
  - id: pi
    type: numeric
    prompt: Pi to two decimals?
    answer: 3.14
    tolerance: 0.005
  - id: soldiers
    type: numeric
    prompt: How many soldiers?
    answer: 10000
  - id: markdown
    type: short_answer
    prompt: "Is **2 + 2** = 4? Write it: a:b"
    answer: "yes: it is"
    text_format: {prompt: markdown}
"""


def _parse(text: str) -> list[dict]:
    script = ("const {parse} = require(process.argv[1]); let s = '';"
              "process.stdin.on('data', d => s += d).on('end', () => console.log(JSON.stringify(parse(s))));")
    done = subprocess.run([NODE, "-e", script, str(PARSER)], input=text, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _text(part) -> str | None:
    return None if part is None else part["text"]


def _weight(question, text: str):
    """What gift-pegjs reports as a choice's weight: None for the default (the marker's own credit)."""
    credit = question.credit.get(text)
    return None if credit is None else credit


@pytest.fixture(scope="module")
def exported():
    data = formats.read(SET_YAML.encode(), "yaml").set
    return data, _parse(formats.write(data, "gift"))


def test_gift_pegjs_finds_every_question_with_its_type_title_and_tags(exported):
    """Every question comes back, in order, with its id as title, its type and its tags."""
    data, parsed = exported
    kinds = {"flashcard": "Short", "multiple_choice": "MC", "true_false": "TF", "cloze": "Short",
             "short_answer": "Short", "numeric": "Numerical"}
    assert [(q["title"], q["type"], q["tags"] or []) for q in parsed] == [
        (q.id, kinds[q.type], q.tags) for q in data.questions]


def test_stems_and_general_feedback_match(exported):
    """The stem is our prompt (a cloze's blank where GIFT puts '_____'), in its format; the general feedback is the
    explanation."""
    data, parsed = exported
    for ours, theirs in zip(data.questions, parsed):
        prompt = ours.prompt
        if ours.type == "cloze":
            start, end, _ = cloze.blanks(prompt)[0]
            embedded = bool(prompt[end:].strip())
            prompt = (prompt[:start] + "_____" + prompt[end:]) if embedded else prompt[:start].strip()
            assert theirs["hasEmbeddedAnswers"] is embedded, ours.id
        assert theirs["stem"] == {"format": ours.text_format.get("prompt", "moodle"), "text": prompt}, ours.id
        assert _text(theirs["globalFeedback"]) == ours.explanation, ours.id


def test_choices_carry_correctness_weight_and_feedback(exported):
    """Multiple choice: each choice in order, right only for the answer, partial credit as its weight, its feedback."""
    data, parsed = exported
    checked = 0
    for ours, theirs in zip(data.questions, parsed):
        if ours.type != "multiple_choice":
            continue
        assert [(_text(c["text"]), c["isCorrect"], c["weight"], _text(c["feedback"])) for c in theirs["choices"]] == [
            (choice, choice == ours.answer, _weight(ours, choice), ours.feedback.get(choice)) for choice in ours.choices]
        checked += 1
    assert checked == 1


def test_typed_answers_carry_alternatives_credit_and_feedback(exported):
    """Short answers, cloze and flashcards: the answer then every alternative, each with its credit and feedback."""
    data, parsed = exported
    checked = 0
    for ours, theirs in zip(data.questions, parsed):
        if ours.type not in ("short_answer", "cloze", "flashcard"):
            continue
        answers = [str(ours.answer), *ours.accept]
        assert [(_text(c["text"]), c["isCorrect"], c["weight"], _text(c["feedback"])) for c in theirs["choices"]] == [
            (answer, True, _weight(ours, answer), ours.feedback.get(answer)) for answer in answers], ours.id
        checked += 1
    assert checked == 5


def test_true_false_carries_both_feedbacks(exported):
    """True/false: the value, and the two feedbacks in GIFT's order (first for a wrong answer, then for a right one,
    as Moodle reads them; gift-pegjs names the two places trueFeedback and falseFeedback)."""
    data, parsed = exported
    pairs = [(theirs["isTrue"], _text(theirs["trueFeedback"]), _text(theirs["falseFeedback"]))
             for ours, theirs in zip(data.questions, parsed) if ours.type == "true_false"]
    assert pairs == [(True, "It is: look at a map", "Yes, about 9 million km²"), (False, None, "Right, it is blue")]


def test_numbers_and_tolerances_match(exported):
    """Numeric: the number and its tolerance, read as numbers; whole tolerances are written without '.0'."""
    data, parsed = exported
    numbers = [(q.answer, q.tolerance) for q in data.questions if q.type == "numeric"]
    theirs = [(t["choices"]["number"], t["choices"].get("range")) for q, t in zip(data.questions, parsed)
              if q.type == "numeric"]
    assert theirs == [(8849, 10), (3.14, 0.005), (10000, None)] == [(a, t) for a, t in numbers]
    text = formats.write(data, "gift")
    assert "{#8849:10}" in text and "{#10000}" in text and ".0}" not in text


def test_what_gift_pegjs_reads_comes_back_the_same_through_our_reader(exported):
    """Our reader reads the same export back to the same questions (the round trip the parser checked)."""
    data, _ = exported
    again = formats.read(formats.write(data, "gift").encode(), "gift", title=data.title).set
    assert [q.to_dict() for q in again.questions] == [
        {**q.to_dict(), "type": "short_answer" if q.type == "flashcard" else q.type} for q in data.questions]
