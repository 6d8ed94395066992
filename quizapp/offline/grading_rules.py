"""The server's grading rules as data, so a device grades offline exactly as :mod:`quizapp.grading` does.

Two parts travel with a download: :func:`rules`, the one set of tables grading reads (the
grading module's own :data:`quizapp.grading.RULES`, never copied: spelling variants, units,
number words, multipliers, opening words, true/false words, plus the casefold and letter-folding
tables Python applies implicitly), and per question `question_rules`: everything about its
accepted answers that does not depend on what the student types, computed here by the server's
own functions (each answer normalised, read as a quantity, and the names the question's texts
give the same person). ``static/grading.js`` ports the steps that depend on the given answer
(normalise, spelling key, read a number with its unit or in words, compare with one typo per long
word); ``tests/browser/test_offline_grading.py`` runs every grading case of the test suite
through it in Chromium and demands the server's verdicts, notes and near misses.
Pure Python: no Flask, no database.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from quizapp import grading
from quizapp.grading import numbers
from quizapp.grading.text import person_forms


# Cased scripts end before U+1F000 (Adlam is the last), so the table needs no code point past it.
_LAST_CASED = 0x1F000


def _casefold_exceptions() -> dict[str, str]:
    """Characters whose casefold differs from their lower case ("ß" → "ss"): JS has no casefold."""
    table = {}
    for code in range(_LAST_CASED):
        char = chr(code)
        if char.casefold() != char.lower():
            table[char] = char.casefold()
    return table


# Bumped when the shape of `rules` or `question_rules` changes, so a device can tell an old download.
GRADING_VERSION = 3


@cache
def rules() -> dict[str, Any]:
    """The tables grading reads, as JSON-ready data; built once per process."""
    return {
        **grading.RULES,
        "version": GRADING_VERSION,
        "casefold": _casefold_exceptions(),
        "fold": {chr(k): v for k, v in grading._FOLD.items()},
        # Every written form of every unit, plurals derived as the server derives them.
        "unit_forms": dict(numbers._UNIT_FORMS),
    }


def _quantity(text: Any) -> dict[str, Any] | None:
    found = grading.parse_quantity(text)
    return None if found is None else {"value": found.value, "unit": found.unit, "is_unit": found.is_unit}


def _alternative(question: Any, text: Any, credit: float = 100, feedback: str | None = None) -> dict[str, Any]:
    """One accepted answer: its normalised words, the quantity it reads as (if any), the other
    normalised ways the question's texts name the same person (see `grading.text.person_forms`),
    and its credit and feedback when it has them."""
    normalized = grading.normalize_text(text)
    out = {"text": normalized, "quantity": _quantity(text),
           "persons": sorted(person_forms(normalized, [str(text), *grading._context(question)]))}
    if credit != 100:
        out["credit"] = credit
    if feedback:
        out["feedback"] = feedback
    return out


def question_rules(question: Any) -> dict[str, Any]:
    """What the device needs to grade one question: its kind of check and the accepted answers."""
    kind = grading._field(question, "type")
    grader = grading.GRADERS.get(kind)
    accept = list(grading._field(question, "accept", []))  # numeric alternatives
    tolerance = float(grading._field(question, "tolerance", 0))
    if grader is grading.grade_flashcard:
        return {"check": "self", "expected": grading.grade_flashcard(question, "").expected}
    feedback = grading._field(question, "feedback", {})
    if grader is grading.grade_multiple_choice:
        choices = [str(c) for c in grading._field(question, "choices", [])]
        credit = grading._field(question, "credit", {})
        expected = str(grading._field(question, "answer", ""))
        spec = {"check": "choice", "expected": expected,
                "answer": grading.normalize_text(grading._field(question, "answer", "")),
                "choices": [grading.normalize_text(c) for c in choices]}
        if credit:  # aligned with "choices": what each one earns
            spec["credits"] = [credit.get(c, 0) for c in choices]
        if feedback:  # and says; the answer's also apart, for an answer missing from the choices
            spec.update(feedbacks=[feedback.get(c) for c in choices], answer_feedback=feedback.get(expected))
        return spec
    if grader is grading.grade_true_false:
        spec = {"check": "truth", "expected": grading.grade_true_false(question, "true").expected}
        if feedback:
            spec["feedback"] = {value: feedback.get(value) for value in ("true", "false")}
        return spec
    if grader is grading.grade_numeric:
        answer = grading._field(question, "answer")
        return {"check": "number", "expected": grading._format_number(answer), "tolerance": tolerance,
                "targets": [grading.read_number(a) for a in [answer, *accept]]}
    if grader is grading.grade_typed:
        expected = grading._expected_typed(question)
        return {"check": "typed", "expected": expected, "tolerance": tolerance,
                "language": grading._field(question, "language"),
                # Most credit first, as the server tries them; full credit and no feedback are left unsaid.
                "alternatives": [_alternative(question, text, credit, said)
                                 for text, credit, said in grading.typed_alternatives(question)]}
    raise ValueError(f"no device grading for question type {kind!r}")
