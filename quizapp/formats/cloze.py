"""Cloze blanks (``{{answer}}``), found in one pass with plain string search.

One rule for the reader, the editor, the pages and the API: a blank opens with ``{{``, closes at the
first ``}}`` after it, and stays on one line. ``{{Lis\\nbon}}`` is no blank anywhere, so a prompt the
reader accepted is shown with exactly the blanks it counted. No regular expression is involved (a
lazy ``.*?`` tries every ``{`` against the rest of the text: 40,000 of them took seconds), and a
blank is replaced by literal text, never through a substitution template that would read ``\\d``
or ``\\n`` in an answer as an escape.
"""
from __future__ import annotations

from collections.abc import Callable

OPEN, CLOSE = "{{", "}}"


def blanks(text: str) -> list[tuple[int, int, str]]:
    """Each blank as ``(start, end, inside)``: ``text[start:end]`` is ``"{{" + inside + "}}"``.

    Linear in the length of ``text``: each search resumes where the previous one stopped, and the
    next ``}}`` and line break found are kept until the scan passes them.
    """
    found: list[tuple[int, int, str]] = []
    position = 0
    close = newline = -2  # the next "}}" / "\n" at or after the last place searched (-1: none left)
    while True:
        start = text.find(OPEN, position)
        if start < 0:
            return found
        inner = start + len(OPEN)
        if close != -1 and close < inner:
            close = text.find(CLOSE, inner)
        if close < 0:
            return found
        if newline != -1 and newline < inner:
            newline = text.find("\n", inner)
        if 0 <= newline < close:
            position = newline + 1  # the blank would span a line break: none starts before it
            continue
        found.append((start, close + len(CLOSE), text[inner:close]))
        position = close + len(CLOSE)


def first_blank(text: str) -> tuple[int, int, str] | None:
    """The first blank, or None."""
    found = blanks(text)
    return found[0] if found else None


def fill(text: str, replace: Callable[[str], str]) -> str:
    """``text`` with each blank replaced by ``replace(inside)``, taken literally."""
    parts, last = [], 0
    for start, end, inside in blanks(text):
        parts += [text[last:start], replace(inside)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def blank_or_end(text: str, answer) -> tuple[int, int, str]:
    """The first blank, or for a prompt stored before this rule with none, an empty one at the end
    holding ``answer``: writers then export every stored cloze instead of failing on it."""
    return first_blank(text) or (len(text), len(text), str(answer))
