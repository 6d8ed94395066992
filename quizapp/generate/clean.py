"""Stage 1: keep the article's text, drop the page around it, remember where each char came from.

The cleaned text has one paragraph per line.  On the way:
- furniture (teasers, bylines, credits, share buttons, ads) is cut out as spans (furniture.py), so
  an article pasted as one paragraph keeps everything around its teasers;
- hard-wrapped lines (a PDF copied and pasted) are joined back into their paragraph;
- list markers go, and a list introduced by a colon ("precisa de:") joins its lead-in sentence;
- headings (short lines without a final stop, Markdown "#" lines) are dropped;
- quote marks become one pair, runs of spaces one space.
Every cleaned char maps back to the original, so a question's quote is the source's own words.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import furniture, lexicon

# Quote marks vary by source (guillemets, low-high, straight); later stages look
# for one pair only.  Every replacement is one char for one char, so offsets hold.
_QUOTE_MAP = str.maketrans({"«": "“", "»": "”", "„": "“", "‟": "“", "‘": "'", "’": "'"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_END_PUNCT = ("." , "!", "?", "…", "”", '"', ":", ";")
_STOP = (".", "!", "?", "…", "”", '"', "»", ")")
# A section heading is a short line without final punctuation; longer lines that
# merely lack a period are kept, since some sources drop paragraph-final stops.
_HEADING_MAX_WORDS = 8
_HEADLINE_MAX_WORDS = 14
# "Regras:" alone on its line labels what follows.
_LABEL_MAX_WORDS = 3
# A title longer than this (a one-paragraph text has no headline) is cut at a word.
_TITLE_MAX_CHARS = 200
_MD_HEADING = re.compile(r"^#{1,6}\s+")
# "- item", "• item", "1. item", "1 - item", "a) item".
_BULLET = re.compile(r"^(?:[-•*‣◦▪●–—]|\d{1,2}[.)]|\d{1,2}\s+[-–]|[a-z]\))\s+")
# A line wrapped by a PDF is this close to the block's longest line.
_WRAP_RATIO = 0.75
_WRAP_MIN_CHARS = 40
# Text with fewer capitals than this share of its letters is written all in lowercase.
_LOWERCASE_SHARE = 0.005
# Clitics after a line-final hyphen are a hyphenated word ("descodifica-a"), not a split one.
_CLITICS = frozenset("a o as os lo la los las no na nos nas se me te lhe lhes vos ia ás á".split())

# Segment kinds: a stretch contiguous with the one before in the original, one after skipped
# original text (furniture, a line break), and a char the cleaner put there itself.
_RUN, _JUMP, _OWN = 0, 1, 2


@dataclass
class CleanDoc:
    """The cleaned text of one document plus a map from its offsets to the original's."""

    doc_id: str
    original: str
    text: str = ""
    title: str = ""
    dropped: list[str] = field(default_factory=list)
    # Written without capitals: sentence ends cannot look for one.
    lowercase: bool = False
    # (clean_start, original_start, kind) for each stretch where the two advance together.
    _segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_original(self, pos: int) -> int:
        """The original offset of the cleaned char at `pos` (or just past the end)."""
        i = bisect.bisect_right(self._segments, (pos, float("inf"))) - 1
        clean_start, orig_start, _ = self._segments[max(i, 0)]
        return orig_start + (pos - clean_start)

    def original_text(self, start: int, end: int) -> str:
        """The original text behind cleaned chars start..end, as the source printed it.

        Where the cleaner cut something out between them (a teaser, a line break of a wrapped
        paragraph), the cleaned text's own char stands in for it.
        """
        if end <= start:
            return ""
        segs = self._segments
        first = max(bisect.bisect_right(segs, (start, float("inf"))) - 1, 0)
        last = max(bisect.bisect_right(segs, (end - 1, float("inf"))) - 1, 0)
        if all(segs[k][2] == _RUN for k in range(first + 1, last + 1)) and segs[first][2] != _OWN:
            return self.original[self.to_original(start): self.to_original(end - 1) + 1]
        out, k, pos = [], first, start
        while pos < end:
            seg_end = segs[k + 1][0] if k + 1 < len(segs) else end
            stop = min(end, seg_end)
            if segs[k][2] == _OWN:
                out.append(self.text[pos:stop])
            elif k + 1 < len(segs) and segs[k + 1][2] == _RUN and stop == seg_end:
                # Contiguous with the next stretch: the original between them (a run of spaces) is kept.
                out.append(self.original[self.to_original(pos): segs[k + 1][1]])
            else:
                out.append(self.original[self.to_original(pos): self.to_original(stop - 1) + 1])
            pos, k = stop, k + 1
        return "".join(out)


