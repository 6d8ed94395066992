"""How a given answer is checked, one grader per question type.

`GRADERS` maps a question type to a function ``(question, given) -> GradeResult``;
adding a type is adding one entry. A question is a mapping or any object with the
fields of the question-set format (type, answer, choices, accept, tolerance, prompt,
front, back), plus two optional ones that make typed grading fairer: ``language`` (the set's,
for Portuguese spelling variants) and ``context`` (texts about the question, such as its
source quote and the set's description, where people's full names are looked up).
Pure Python: no Flask, no database.

Typed answers forgive form, never fact: case, accents, punctuation, opening articles,
European/Brazilian spellings (Moscovo/Moscou, facto/fato), a person's full name or the part
of it the texts use alone, a number in digits or words with or without its unit ("20 km",
"vinte quilómetros"). One typo in a long word is a near miss: accepted, and flagged
(`GradeResult.near_miss`) so the page can say "almost: check the spelling" and let the student
decide. The tables behind these rules are data in :mod:`quizapp.grading.rules`, all of them in
:data:`RULES`.

Flashcards are rated by the student, not checked: their `GradeResult` has
``correct=None`` (`GradeResult.self_rated`), and `proposed_rating` refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from quizapp.grading import rules
from quizapp.grading.numbers import numbers_match, parse_number, parse_quantity, quantities_match
from quizapp.grading.text import normalize_text, same_person, spelling_marks, text_matches
# Names that the offline grading rules (quizapp.offline.grading_rules) read from this module.
from quizapp.grading.text import _FOLD, _LEADING_FUNCTION_WORDS  # noqa: F401
from quizapp.grading.text import without_leading_function_words as _without_leading_function_words  # noqa: F401
from quizapp.scheduling import Rating

__all__ = [
    "GRADERS", "GradeResult", "RULES", "grade", "normalize_text", "parse_bool", "parse_number",
    "parse_quantity", "proposed_rating", "read_number", "spelling_marks", "TYPO_MIN_LENGTH",
]

TYPO_MIN_LENGTH = rules.TYPO_MIN_LENGTH
_MULTIPLIERS = rules.MULTIPLIERS


@dataclass(frozen=True)
class GradeResult:
    """The verdict on one answer.

    ``correct`` is True or False, or None for a self-rated flashcard. ``expected`` is the
    answer to show; ``normalized_given`` is the given answer as it was compared; ``note``
    says why when it is not obvious ("one typo accepted", "not one of the choices",
    "not a number"). ``near_miss`` marks an answer accepted with a typo.

    ``credit`` is the percent of full marks the answer earns: 100 when right, 0 when wrong, and
    in between for an answer the question gives partial credit (``correct`` is then False); None
    for a self-rated flashcard. ``feedback`` is the question's feedback on the answer given (the
    choice, or the alternative it matched), if it has one.
    """

    correct: bool | None
    expected: str
    normalized_given: str
    note: str | None = None
    near_miss: bool = False
    credit: float | None = None
    feedback: str | None = None

    def __post_init__(self) -> None:
        if self.credit is None and self.correct is not None:
            object.__setattr__(self, "credit", 100 if self.correct else 0)

    @property
    def self_rated(self) -> bool:
        """True when the student, not the grader, decides (flashcards)."""
        return self.correct is None

    @property
    def partial(self) -> bool:
        """True for an answer worth some but not all of the marks."""
        return self.credit is not None and 0 < self.credit < 100

    @property
    def share(self) -> float:
        """The credit as a share of one question's marks (0-1), what a quiz score adds up."""
        return (self.credit or 0) / 100


Grader = Callable[[Any, str], GradeResult]


def _field(question: Any, name: str, default: Any = None) -> Any:
    """Read a field from a mapping or an object alike."""
    if isinstance(question, dict):
        value = question.get(name, default)
    else:
        value = getattr(question, name, default)
    return default if value is None else value


