"""GIFT reader against the golden pairs of an independent parser (GIFT-grammar-PEG.js).

The pairs live outside the project, in ``shared/conformance/gift``; each ``NAME.gift`` comes with
``NAME.json``, the questions that parser finds. We map its types to ours and check that we find
the same questions, stems, answers, weights (partial credit) and per-answer feedback, and that what
we cannot represent is named as skipped.
"""
import json
import re
from pathlib import Path

import pytest

from quizapp import formats
from quizapp.formats import FormatError, gift
from quizapp.formats.model import ID_PATTERN, slugify

CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "gift"
PAIRS = sorted(CONFORMANCE.glob("*.gift")) if CONFORMANCE.is_dir() else []

# Their types we do not import, and the reason we give.
SKIPPED_TYPES = {"Matching": "matching", "Essay": "essay", "Description": "description"}


def squeeze(text: str) -> str:
    # They pad the blank as " _____ " and we keep the author's spacing; compare without whitespace.
    return "".join(text.split())


def squeezed(feedback: dict) -> dict:
    return {key: squeeze(text) for key, text in feedback.items()}


def feedback_of(choices: list[dict]) -> dict:
    """Their per-choice feedback by choice text, as we keep it."""
    return {c["text"]["text"]: squeeze(c["feedback"]["text"]) for c in choices
            if c.get("feedback") and squeeze(c["feedback"]["text"])}


def full_credit(weight) -> bool:
    return weight in (None, 100)


def expected_skip_reason(item: dict) -> str | None:
    """The reason we should give for skipping their item, or None if we should import it."""
    if item["type"] in SKIPPED_TYPES:
        return SKIPPED_TYPES[item["type"]]
    if item["type"] == "MC":
        right = [choice for choice in item["choices"] if choice["isCorrect"]]
        if len(right) > 1:
            return "more than one right choice"
        if not right:
            return "multiple-answer"
    return None


def our_items(path: Path):
    """Our questions and our skipped items, each in file order; all-skipped files come as a FormatError."""
    try:
        result = gift.read(path.read_text(encoding="utf-8"), filename=path.name)
    except FormatError as error:
        return [], [problem.message for problem in error.problems]
    return result.set.questions, [item.reason for item in result.skipped]


def check_question(theirs: dict, ours) -> None:
    stem = ours.prompt.replace("{{" + str(ours.answer) + "}}", "_____") if ours.type == "cloze" else ours.prompt
    assert squeeze(stem) == squeeze(theirs["stem"]["text"])
    if theirs.get("id"):
        assert ours.id == theirs["id"]
    elif theirs["title"]:
        title = theirs["title"]
        assert ours.id.startswith(title if ID_PATTERN.match(title) else slugify(title))
    for tag in theirs.get("tags") or []:
        assert tag in ours.tags
    if theirs["globalFeedback"]:
        assert squeeze(ours.explanation) == squeeze(theirs["globalFeedback"]["text"])
    check_answer(theirs, ours)


def check_answer(theirs: dict, ours) -> None:
    kind = theirs["type"]
    if kind == "TF":
        assert ours.type == "true_false" and ours.answer is theirs["isTrue"]
        # Their two places in file order: Moodle shows the first after a wrong answer, the second after a right one.
        wrong, right = str(not theirs["isTrue"]).lower(), str(theirs["isTrue"]).lower()
        assert squeezed(ours.feedback) == {key: squeeze(place["text"]) for key, place in (
            (wrong, theirs["trueFeedback"]), (right, theirs["falseFeedback"])) if place and squeeze(place["text"])}
    elif kind == "MC":
        assert ours.type == "multiple_choice"
        assert ours.choices == [choice["text"]["text"] for choice in theirs["choices"]]
        (right,) = [choice for choice in theirs["choices"] if choice["isCorrect"]]
        assert ours.answer == right["text"]["text"] and full_credit(right["weight"])
        assert ours.credit == {c["text"]["text"]: c["weight"] for c in theirs["choices"]
                               if not c["isCorrect"] and c["weight"] and 0 < c["weight"] < 100}
        assert squeezed(ours.feedback) == feedback_of(theirs["choices"])
    elif kind == "Short":
        assert ours.type == ("cloze" if theirs["hasEmbeddedAnswers"] else "short_answer")
        # Kept: full and partial credit, and a zero-credit answer with feedback to show; not Moodle's "*".
        kept = [c for c in theirs["choices"] if c["text"]["text"] != "*" and (
            full_credit(c["weight"]) or 0 < c["weight"] < 100 or (c["weight"] == 0 and c["feedback"]))]
        first = next(c["text"]["text"] for c in kept if full_credit(c["weight"]))
        assert [ours.answer, *ours.accept] == [first, *(c["text"]["text"] for c in kept if c["text"]["text"] != first)]
        assert ours.credit == {c["text"]["text"]: c["weight"] for c in kept if not full_credit(c["weight"])}
        assert squeezed(ours.feedback) == feedback_of(kept)
    elif kind == "Numerical":
        assert ours.type == "numeric"
        spec = theirs["choices"]
        if isinstance(spec, list):
            spec = next(c["text"] for c in spec if c["isCorrect"] and full_credit(c["weight"]))
        if spec["type"] == "simple":
            assert (ours.answer, ours.tolerance) == (spec["number"], None)
        elif spec["type"] == "range":
            assert (ours.answer, ours.tolerance) == (spec["number"], spec["range"])
        else:
            low, high = spec["numberLow"], spec["numberHigh"]
            assert ours.answer == pytest.approx((low + high) / 2)
            assert ours.tolerance == pytest.approx((high - low) / 2)
    else:
        pytest.fail(f"unexpected type {kind}")


@pytest.mark.skipif(not PAIRS, reason="shared/conformance/gift is not present")
@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_gift_conformance(path):
    """We import the questions the reference parser finds, and name the ones we skip."""
    theirs = [item for item in json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
              if item["type"] != "Category"]
    questions, skip_reasons = our_items(path)
    if not theirs:
        assert not questions and "no questions found" in skip_reasons[0]
        return
    expected_questions = [item for item in theirs if expected_skip_reason(item) is None]
    expected_skips = [expected_skip_reason(item) for item in theirs if expected_skip_reason(item) is not None]
    assert len(questions) == len(expected_questions)
    assert len(skip_reasons) == len(expected_skips)
    for reason, expected in zip(skip_reasons, expected_skips):
        assert expected in reason
    for item, question in zip(expected_questions, questions):
        check_question(item, question)


@pytest.mark.skipif(not PAIRS, reason="shared/conformance/gift is not present")
def test_categories_become_tags():
    """Questions after a $CATEGORY line carry the category path as a tag."""
    text = (CONFORMANCE / "categorySpecialCharacter.gift").read_text(encoding="utf-8")
    result = gift.read(text + "\n\nThe Douro ends in Porto.{T}\n", filename="c.gift")
    assert result.set.questions[0].tags == ["Default for Unit 1: Topic"]
    assert re.fullmatch(r"[^$]+", result.set.questions[0].tags[0])


@pytest.mark.skipif(not PAIRS, reason="shared/conformance/gift is not present")
@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_gift_detected_from_content(path):
    """Every reference file is recognised as GIFT from its content alone, without its extension."""
    assert formats.detect_format(path.read_text(encoding="utf-8")) == "gift"