class _Builder:
    """Appends cleaned text while recording where each stretch came from."""

    def __init__(self, doc: CleanDoc):
        self.doc, self.pieces, self.length = doc, [], 0

    def own(self, chars: str, orig: int) -> None:
        self.doc._segments.append((self.length, orig, _OWN))
        self.pieces.append(chars)
        self.length += len(chars)

    def copy(self, text: str, orig: int) -> None:
        """`text` is original[orig:orig+len(text)]; its space runs collapse to one space."""
        self.doc._segments.append((self.length, orig, _JUMP))
        last = 0
        for m in _SPACES.finditer(text):
            chunk = text[last:m.start()]
            self.pieces.append(chunk + " ")
            self.length += len(chunk) + 1
            last = m.end()
            # After each run the offsets shift, so a new stretch starts.
            self.doc._segments.append((self.length, orig + last, _RUN))
        self.pieces.append(text[last:])
        self.length += len(text) - last


@dataclass
class _Line:
    """One non-empty line of the original: its kept pieces after furniture is cut out."""

    start: int
    text: str
    block: int
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (original offset, text)
    bullet: bool = False
    md_heading: bool = False

    @property
    def kept(self) -> str:
        return " ".join(t for _, t in self.pieces)


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


def _lines(text: str) -> list[_Line]:
    out, pos, block = [], 0, 0
    for raw in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw)
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            block += 1
            continue
        out.append(_Line(line_start + len(body) - len(body.lstrip()), stripped, block))
    return out


def _cut(line: _Line, lex: lexicon.Lexicon, doc: CleanDoc) -> None:
    """Fill `line.pieces` with its text minus datelines, furniture and list markers."""
    text, offset = line.text, 0
    if _MD_HEADING.match(text):
        line.md_heading = True
    dateline = lex.dateline.match(text) if lex.dateline else None
    if dateline:
        doc.dropped.append(dateline.group(0).strip())
        offset = dateline.end()
    cuts = [(s + offset, e + offset) for s, e in furniture.spans(text[offset:], lex.lang)]
    pos = offset
    for s, e in [*cuts, (len(text), len(text))]:
        piece = text[pos:s]
        if pos == offset and not line.md_heading:
            bullet = _BULLET.match(piece)
            if bullet:
                line.bullet = True
                piece, pos = piece[bullet.end():], pos + bullet.end()
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        # What a cut leaves behind alone ("." before a teaser's end) is not text.
        if piece and any(ch.isalnum() for ch in piece):
            line.pieces.append((line.start + pos + lead, piece))
        if e > s:
            doc.dropped.append(text[s:e].strip())
        pos = e


def _wrapped_blocks(lines: list[_Line]) -> set[int]:
    """Blocks whose lines were wrapped at a width: most lines end mid-sentence, near one width."""
    by_block: dict[int, list[_Line]] = {}
    for ln in lines:
        by_block.setdefault(ln.block, []).append(ln)
    out = set()
    for block, group in by_block.items():
        body = [ln for ln in group if ln.pieces and not ln.bullet]
        if len(body) < 3:
            continue
        longest = max(len(ln.kept) for ln in body)
        open_ends = sum(not ln.kept.endswith(_END_PUNCT) and len(ln.kept) >= _WRAP_MIN_CHARS
                        and len(ln.kept) >= _WRAP_RATIO * longest for ln in body[:-1])
        if open_ends * 2 > len(body) - 1:
            out.add(block)
    return out


def _joins(prev: _Line, nxt: _Line, wrapped: set[int], width: dict[int, int]) -> bool:
    """Whether `nxt` continues the paragraph that `prev` is part of."""
    if prev.block != nxt.block or nxt.bullet or nxt.md_heading or prev.md_heading:
        return False
    text = prev.kept
    if prev.block in wrapped and len(text) >= _WRAP_RATIO * width[prev.block]:
        return True
    if text.endswith(_END_PUNCT):
        return False
    if prev.block in wrapped or text.endswith((",", "-")):
        return True
    first = nxt.kept[:1]
    return (first.islower() or first.isdigit()) and len(text.split()) >= 6


