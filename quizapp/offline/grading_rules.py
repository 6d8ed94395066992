"""The server's grading rules as data, so a device grades offline exactly as :mod:`quizapp.grading` does.

Two parts travel with a download: :func:`rules`, the tables every answer is normalised with (taken
from the grading module itself, never copied), and per question `question_rules`, its accepted
answers already normalised here. ``static/grading.js`` applies the few steps left to the given
answer (normalise, read a number, compare); ``tests/browser/test_offline_grading.py`` runs the
server's grading cases through it in Chromium and demands identical verdicts, so when the
grading module grows, the shared cases show where the device falls behind.
Pure Python: no Flask, no database.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from quizapp import grading


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


@cache
def rules() -> dict[str, Any]:
    """The tables every answer is normalised with; built once per process."""
    return {
        "casefold": _casefold_exceptions(),
        "fold": {chr(k): v for k, v in grading._FOLD.items()},
        "leading_words": sorted(grading._LEADING_FUNCTION_WORDS),
        "typo_min_length": grading.TYPO_MIN_LENGTH,
        "multipliers": grading._MULTIPLIERS,
        "true_words": sorted(grading._TRUE),
        "false_words": sorted(grading._FALSE),
    }


def _alternative(text: Any) -> dict[str, Any]:
    """One accepted answer: its normalised words (opening articles dropped) and its number, if any."""
    return {"text": grading._without_leading_function_words(grading.normalize_text(text)),
            "number": grading.parse_number(text)}


def question_rules(question: Any) -> dict[str, Any]:
    """What the device needs to grade one question: its kind of check and the accepted answers."""
    kind = grading._field(question, "type")
    grader = grading.GRADERS.get(kind)
    accept = list(grading._field(question, "accept", []))
    tolerance = float(grading._field(question, "tolerance", 0))
    if grader is grading.grade_flashcard:
        return {"check": "self", "expected": grading.grade_flashcard(question, "").expected}
    if grader is grading.grade_multiple_choice:
        return {"check": "choice", "expected": str(grading._field(question, "answer", "")),
                "answer": grading.normalize_text(grading._field(question, "answer", "")),
                "choices": [grading.normalize_text(c) for c in grading._field(question, "choices", [])]}
    if grader is grading.grade_true_false:
        return {"check": "truth", "expected": grading.grade_true_false(question, "true").expected}
    if grader is grading.grade_numeric:
        answer = grading._field(question, "answer")
        return {"check": "number", "expected": grading._format_number(answer), "tolerance": tolerance,
                "targets": [grading.parse_number(a) for a in [answer, *accept]]}
    if grader is grading.grade_typed:
        expected = grading._expected_typed(question)
        return {"check": "typed", "expected": expected, "tolerance": tolerance,
                "alternatives": [_alternative(a) for a in [expected, *accept]]}
    raise ValueError(f"no device grading for question type {kind!r}")
