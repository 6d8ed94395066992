"""Numbers as students type them: digits in either notation, scale words, words, units."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from quizapp.grading import rules
from quizapp.grading.text import normalize_text, text_matches, without_leading_function_words

_NUMBER = re.compile(r"^([+-]?)(\d[\d., ]*)(?:\s*(\D.*))?$")
_CURRENCY = re.compile(r"^(r\$|us\$|\$|€|£)\s*")


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


def _digits_and_rest(text: Any) -> tuple[float, list[str]] | None:
    """A number in digits (scaled by a word such as "mil") and the normalised words after it."""
    # NFKC turns no-break and thin spaces into plain ones ("10\u00a0000").
    raw = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    raw = _CURRENCY.sub("", raw).replace("%", " percent")
    match = _NUMBER.match(raw)
    if not match:
        return None
    sign, digits, rest = match.groups()
    value = _parse_digits(digits)
    if value is None:
        return None
    words = normalize_text(rest or "").split()
    for size in (2, 1):
        multiplier = rules.MULTIPLIERS.get(" ".join(words[:size])) if len(words) >= size else None
        if multiplier is not None:
            value *= multiplier
            words = words[size:]
            break
    return (-value if sign == "-" else value), words


def parse_number(text: Any) -> float | None:
    """A number written in digits the way people type it, or None.

    Accepts "10000", "10.000", "10 000", "10,5", "1.5", "10 mil", "2 milhões",
    "3 thousand", "1.5k", "-4", "50%", "R$ 10"; bools are not numbers, nor is "10 dias".
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    read = _digits_and_rest(text)
    if read is None:
        return None
    value, words = read
    return value if words in ([], ["percent"]) else None


_HUNDRED = frozenset(rules.NUMBER_HUNDRED)
_CONNECTORS = frozenset(rules.NUMBER_CONNECTORS)


def _number_words(words: list[str]) -> tuple[float, int] | None:
    """The number written out at the start of `words` ("vinte e cinco", "two thousand and five")
    and how many words it took; None when they do not start with a number word."""
    total = group = 0.0
    used = taken = 0
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if pair in rules.NUMBER_SCALES:
            word, width = pair, 2
        else:
            word, width = words[i], 1
        if word in rules.NUMBER_WORDS:
            group += rules.NUMBER_WORDS[word]
        elif word in _HUNDRED and used:
            group = (group or 1) * 100
        elif word in rules.NUMBER_SCALES:
            total += (group or 1) * rules.NUMBER_SCALES[word]
            group = 0
        elif word in _CONNECTORS and used and i + 1 < len(words):
            i += 1
            continue
        else:
            break
        i += width
        used += 1
        taken = i
    if not used:
        return None
    return total + group, taken


def _unit_forms() -> dict[str, str]:
    """Every written form of every unit, plurals included, mapped to the unit's key."""
    forms = {}
    for key, singulars in rules.UNITS.items():
        for form in singulars:
            forms[form] = key
            if len(form) > 2:
                last = form.split()[-1]
                stem = form[: len(form) - len(last)]
                plurals = [last + "s", last + "es"] + ([last[:-1] + "is"] if last.endswith("l") else [])
                plurals += [last[:-1] + "ies"] if last.endswith("y") else []
                for plural in plurals:
                    forms.setdefault(stem + plural, key)
    return forms


_UNIT_FORMS = _unit_forms()


@dataclass(frozen=True)
class Quantity:
    """A number and what follows it: a unit's key ("km"), other words ("soldados"), or None."""

    value: float
    unit: str | None = None
    is_unit: bool = False


def parse_quantity(text: Any) -> Quantity | None:
    """A number with what follows it: "20 km", "20 quilómetros", "vinte quilómetros",
    "10 mil soldados", "two hundred"; None when the text does not open with a number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return Quantity(float(text))
    read = _digits_and_rest(text)
    if read is None:
        words = normalize_text(text).split()
        written = _number_words(words)
        if written is None:
            return None
        value, taken = written
        read = value, words[taken:]
    value, words = read
    rest = " ".join(words)
    if rest.startswith(("de ", "of ")):  # "2 milhões de pessoas"
        rest = rest[3:]
    if not rest:
        return Quantity(value)
    if rest in _UNIT_FORMS:
        return Quantity(value, _UNIT_FORMS[rest], is_unit=True)
    return Quantity(value, without_leading_function_words(rest))


def numbers_match(given: float, expected: float, tolerance: float) -> bool:
    """Equal within the tolerance, plus a hair for binary fractions (0.1 + 0.2)."""
    return abs(given - expected) <= abs(tolerance) + 1e-9 * max(1.0, abs(expected))


def quantities_match(given: Quantity, expected: Quantity, tolerance: float, language: str | None = None) -> bool:
    """The same number, and the same unit unless the student left the unit out.

    A unit the expected answer lacks is allowed ("20 km" for 20); words that are no unit must be
    the expected ones (either may be singular or plural).
    """
    if not numbers_match(given.value, expected.value, tolerance):
        return False
    if given.unit is None:
        return True
    if expected.unit is None:
        return given.is_unit
    if given.is_unit or expected.is_unit:
        return given.unit == expected.unit
    return text_matches(_singular(given.unit), _singular(expected.unit), language)[0]


def _singular(words: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words.split())
