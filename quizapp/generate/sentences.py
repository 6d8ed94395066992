"""Stage 2: split cleaned text into sentences without breaking abbreviations, numbers or quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .clean import CleanDoc

# A candidate end: terminal punctuation, optional closers, then a space.  Dots
# inside numbers ("10.000", "80.º") are never followed by a space, so they never match.
_BOUNDARY = re.compile(r"([.!?…]+)([”)\]']*)(?=\s)|(;)(?= [A-ZÀ-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# How far back to look for the word before a candidate end: enough for any abbreviation, and a
# bounded look keeps splitting linear in the paragraph's length (a search from the paragraph's
# start for every candidate made a 120 KB paragraph take 37 s).
_LOOKBACK = 40
_NEXT_CHAR = re.compile(r"\S")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a cleaned document: its index, text and cleaned offsets."""

    doc: str
    index: int
    text: str
    start: int
    end: int
    # Ranges of `text` brought in by restating (restate.py), which no question asks for.
    inserted: tuple[tuple[int, int], ...] = ()


# Abbreviations that often close a sentence: before a capital they end it.
_CLOSING_ABBREVIATIONS = frozenset({"etc"})


def _is_end(para: str, m: re.Match, lex: lexicon.Lexicon, depth: int, lowercase: bool = False) -> bool:
    if m.group(3):
        # "…; Isto inclui": a capital after a semicolon starts a new statement.
        return depth == 0
    before = _WORD_BEFORE.search(para, max(0, m.start() - _LOOKBACK), m.start())
    word = before.group(1) if before else ""
    after = _NEXT_CHAR.search(para, m.end())
    if after is None:
        return True
    if m.group(1) == "." and not m.group(2):
        bare = word.rstrip(".").lower()
        if bare in _CLOSING_ABBREVIATIONS and after.group().isupper():
            return True
        if bare in lex.abbreviations:
            return False
        # Initials: "J. K. Rowling".
        # (A roman numeral ends a name and may end the sentence: "o rei D. Manuel I. O arquiteto …".)
        if len(bare) == 1 and bare.isalpha() and word.rstrip(".") not in ("I", "V", "X"):
            return False
    # Inside a quotation only its closing mark can end the sentence; a single quote closes an inner one.
    if depth > 0 and "”" not in m.group(2):
        return False
    nxt = after.group()
    if nxt.isupper() or nxt.isdigit() or nxt in "“\"'(¿¡—–-":
        return True
    # A lowercase start after a full word still begins a sentence ("disse Putin. ele disse.");
    # in a text written all in lowercase, after any word that is not an abbreviation ("mar. o").
    return nxt.islower() and (len(word) >= 4 or (lowercase and len(word.rstrip(".")) > 1)) \
        and word.rstrip(".").lower() not in lex.abbreviations


def split(doc: CleanDoc, lang: str = "pt") -> list[Sentence]:
    """The sentences of `doc` in order; a paragraph break always ends a sentence."""
    lex = lexicon.get(lang)
    out: list[Sentence] = []
    pos = 0
    for para in doc.text.split("\n"):
        start = seen = depth = 0
        for m in _BOUNDARY.finditer(para):
            # Quote depth since the sentence's start, counted once per char, not once per candidate.
            depth += para.count("“", seen, m.start()) - para.count("”", seen, m.start())
            seen = m.start()
            if _is_end(para, m, lex, depth, doc.lowercase):
                end = m.start() if m.group(3) else m.end()
                _add(out, doc, para, start, end, pos)
                start = m.end()
                # The end's own closers are behind us; the next sentence counts from here.
                seen, depth = start, 0
        _add(out, doc, para, start, len(para), pos)
        pos += len(para) + 1
    return out


def _add(out: list[Sentence], doc: CleanDoc, para: str, start: int, end: int, base: int) -> None:
    raw = para[start:end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    if text:
        s = base + start + lead
        out.append(Sentence(doc.doc_id, len(out), text, s, s + len(text)))
