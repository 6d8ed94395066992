"""Reading numbers written the way people write them: ``10 mil``, ``10.000``, ``1,5``.

A question file is read once and then trusted, so a number is converted only when the text
can mean one thing. ``1,500`` is fifteen hundred in English and one and a half in Portuguese;
without the set's language we refuse it rather than guess.
"""
from __future__ import annotations

import math
import re

# Scale words after a number ("10 mil", "2 million"). Only words with one meaning are listed:
# "bilião" (10^12 in Portugal) and "billion" (10^12 in older British usage) are left out.
SCALE_WORDS = {
    "k": 10**3,
    "mil": 10**3,
    "thousand": 10**3,
    "thousands": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "milhão": 10**6,
    "milhao": 10**6,
    "milhões": 10**6,
    "milhoes": 10**6,
    "millón": 10**6,
    "millon": 10**6,
    "millones": 10**6,
}

# Languages that write "1.000,5"; the others write "1,000.5".
DECIMAL_COMMA_LANGUAGES = frozenset(
    "pt es fr de it nl da sv nb nn no fi pl cs sk sl hr sr ro hu tr ru uk bg el lt lv et id vi".split()
)

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = {
    ".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$"),
    ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"),
}
_SINGLE_SEPARATOR = re.compile(r"^([+-]?\d+)([.,])(\d+)$")


def uses_decimal_comma(language: str | None) -> bool | None:
    """True if the language writes a decimal comma, False if a decimal point, None if unknown."""
    if not language:
        return None
    return language.split("-")[0].lower() in DECIMAL_COMMA_LANGUAGES


def normalize_number(value: float) -> int | float:
    """Return an int when the value is integral, so ``10.0`` is stored and written as ``10``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def number_text(value: int | float) -> str:
    """A number as a file writes it: ``1000.0`` as ``1000``, other floats in their shortest exact form."""
    value = normalize_number(value)
    return repr(value) if isinstance(value, float) else str(value)


def parse_number(text: str, language: str | None = None) -> int | float:
    """Convert a written number to int or float; raise ValueError saying why it is ambiguous or wrong."""
    words = text.strip().replace("\u00a0", " ").split()
    if not words:
        raise ValueError("it is empty")
    scale = 1
    if len(words) == 2 and words[1].lower() in SCALE_WORDS:
        scale = SCALE_WORDS[words[1].lower()]
        words = words[:1]
    if len(words) != 1:
        raise ValueError(f"{text!r} is not a number; write digits only, such as 10000 or 1.5")
    value = _parse_digits(words[0], uses_decimal_comma(language))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return normalize_number(value * scale)


def _parse_digits(token: str, decimal_comma: bool | None) -> float:
    if _PLAIN.match(token) and "." not in token:
        return float(token)
    for thousands, pattern in _GROUPED.items():
        # "1.000.000" or "1.000,5" can only be grouping: the same separator twice, or both kinds.
        if pattern.match(token) and (token.count(thousands) > 1 or ("," in token and "." in token)):
            return float(token.replace(thousands, "").replace(",", "."))
    single = _SINGLE_SEPARATOR.match(token)
    if single:
        whole, separator, fraction = single.groups()
        # "10.000" and "1,500" read differently by language; "1.5" and "1,5" do not.
        if len(fraction) == 3 and whole.lstrip("+-") != "0":
            if decimal_comma is None:
                raise ValueError(
                    f"{token!r} is ambiguous (a thousands separator or a decimal mark?); "
                    f"write {whole}{fraction} or {whole}.{fraction}, or set the language of the set"
                )
            is_decimal = (separator == ",") == decimal_comma
        else:
            is_decimal = True
        if is_decimal:
            return float(f"{whole}.{fraction}")
        return float(whole + fraction)
    if _PLAIN.match(token):
        return float(token)
    raise ValueError(f"{token!r} is not a number; write digits, such as 10000 or 1.5")
