"""Stage 1: keep the article's text, drop the page around it, remember where each char came from."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import lexicon

# Quote marks vary by source (guillemets, low-high, straight); later stages look
# for one pair only.  Every replacement is one char for one char, so offsets hold.
_QUOTE_MAP = str.maketrans({"«": "“", "»": "”", "„": "“", "‟": "“", "‘": "'", "’": "'"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_END_PUNCT = ("." , "!", "?", "…", "”", '"', ":", ";")
# A section heading is a short line without final punctuation; longer lines that
# merely lack a period are kept, since some sources drop paragraph-final stops.
_HEADING_MAX_WORDS = 8
_HEADLINE_MAX_WORDS = 14


@dataclass
class CleanDoc:
    """The cleaned text of one document plus a map from its offsets to the original's."""

    doc_id: str
    original: str
    text: str = ""
    title: str = ""
    dropped: list[str] = field(default_factory=list)
    # (clean_start, original_start) for each stretch where the two advance together.
    _segments: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, pos: int) -> int:
        """The original offset of the cleaned char at `pos` (or just past the end)."""
        i = bisect.bisect_right(self._segments, (pos, float("inf"))) - 1
        clean_start, orig_start = self._segments[max(i, 0)]
        return orig_start + (pos - clean_start)

    def original_text(self, start: int, end: int) -> str:
        """The original text behind cleaned chars start..end, as the source printed it."""
        if end <= start:
            return ""
        return self.original[self.to_original(start): self.to_original(end - 1) + 1]


def is_furniture(line: str, lex: lexicon.Lexicon) -> bool:
    """True for navigation, teasers, bylines and datelines: lines that are page, not text."""
    return any(p.search(line) for p in lex.furniture)


def is_heading(line: str) -> bool:
    """True for a short line without final punctuation, the shape of a section heading."""
    return len(line.split()) <= _HEADING_MAX_WORDS and not line.endswith(_END_PUNCT)


def _straighten_quotes(line: str) -> str:
    line = line.translate(_QUOTE_MAP)
    if '"' not in line:
        return line
    # Straight double quotes alternate open/close within a paragraph.
    out, opening = [], True
    for ch in line:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def clean(doc_id: str, text: str, lang: str = "pt") -> CleanDoc:
    """Cleaned paragraphs of `text`, one per line, with furniture and headings dropped.

    The first non-empty line is taken as the document's title; it stays in the
    text only if it reads as a sentence (ends with punctuation).
    """
    lex = lexicon.get(lang)
    doc = CleanDoc(doc_id=doc_id, original=text)
    pieces: list[str] = []
    clean_len = 0
    pos = 0
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:3]
    # "Justiça" above "Antigo autarca condenado …" and the article: a one-word section
    # kicker, not the title.
    kicker = len(lines) == 3 and len(lines[0].split()) == 1 and not lines[0].endswith(_END_PUNCT) \
        and 1 < len(lines[1].split()) <= _HEADLINE_MAX_WORDS and not lines[1].endswith(_END_PUNCT)
    for raw in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw)
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            continue
        if kicker:
            kicker = False
            doc.dropped.append(stripped)
            continue
        lead = len(body) - len(body.lstrip())
        dateline = lex.dateline.match(stripped) if lex.dateline else None
        if dateline:
            doc.dropped.append(dateline.group(0).strip())
            stripped = stripped[dateline.end():]
            lead += dateline.end()
        first = not doc.title
        if first:
            doc.title = _SPACES.sub(" ", stripped)
        # A headline without final punctuation is the title, not a sentence of the text.
        if is_furniture(stripped, lex) or is_heading(stripped) or (
                first and not stripped.endswith(_END_PUNCT)):
            doc.dropped.append(stripped)
            continue
        if pieces:
            pieces.append("\n")
            clean_len += 1
        offset = line_start + lead
        # Collapse runs of spaces; after each run the offsets shift, so a new segment starts.
        doc._segments.append((clean_len, offset))
        last = 0
        for m in _SPACES.finditer(stripped):
            chunk = stripped[last:m.start()]
            pieces.append(chunk + " ")
            clean_len += len(chunk) + 1
            last = m.end()
            doc._segments.append((clean_len, offset + last))
        chunk = stripped[last:]
        pieces.append(chunk)
        clean_len += len(chunk)
    doc.text = _straighten_quotes("".join(pieces))
    if not doc._segments:
        doc._segments.append((0, 0))
    return doc
