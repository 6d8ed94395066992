"""How a given answer is checked, one grader per question type.

`GRADERS` maps a question type to a function ``(question, given) -> GradeResult``;
adding a type is adding one entry. A question is a mapping or any object with the
fields of the question-set format (type, answer, choices, accept, tolerance, prompt,
front, back). Pure Python: no Flask, no database.

Flashcards are rated by the student, not checked: their `GradeResult` has
``correct=None`` (`GradeResult.self_rated`), and `proposed_rating` refuses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizapp.scheduling import Rating


@dataclass(frozen=True)
class GradeResult:
    """The verdict on one answer.

    ``correct`` is True or False, or None for a self-rated flashcard. ``expected`` is the
    answer to show; ``normalized_given`` is the given answer as it was compared; ``note``
    says why when it is not obvious ("one typo accepted", "not one of the choices").
    """

    correct: bool | None
    expected: str
    normalized_given: str
    note: str | None = None

    @property
    def self_rated(self) -> bool:
        """True when the student, not the grader, decides (flashcards)."""
        return self.correct is None


Grader = Callable[[Any, str], GradeResult]


def _field(question: Any, name: str, default: Any = None) -> Any:
    """Read a field from a mapping or an object alike."""
    if isinstance(question, dict):
        value = question.get(name, default)
    else:
        value = getattr(question, name, default)
    return default if value is None else value


# ---- text -------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def normalize_text(text: Any) -> str:
    """Casefolded words without accents or punctuation, single-spaced.

    "  Choe Son-Hui! " and "choe son hui" both give "choe son hui".
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(_FOLD))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining accents
            continue
        # Punctuation and symbols separate words, as a space would.
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).split())


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap
    of two neighbouring letters (Damerau-Levenshtein distance <= 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        # One substitution, or two neighbours swapped.
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one letter inserted in b


# Words this long may carry one typo; shorter ones ("cat"/"cut") would accept other words.
TYPO_MIN_LENGTH = 6


# Articles and prepositions that may open an answer without changing it: "no final de abril" is
# answered by "final de abril", "os Estados Unidos" by "Estados Unidos" (normalised, accent-free).
_LEADING_FUNCTION_WORDS = frozenset(
    "o a os as um uma uns umas no na nos nas em de do da dos das ao aos pelo pela "
    "the a an in on at of".split()
)


def _without_leading_function_words(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0] in _LEADING_FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


def _text_matches(given: str, expected: str) -> tuple[bool, str | None]:
    """Compare normalised texts: spacing and opening articles or prepositions are ignored,
    one typo allowed per long word."""
    given, expected = _without_leading_function_words(given), _without_leading_function_words(expected)
    if given.replace(" ", "") == expected.replace(" ", ""):
        return True, None
    given_words, expected_words = given.split(), expected.split()
    if len(given_words) != len(expected_words) or not expected_words:
        return False, None
    typos = 0
    for g, e in zip(given_words, expected_words):
        if g == e:
            continue
        # Digits are facts, not spelling: "1945" and "1946" differ.
        if len(e) < TYPO_MIN_LENGTH or any(c.isdigit() for c in e + g) or not _within_one_edit(g, e):
            return False, None
        typos += 1
    return True, "one typo accepted" if typos == 1 else f"{typos} typos accepted"


# ---- numbers ----------------------------------------------------------------------

_MULTIPLIERS = {
    "k": 1e3, "mil": 1e3, "thousand": 1e3, "thousands": 1e3, "milhar": 1e3, "milhares": 1e3,
    "mi": 1e6, "milhao": 1e6, "milhoes": 1e6, "million": 1e6, "millions": 1e6, "mm": 1e6,
    "bi": 1e9, "bilhao": 1e9, "bilhoes": 1e9, "billion": 1e9, "billions": 1e9,
    "mil milhoes": 1e9,  # European Portuguese "thousand million"
}
_NUMBER = re.compile(r"^([+-]?)(\d[\d., ]*)(?:\s*(\D.*))?$")


def _thousands(groups: list[str]) -> bool:
    """True for digit groups like ["1", "234", "567"]: 1-3 digits, then threes."""
    return (
        1 <= len(groups[0]) <= 3
        and all(g.isdigit() for g in groups)
        and all(len(g) == 3 for g in groups[1:])
    )


def _parse_digits(digits: str) -> float | None:
    """Read "10.000", "10,5", "1.5", "1,234.5", "10 000": the last separator is the decimal
    mark unless it is a thousands group (exactly three digits after a non-zero part)."""
    digits = digits.strip()
    if " " in digits:
        groups = digits.split()
        if not all(len(g) == 3 and g.isdigit() for g in groups[1:]):
            return None
        digits = "".join(groups)
    separators = [c for c in digits if c in ".,"]
    if not separators:
        return float(digits)
    if len(set(separators)) == 2:
        # "1.234,5" or "1,234.5": the last mark is the decimal one, the other groups thousands.
        decimal = separators[-1]
        group = "," if decimal == "." else "."
        whole, _, fraction = digits.rpartition(decimal)
        groups = whole.split(group)
        if separators.count(decimal) != 1 or not fraction.isdigit() or not _thousands(groups):
            return None
        return float(f"{''.join(groups)}.{fraction}")
    mark = separators[0]
    parts = digits.split(mark)
    if not all(p.isdigit() for p in parts):
        return None
    # "10.000" and "1,500" are thousands; "0.125" and "1.5" are decimals.
    grouped = len(parts) > 2 or (len(parts[1]) == 3 and parts[0].lstrip("0") != "")
    if grouped:
        return float("".join(parts)) if _thousands(parts) else None
    return float(f"{parts[0]}.{parts[1]}")


def parse_number(text: Any) -> float | None:
    """A number written the way people type it, or None.

    Accepts "10000", "10.000", "10 000", "10,5", "1.5", "10 mil", "2 milhões",
    "3 thousand", "1.5k", "-4", "50%", "R$ 10"; bools are not numbers.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    # NFKC turns no-break and thin spaces into plain ones ("10\u00a0000").
    raw = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    raw = re.sub(r"^(r\$|us\$|\$|€|£)\s*", "", raw)
    raw = re.sub(r"\s*%$", "", raw)
    match = _NUMBER.match(raw)
    if not match:
        return None
    sign, digits, word = match.groups()
    value = _parse_digits(digits)
    if value is None:
        return None
    if word:
        multiplier = _MULTIPLIERS.get(normalize_text(word))
        if multiplier is None:
            return None
        value *= multiplier
    return -value if sign == "-" else value


def _numbers_match(given: float, expected: float, tolerance: float) -> bool:
    """Equal within the tolerance, plus a hair for binary fractions (0.1 + 0.2)."""
    return abs(given - expected) <= abs(tolerance) + 1e-9 * max(1.0, abs(expected))


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
    """Typed answers (short_answer, cloze): ignore case, accents, punctuation, spacing;
    one typo per word of 6+ letters; `accept` alternatives; numbers compared as numbers."""
    expected = _expected_typed(question)
    alternatives = [expected, *(str(a) for a in _field(question, "accept", []))]
    normalized = normalize_text(given)
    given_number = parse_number(given)
    for alternative in alternatives:
        target_number = parse_number(alternative)
        if given_number is not None and target_number is not None:
            # "10 mil", "10.000" and "10000" are one answer.
            if _numbers_match(given_number, target_number, float(_field(question, "tolerance", 0))):
                return GradeResult(True, expected, normalized)
            continue
        matched, note = _text_matches(normalized, normalize_text(alternative))
        if matched:
            return GradeResult(True, expected, normalized, note)
    return GradeResult(False, expected, normalized)


_CLOZE = re.compile(r"\{\{(.+?)\}\}")


def _expected_typed(question: Any) -> str:
    """The answer field, or for a cloze without one the text inside ``{{...}}``."""
    answer = _field(question, "answer")
    if answer is None and _field(question, "type") == "cloze":
        found = _CLOZE.search(str(_field(question, "prompt", "")))
        answer = found.group(1) if found else ""
    return _format_number(answer if answer is not None else "")


def grade_numeric(question: Any, given: str) -> GradeResult:
    """A number within `tolerance` (default 0) of the answer or an `accept` alternative."""
    answer = _field(question, "answer")
    expected = _format_number(answer)
    given_number = parse_number(given)
    if given_number is None:
        return GradeResult(False, expected, normalize_text(given), "not a number")
    tolerance = float(_field(question, "tolerance", 0))
    targets = [parse_number(a) for a in [answer, *_field(question, "accept", [])]]
    correct = any(t is not None and _numbers_match(given_number, t, tolerance) for t in targets)
    return GradeResult(correct, expected, _format_number(given_number))


def grade_multiple_choice(question: Any, given: str) -> GradeResult:
    """The chosen option's text, normalised, must be the answer's."""
    expected = str(_field(question, "answer", ""))
    normalized = normalize_text(given)
    choices = [normalize_text(c) for c in _field(question, "choices", [])]
    note = None if not choices or normalized in choices else "not one of the choices"
    return GradeResult(normalized == normalize_text(expected), expected, normalized, note)


_TRUE = {"true", "t", "verdadeiro", "verdadeira", "v", "yes", "y", "sim", "s", "1", "certo"}
_FALSE = {"false", "f", "falso", "falsa", "no", "n", "nao", "0", "errado"}


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
    return GradeResult(given_value == answer, expected, "true" if given_value else "false")


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
    """The rating an answer earns: wrong is Again, right is Good.

    Raises ValueError for a self-rated result: a flashcard's rating is the student's.
    """
    if result.self_rated:
        raise ValueError("a flashcard is rated by the student; there is no proposed rating")
    return Rating.GOOD if result.correct else Rating.AGAIN