def clean(doc_id: str, text: str, lang: str = "pt") -> CleanDoc:
    """Cleaned paragraphs of `text`, one per line, with furniture and headings dropped.

    The first non-empty line is taken as the document's title; it stays in the
    text only if it reads as a sentence (ends with punctuation).
    """
    lex = lexicon.get(lang)
    doc = CleanDoc(doc_id=doc_id, original=text)
    letters = [ch for ch in text if ch.isalpha()]
    doc.lowercase = bool(letters) and sum(ch.isupper() for ch in letters) <= _LOWERCASE_SHARE * len(letters)
    lines = _lines(text)
    heads = [ln.text for ln in lines[:3]]
    # "Justiça" above "Antigo autarca condenado …" and the article: a one-word section
    # kicker, not the title.
    if len(heads) == 3 and len(heads[0].split()) == 1 and not heads[0].endswith(_END_PUNCT) \
            and 1 < len(heads[1].split()) <= _HEADLINE_MAX_WORDS and not heads[1].endswith(_END_PUNCT):
        doc.dropped.append(lines.pop(0).text)
    for ln in lines:
        _cut(ln, lex, doc)
    lines = [ln for ln in lines if ln.pieces]
    wrapped = _wrapped_blocks(lines)
    width: dict[int, int] = {}
    for ln in lines:
        width[ln.block] = max(width.get(ln.block, 0), len(ln.kept))

    # Paragraphs: runs of lines that join; a list after a lead-in ending in ":" joins it too.
    paragraphs: list[list[_Line]] = []
    list_open = False
    for ln in lines:
        if paragraphs:
            prev = paragraphs[-1][-1]
            same = prev.block == ln.block
            if ln.bullet and same and (prev.kept.endswith(":") or (list_open and prev.bullet)):
                list_open = True
                paragraphs[-1].append(ln)
                continue
            if _joins(prev, ln, wrapped, width):
                paragraphs[-1].append(ln)
                continue
        list_open = False
        paragraphs.append([ln])

    out = _Builder(doc)
    for n, para in enumerate(paragraphs):
        head = para[0]
        body = " ".join(ln.kept for ln in para)
        if n == 0 and not doc.title:
            doc.title = _title(_MD_HEADING.sub("", body))
            # A headline without final punctuation is the title, not a sentence of the text.
            if not body.endswith(_END_PUNCT):
                doc.dropped.append(body)
                continue
        if head.md_heading or (len(para) == 1 and not head.bullet and is_heading(body)) \
                or (len(body.split()) <= _LABEL_MAX_WORDS and body.endswith(":")):
            doc.dropped.append(body)
            continue
        if out.length:
            out.own("\n", head.start)
        _emit(out, para)
    # An unbalanced straight quote in one paragraph must not turn every later one around.
    doc.text = "\n".join(_straighten_quotes(p) for p in "".join(out.pieces).split("\n"))
    if not doc._segments:
        doc._segments.append((0, 0, _RUN))
    return doc


def _title(text: str) -> str:
    text = _SPACES.sub(" ", text)
    if len(text) <= _TITLE_MAX_CHARS:
        return text
    return text[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"


def _emit(out: _Builder, para: list[_Line]) -> None:
    first = True
    for i, ln in enumerate(para):
        for orig, piece in ln.pieces:
            if not first:
                prev_text = out.pieces[-1]
                word = prev_text.rsplit(" ", 1)[-1]
                if prev_text.endswith("-") and word[:-1].isalpha() and piece[:1].islower() and not ln.bullet:
                    if piece.split()[0].strip(".,;:") not in _CLITICS:
                        # "compu-" + "tador": a word split at the line's end.
                        out.pieces[-1] = prev_text[:-1]
                        out.length -= 1
                    # "descodifica-" + "a": the hyphen of a clitic stays, with no space after it.
                elif ln.bullet and not prev_text.endswith(_END_PUNCT + (",",)):
                    out.own("; ", orig)
                else:
                    out.own(" ", orig)
            out.copy(piece, orig)
            first = False