def _format_number(value: Any) -> str:
    """Show 10000.0 as "10000" and keep what the author wrote for strings."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- graders ----------------------------------------------------------------------


def grade_flashcard(question: Any, given: str) -> GradeResult:
    """Flashcards are self-rated: nothing to check, the back is shown (correct=None)."""
    expected = _field(question, "answer", _field(question, "back", ""))
    return GradeResult(None, str(expected), normalize_text(given), "self-rated")


def grade_typed(question: Any, given: str) -> GradeResult:
    """Typed answers (short_answer, cloze): the answer or an `accept` alternative, forgiving
    form but not fact (see the module's docstring); numbers compared as numbers."""
    expected = _expected_typed(question)
    language = _field(question, "language")
    tolerance = float(_field(question, "tolerance", 0))
    normalized = normalize_text(given)
    given_quantity = parse_quantity(given)
    for alternative, credit, feedback in typed_alternatives(question):
        found = partial(_verdict, credit, feedback, expected, normalized)
        target_quantity = parse_quantity(alternative)
        if given_quantity is not None and target_quantity is not None:
            # "10 mil", "10.000" and "10000" are one answer; "1945" and "1946" are two.
            if quantities_match(given_quantity, target_quantity, tolerance, language):
                return found()
            continue
        target = normalize_text(alternative)
        matched, typos = text_matches(normalized, target, language)
        if matched:
            note = None if not typos else "one typo accepted" if typos == 1 else f"{typos} typos accepted"
            return found(note, typos > 0)
        if same_person(normalized, target, [alternative, *_context(question)]):
            return found("same person")
    return GradeResult(False, expected, normalized)


def _verdict(credit: float, feedback: str | None, expected: str, normalized: str, note: str | None = None,
             near_miss: bool = False) -> GradeResult:
    """The grade of an answer that matched an alternative worth ``credit``."""
    return GradeResult(credit == 100, expected, normalized, note, near_miss=near_miss, credit=credit, feedback=feedback)


def typed_alternatives(question: Any) -> list[tuple[str, float, str | None]]:
    """(text, credit, feedback) of each answer a typed question knows, most credit first.

    The answer and its ``accept`` alternatives earn 100 unless ``credit`` says less; an answer
    matching several alternatives earns the most any of them gives (the sort is stable, so among
    equals the answer comes first, then the file's order)."""
    credit, feedback = _field(question, "credit", {}), _field(question, "feedback", {})
    texts = [_expected_typed(question), *(str(a) for a in _field(question, "accept", []))]
    # The answer is looked up by its text as written; a number answer is written without ".0".
    written = [str(_field(question, "answer", texts[0])), *texts[1:]]
    known = [(text, credit.get(key, 100) if index else 100, feedback.get(key))
             for index, (text, key) in enumerate(zip(texts, written))]
    return sorted(known, key=lambda entry: -entry[1])


def _context(question: Any) -> list[str]:
    """Texts about the question where names are looked up: its own fields and its `context`."""
    own = [_field(question, key, "") for key in ("prompt", "explanation", "source_quote")]
    source = _field(question, "source", {})  # a file's question: {doc, sentence, quote}
    quote = source.get("quote", "") if isinstance(source, dict) else ""
    return [str(text) for text in [*own, quote, *_field(question, "context", [])] if text]


_CLOZE = re.compile(r"\{\{(.+?)\}\}")


def _expected_typed(question: Any) -> str:
    """The answer field, or for a cloze without one the text inside ``{{...}}``."""
    answer = _field(question, "answer")
    if answer is None and _field(question, "type") == "cloze":
        found = _CLOZE.search(str(_field(question, "prompt", "")))
        answer = found.group(1) if found else ""
    return _format_number(answer if answer is not None else "")


def read_number(text: Any) -> float | None:
    """The number a student typed into a number field: digits or words, with a unit or without
    ("20", "10 mil", "vinte", "20 km"); None for anything else ("Volodin", "20 soldiers")."""
    quantity = parse_quantity(text)
    if quantity is None or (quantity.unit is not None and not quantity.is_unit):
        return None
    return quantity.value


def grade_numeric(question: Any, given: str) -> GradeResult:
    """A number within `tolerance` (default 0) of the answer or an `accept` alternative."""
    answer = _field(question, "answer")
    expected = _format_number(answer)
    given_number = read_number(given)
    if given_number is None:
        return GradeResult(False, expected, normalize_text(given), "not a number")
    tolerance = float(_field(question, "tolerance", 0))
    targets = [read_number(a) for a in [answer, *_field(question, "accept", [])]]
    correct = any(t is not None and numbers_match(given_number, t, tolerance) for t in targets)
    return GradeResult(correct, expected, _format_number(given_number))


def grade_multiple_choice(question: Any, given: str) -> GradeResult:
    """The chosen option's text, normalised, must be the answer's."""
    expected = str(_field(question, "answer", ""))
    normalized = normalize_text(given)
    written = [str(c) for c in _field(question, "choices", [])]
    choices = [normalize_text(c) for c in written]
    note = None if not choices or normalized in choices else "not one of the choices"
    correct = normalized == normalize_text(expected)
    chosen = written[choices.index(normalized)] if normalized in choices else None
    credit = 100 if correct else _field(question, "credit", {}).get(chosen, 0)
    return GradeResult(correct, expected, normalized, note, credit=credit,
                       feedback=_field(question, "feedback", {}).get(chosen if chosen is not None else expected
                                                                     if correct else None))


_TRUE = frozenset(rules.TRUE_WORDS)
_FALSE = frozenset(rules.FALSE_WORDS)


def parse_bool(text: Any) -> bool | None:
    """True/false in English or Portuguese, as words, initials or 1/0; None otherwise."""
    if isinstance(text, bool):
        return text
    word = normalize_text(text)
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def grade_true_false(question: Any, given: str) -> GradeResult:
    """The given truth value must equal the answer's."""
    answer = parse_bool(_field(question, "answer"))
    if answer is None:
        raise ValueError(f"true_false answer must be true or false, got {_field(question, 'answer')!r}")
    expected = "true" if answer else "false"
    given_value = parse_bool(given)
    if given_value is None:
        return GradeResult(False, expected, normalize_text(given), "expected true or false")
    shown = "true" if given_value else "false"
    return GradeResult(given_value == answer, expected, shown, feedback=_field(question, "feedback", {}).get(shown))


GRADERS: dict[str, Grader] = {
    "flashcard": grade_flashcard,
    "multiple_choice": grade_multiple_choice,
    "true_false": grade_true_false,
    "cloze": grade_typed,
    "short_answer": grade_typed,
    "numeric": grade_numeric,
}


def grade(question: Any, given: str) -> GradeResult:
    """Check `given` against the question with the grader registered for its type."""
    kind = _field(question, "type")
    grader = GRADERS.get(kind)
    if grader is None:
        raise ValueError(f"unknown question type {kind!r}; known: {', '.join(sorted(GRADERS))}")
    return grader(question, "" if given is None else str(given))


def proposed_rating(result: GradeResult) -> Rating:
    """The rating an answer earns: wrong is Again, partly right is Hard, right is Good.

    A partly right answer (partial credit, e.g. the other author of a shared line) was recalled,
    but not as asked: Hard keeps the card among the remembered ones (FSRS counts Hard as a
    success) while its interval grows less than after Good.
    Raises ValueError for a self-rated result: a flashcard's rating is the student's.
    """
    if result.self_rated:
        raise ValueError("a flashcard is rated by the student; there is no proposed rating")
    if result.correct:
        return Rating.GOOD
    return Rating.HARD if result.partial else Rating.AGAIN



# Every table behind grading, as JSON-friendly data (for a browser that grades offline).
RULES: dict[str, Any] = {
    name.lower(): value for name, value in vars(rules).items() if name.isupper()
}
