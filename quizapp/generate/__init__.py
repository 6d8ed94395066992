"""Question generation: source texts in, a question set in the YAML contract's shape out.

Deterministic: the same texts give the same set.  The text is read with the trained pipeline
shipped in quizapp/nlp (loaded once per process, no network).  Stages: clean → sentences →
facts (rules and lexicon) → analysis (the parse of each sentence) → questions (the rules'
builders and parsed.py's) → rank.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from . import clean as cleaning, distractors, facts as fx, fallback, lexicon, questions as qs, rank, restate
from . import parsed, sentences as sents, spans as sp
from .. import nlp
from .distractors import fold
from ..formats.model import FreeNames, slugify as shared_slugify

__all__ = ["GenerationResult", "generate_set", "slugify"]


@dataclass
class GenerationResult:
    """The set as a plain dict (`set`) and what happened on the way (`report`)."""

    set: dict
    report: dict = field(default_factory=dict)


def slugify(text: str, max_len: int = 60) -> str:
    """The shared slug rule without "e"/"and", cut to `max_len`: "Rússia e Coreia do Norte" → "russia-coreia-do-norte"."""
    return shared_slugify(text, drop_connectives=True)[:max_len].rstrip("-") or "set"


def _question_id(q: dict, names: FreeNames) -> str:
    # Content-derived: answer first (what the question is about), then the prompt's opening.
    prompt = q["prompt"].replace("{{", "").replace("}}", "")
    base = slugify(f"{q['answer']} {prompt}", 48) if not isinstance(q["answer"], bool) \
        else slugify(prompt, 48)
    base = f"{q['type'].split('_')[0]}-{base}"
    return names.take(base)


def _fact_label(fact: str) -> str:
    # "doc:3:date:em julho" → "date:em julho": the same fact in two sentences is one.
    parts = fact.split(":", 2)
    return parts[2] if len(parts) == 3 and parts[1].isdigit() else fact


def _person_keys(pool: distractors.Pool, lex: lexicon.Lexicon) -> dict[str, str]:
    # Two spellings of one full name ("Sergey Lavrov", "Sergei Lavrov") are one person.  Only names
    # of as many words are compared, each with those before it: grouped by word count and folded once.
    keys: dict[str, str] = {}
    earlier: dict[int, list[str]] = {}
    for name in (p for p in pool.by_kind.get(sp.PERSON, []) if len(p.split()) >= 2):
        same_length = earlier.setdefault(len(fold(name).split()), [])
        keys[name] = next((keys[o] for o in same_length if distractors.same_thing(o, name, lex)), name)
        same_length.append(name)
    return keys


def _description(lex: lexicon.Lexicon, titles: list[str]) -> str:
    joined = "; ".join(f"«{t}»" for t in titles)
    count = lex.words["one_text" if len(titles) == 1 else "texts"].format(n=len(titles))
    return lex.words["description"].format(count=count, sources=joined)


# Shares of the work, for progress: reading the texts, finding facts, making candidates, ranking.
_STEPS = (0.2, 0.45, 0.85, 1.0)


class _Progress:
    """Turns the stages' own counts into one (done, total) for the caller, total fixed at 1000."""

    TOTAL = 1000

    def __init__(self, callback: Callable[[int, int], None] | None, units: int):
        self.callback, self.units, self.share, self.base, self.last = callback, max(units, 1), 0.0, 0.0, -1

    def advance(self, share: float, units: int) -> None:
        self.share += share * units / self.units
        self._tell(self.base + self.share)

    def reach(self, fraction: float) -> None:
        self.base, self.share = fraction, 0.0
        self._tell(fraction)

    def restart(self, units: int) -> None:
        self.units = max(units, 1)

    def _tell(self, fraction: float) -> None:
        done = min(self.TOTAL, int(fraction * self.TOTAL))
        # Tell only when the bar moves: a 600 KB text has tens of thousands of sentences.
        if self.callback is not None and done != self.last:
            self.last = done
            self.callback(done, self.TOTAL)


