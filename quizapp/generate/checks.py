"""Mechanical checks a generated question must pass; shared by the ranker, the tests and the bench."""
from __future__ import annotations

import re
from functools import lru_cache

from ..formats.model import QUESTION_TYPES
from . import lexicon
from .distractors import fold

_BLANK = re.compile(r"\{\{([^{}]+)\}\}")


@lru_cache(maxsize=8192)
def _word_pattern(folded: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


def contains(haystack: str, needle: str) -> bool:
    """True when `needle` occurs in `haystack` as whole words, ignoring case and accents."""
    n = fold(needle)
    return bool(n) and _word_pattern(n).search(fold(haystack)) is not None


def problems(q: dict, lang: str = "pt") -> list[str]:
    """What is wrong with one question; empty when it is well formed."""
    lex = lexicon.get(lang)
    out = []
    qtype, prompt, answer = q.get("type"), q.get("prompt", ""), q.get("answer")
    quote = q.get("source", {}).get("quote", "")
    if qtype not in QUESTION_TYPES:
        out.append(f"unknown type {qtype!r}")
    if not prompt or not quote:
        out.append("empty prompt or quote")
    if any(p.search(prompt) for p in lex.furniture):
        out.append("page furniture in prompt")
    if qtype == "true_false":
        if not isinstance(answer, bool):
            out.append("true_false answer is not a bool")
        return out
    if qtype == "numeric":
        if not isinstance(answer, (int, float)) or isinstance(answer, bool):
            out.append("numeric answer is not a number")
        if q.get("tolerance", 0) < 0:
            out.append("negative tolerance")
        return out
    if not isinstance(answer, str) or not answer.strip():
        return out + ["empty answer"]
    if not contains(quote, answer):
        out.append("answer not in source quote")
    if qtype == "cloze":
        blanks = _BLANK.findall(prompt)
        if len(blanks) != 1 or prompt.count("{{") != 1:
            out.append("cloze needs exactly one blank")
        elif fold(blanks[0]) != fold(answer):
            out.append("cloze blank differs from answer")
        elif contains(_BLANK.sub(" ", prompt), answer):
            out.append("answer given away in prompt")  # "O presidente dos {{EUA}} … contra os EUA."
    elif contains(prompt, answer):
        out.append("answer given away in prompt")
    if qtype == "multiple_choice":
        choices = q.get("choices") or []
        folded = [fold(c) for c in choices]
        if len(choices) < 2 or len(set(folded)) != len(folded):
            out.append("choices missing or repeated")
        if fold(answer) not in folded:
            out.append("answer not among choices")
        digits = [bool(re.search(r"\d", c)) for c in choices]
        if len(set(digits)) > 1:
            out.append("choices of mixed kinds")
    return out


def set_problems(questions: list[dict], lang: str = "pt") -> dict[int, list[str]]:
    """Problems per question index, including prompts repeated within the set."""
    out: dict[int, list[str]] = {}
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        probs = problems(q, lang)
        key = fold(q.get("prompt", ""))
        if key in seen:
            probs.append(f"duplicate prompt of question {seen[key]}")
        else:
            seen[key] = i
        if probs:
            out[i] = probs
    return out
