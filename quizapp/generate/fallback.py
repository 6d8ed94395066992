"""What the ranker leaves out: questions the set format refuses, and paragraphs left without a question.

Two promises the ranker alone cannot keep:
- a generated question that fails the set format's validation (a cloze on "{0,1}*" that reads as
  "{{{0}}}") is dropped and counted, never fatal to the whole run;
- any factual paragraph of 40 words or more gives at least one clean question: its best candidate
  that passes the checks, however low its score, or else a cloze on its most informative word.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..formats.data import Message, N_
from ..formats.model import question_from_dict
from . import checks, lexicon, rank
from .clean import CleanDoc
from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _q
from .sentences import Sentence

# A paragraph this long states enough to ask about.
MIN_PARAGRAPH_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLOZE_MIN_LETTERS = 6
# A one-character answer ("0" in "0^n") is no fact to ask.
_ALNUM = re.compile(r"\W")
_DEFINES = re.compile(r"\b(?:é|são|is|are) (?:um|uma|o|a|os|as|an?|the)\b")
_CLOZE_MAX_WORDS = 40


@dataclass
class Dropped:
    """A question the generator made and the set format refused, with why."""

    prompt: str
    reason: str


def admitted(kept: list[Candidate], lang: str) -> tuple[list[Candidate], list[Dropped]]:
    """The candidates whose question the set format accepts, and what was refused."""
    ok, dropped = [], []
    for c in kept:
        _, problems = question_from_dict(c.q, language=lang)
        if problems:
            dropped.append(Dropped(c.q.get("prompt", ""), "; ".join(str(p.message) for p in problems)))
        else:
            ok.append(c)
    return ok, dropped


def _valid(c: Candidate, lang: str) -> bool:
    return not checks.problems(c.q, lang) and not question_from_dict(c.q, language=lang)[1]


def _paragraph_of(doc: CleanDoc, sents: list[Sentence]) -> dict[int, int]:
    """Sentence index → paragraph number (paragraphs are the cleaned text's lines)."""
    breaks = [i for i, ch in enumerate(doc.text) if ch == "\n"]
    out, p = {}, 0
    for s in sents:
        while p < len(breaks) and breaks[p] < s.start:
            p += 1
        out[s.index] = p
    return out


def _word_cloze(f: SentenceFacts, sentence: Sentence, counts: Counter, ctx: Context) -> Candidate | None:
    """The sentence with its rarest long word blanked: the last resort for a paragraph of plain prose."""
    text = sentence.text
    if "{" in text or "}" in text or len(text.split()) > _CLOZE_MAX_WORDS or not text.endswith((".", "!")):
        return None
    words = [m for m in _WORD.finditer(text) if len(m.group()) >= _CLOZE_MIN_LETTERS and m.start() > 0]
    if not words:
        return None
    # Rarest in the text first (a word said once is specific), then longest, then earliest.
    best = min(words, key=lambda m: (counts[fold(m.group())], -len(m.group()), m.start()))
    prompt = text[:best.start()] + "{{" + best.group() + "}}" + text[best.end():]
    return Candidate(_q(f, ctx, "cloze", prompt, best.group()), f"{sentence.doc}:{sentence.index}:word",
                     "word", f)


def fill_gaps(kept: list[Candidate], cands: list[Candidate], docs: list[CleanDoc],
              split: list[list[Sentence]], facts: list[list[SentenceFacts]], ctx: Context,
              lang: str) -> list[Candidate]:
    """One clean question for each paragraph of 40+ words that `kept` asks nothing about."""
    lex = lexicon.get(lang)
    prompts = {fold(c.q["prompt"]) for c in kept}
    asked = {(c.sentence.sentence.doc, c.sentence.sentence.index) for c in kept}
    by_sentence: dict[tuple[str, int], list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault((c.sentence.sentence.doc, c.sentence.sentence.index), []).append(c)
    added = []
    for doc, sents, doc_facts in zip(docs, split, facts):
        para_of = _paragraph_of(doc, sents)
        facts_of = {f.sentence.index: f for f in doc_facts}
        counts = Counter(fold(w) for w in _WORD.findall(doc.text))
        paragraphs: dict[int, list[Sentence]] = {}
        for s in sents:
            paragraphs.setdefault(para_of[s.index], []).append(s)
        for members in paragraphs.values():
            words = sum(len(s.text.split()) for s in members)
            statements = [s for s in members if not s.text.endswith("?")]
            if words < MIN_PARAGRAPH_WORDS or not statements or any((s.doc, s.index) in asked for s in members):
                continue
            pool = [c for s in statements for c in by_sentence.get((s.doc, s.index), [])
                    if c.q["type"] != "true_false" and fold(c.q["prompt"]) not in prompts
                    and len(_ALNUM.sub("", str(c.q["answer"]))) >= 2 and _valid(c, lang)]
            pick = max(pool, key=lambda c: (rank.score(c, lex), c.q["prompt"]), default=None)
            if pick is None:
                # A sentence that defines ("A memória é um dispositivo …") first, then the longest.
                for s in sorted(statements, key=lambda s: (not _DEFINES.search(s.text), -len(s.text.split()))):
                    c = _word_cloze(facts_of[s.index], s, counts, ctx) if s.index in facts_of else None
                    if c is not None and fold(c.q["prompt"]) not in prompts and _valid(c, lang):
                        pick = c
                        break
            if pick is not None:
                added.append(pick)
                prompts.add(fold(pick.q["prompt"]))
    out = kept + added
    # The ranker's order: by document, then sentence, then where the answer sits in it.
    out.sort(key=lambda c: (c.sentence.sentence.doc, c.sentence.sentence.index,
                            c.sentence.sentence.text.find(str(c.q["answer"]))))
    return out


def why_empty(report: dict) -> Message:
    """Why a text gave no question, from the generator's report, in words for a teacher."""
    words = report.get("words", 0)
    if not words:
        return N_("no text was left once headings and page furniture were removed")
    if report.get("dropped") and not report.get("questions"):
        return N_("the %(num)d questions made from it did not pass validation", num=report["dropped"])
    if words < MIN_PARAGRAPH_WORDS:
        return N_("it is too short (%(num)d words) and states no name, place, date or number to ask about; "
                  "a paragraph of %(min)d words or more always gives a question", num=words, min=MIN_PARAGRAPH_WORDS)
    if not report.get("candidates"):
        return N_("none of its %(num)d sentences states a name, place, date, number or definition to ask about",
                  num=report.get("sentences", 0))
    return N_("the %(num)d questions it suggested were all too vague or repeated to keep", num=report["candidates"])