def generate_set(texts: list[tuple[str, str]], *, title: str, lang: str = "pt",
                 progress: Callable[[int, int], None] | None = None) -> GenerationResult:
    """A question set from (doc_id, text) pairs, every question traced to its source sentence.

    `progress`, when given, is called with (done, total) as the work advances (the command draws a
    bar, a background job stores it for the page).
    """
    lex = lexicon.get(lang)
    tick = _Progress(progress, sum(len(t) for _, t in texts))
    docs, split = [], []
    for doc_id, text in texts:
        doc = cleaning.clean(doc_id, text, lang)
        docs.append(doc)
        split.append(sents.split(doc, lang))
        tick.advance(_STEPS[0], len(text))
    all_facts = fx.extract(restate.restate(split, lang), lang)
    tick.reach(_STEPS[1])
    pool = distractors.Pool(lang)
    names: set[str] = set()
    quote_of: dict[tuple[str, int], str] = {}
    for doc, doc_sents, doc_facts in zip(docs, split, all_facts):
        for s in doc_sents:
            quote_of[(s.doc, s.index)] = doc.original_text(s.start, s.end)
        for f in doc_facts:
            for span in f.spans:
                if span.kind in sp.ENTITY_KINDS and span.kind != sp.NAME:
                    pool.add(span)
                    names.update({span.text, span.key})
    # The parse of every sentence (the pipeline batches them), then the candidates.
    tick.restart(2 * sum(len(d) for d in all_facts))
    for doc_facts in all_facts:
        for f, parsed_doc in zip(doc_facts, nlp.parse([f.sentence.text for f in doc_facts], lang)):
            f.doc = parsed_doc
        tick.advance(_STEPS[2] - _STEPS[1], len(doc_facts))
    flat = [f for doc_facts in all_facts for f in doc_facts]
    ctx = qs.Context(lex, pool, names, quote_of, _person_keys(pool, lex),
                     df=parsed.informativeness([f.doc for f in flat]), n_sentences=len(flat))
    cands = []
    for doc_facts in all_facts:
        for f in doc_facts:
            cands.extend(qs.candidates(f, ctx))
            tick.advance(_STEPS[2] - _STEPS[1], 1)
    kept = rank.select(cands, lang)
    # A question the set format refuses is left out and counted, never fatal to the run; a long
    # paragraph the ranker left without a question gets its best clean one.
    kept, dropped = fallback.admitted(kept, lang)
    kept = fallback.fill_gaps(kept, cands, docs, split, all_facts, ctx, lang)
    tick.reach(_STEPS[3])

    names = FreeNames()
    questions = []
    for c in kept:
        q = dict(c.q)
        questions.append({"id": _question_id(q, names), **q})
    # A fact is asked when some kept question has its answer; the same name in ten
    # sentences is one fact, and true/false keys name sentences, not facts.
    asked = {fold(str(a)) for c in kept for a in [c.q["answer"], *c.q.get("accept", [])]}
    asked_facts = {_fact_label(c.fact) for c in kept}
    unasked = sorted({_fact_label(c.fact) for c in cands if not c.fact.endswith("true-false")
                      and _fact_label(c.fact) not in asked_facts
                      and fold(str(c.q["answer"])) not in asked})
    report = {
        "documents": len(docs),
        "words": sum(len(d.text.split()) for d in docs),
        "sentences": sum(len(s) for s in split),
        "candidates": len(cands),
        "questions": len(questions),
        "per_type": dict(sorted(Counter(q["type"] for q in questions).items())),
        "facts_without_question": unasked,
        "dropped": len(dropped),
        "dropped_questions": [{"prompt": d.prompt, "reason": d.reason} for d in dropped],
    }
    data = {
        "title": title,
        "slug": slugify(title),
        "language": lex.lang,
        "description": _description(lex, [d.title for d in docs]),
        "sources": [{"id": d.doc_id, "title": d.title} for d in docs],
        "questions": questions,
    }
    return GenerationResult(set=data, report=report)
