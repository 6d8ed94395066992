"""Stage 5: score every candidate, drop near-duplicates, keep the best per fact and a mix of types."""
from __future__ import annotations

import re
from collections import Counter

from . import checks, lexicon, spans as sp
from .distractors import fold
from .questions import Candidate

# How much a teacher values asking for each kind of answer.
_KIND_VALUE = {sp.PERSON: 1.0, sp.COUNTRY: 0.8, sp.PLACE: 0.8, sp.ORG: 0.7, sp.DATE: 0.9,
               sp.NUMBER: 1.0, sp.QUOTE: 0.5, "definition": 0.8, sp.NAME: 0.2}
# Asking beats completing: a wh-question tests recall of the fact, not of the wording.
_TYPE_VALUE = {"short_answer": 0.3, "multiple_choice": 0.35, "numeric": 0.3, "flashcard": 0.3,
               "cloze": 0.1, "true_false": 0.15}
_POSSESSIVES = {"seu", "sua", "seus", "suas", "his", "her", "their", "its"}
_MAX_WORDS = 32
_PER_SENTENCE = 3
_DUP_OVERLAP = 0.5
_GUESSABLE_SPREAD = 5


def _words(c: Candidate) -> frozenset[str]:
    if c.words is None:
        c.words = frozenset(re.findall(r"\w+", fold(c.q["prompt"])))
    return c.words


def score(c: Candidate, lex: lexicon.Lexicon) -> float:
    """Higher for specific answers in self-contained, factual prompts of moderate length."""
    q = c.q
    prompt = q["prompt"].replace("{{", "").replace("}}", "")
    words = prompt.split()
    s = _KIND_VALUE.get(c.answer_kind, 0.3) + _TYPE_VALUE[q["type"]]
    low = [w.strip(".,;:“”?!").lower() for w in words]
    # Words pointing back into the article make the prompt unanswerable alone;
    # possessives ("seu", "sua") only blur it.
    ctx_hits = sum(w in lex.context_words for w in low if w not in _POSSESSIVES)
    if re.search(r"\b(os|as|the) (dois|duas|two) \w+", prompt.lower()):
        ctx_hits += 1
    s -= 0.8 * min(ctx_hits, 2)
    s -= 0.1 * min(sum(w in _POSSESSIVES for w in low), 2)
    if any(w in lex.opinion_words for w in low):
        s -= 0.25
    if len(words) > _MAX_WORDS:
        s -= 0.02 * (len(words) - _MAX_WORDS)
    if len(words) < 4:
        s -= 0.3
    if q["source"]["quote"][:1] in "“\"«":
        s -= 0.3  # a sentence that is a quotation: someone's words, not a fact
    if q["type"] == "cloze" and c.answer_kind == sp.QUOTE and len(q["answer"].split()) == 1:
        s -= 0.2
    if c.answer_kind == sp.DATE and any(w in str(q["answer"]).lower() for w in lex.relative_dates):
        s -= 0.6  # "na segunda-feira": which Monday depends on when the article ran
    if q["type"] == "flashcard" and len(str(q["answer"]).split()) > 12:
        s -= 0.3
    return round(s + c.bonus, 4)


def _near_duplicate(a: Candidate, b: Candidate) -> bool:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= _DUP_OVERLAP


def _reveals(a: Candidate, b: Candidate) -> bool:
    """True when a's prompt shows b's answer: in one set, a would give b away."""
    if isinstance(b.q["answer"], bool) or b.q["type"] == "numeric":
        return False
    prompt = re.sub(r"\{\{[^}]*\}\}", " ", a.q["prompt"])
    return checks.contains(prompt, str(b.q["answer"]))


def select(cands: list[Candidate], lang: str) -> list[Candidate]:
    """The questions to keep, best first within an order that follows the documents."""
    lex = lexicon.get(lang)
    # An answer found in many sentences ("Rússia" in an article on Russia) is
    # guessable in a cloze: the reader fills the blank with the topic.
    spread = Counter(fold(str(c.q["answer"])) for c in {
        (c.sentence.sentence.doc, c.sentence.sentence.index, str(c.q["answer"])): c
        for c in cands if c.q["type"] == "cloze"}.values())
    ok = []
    for c in cands:
        if checks.problems(c.q, lang):
            continue
        c.score = score(c, lex)
        if c.q["type"] == "cloze" and spread[fold(str(c.q["answer"]))] >= _GUESSABLE_SPREAD:
            c.score -= 0.3
        if c.score > 0.6:
            ok.append(c)
    queues: dict[str, list[Candidate]] = {}
    for c in sorted(ok, key=lambda c: (c.score, c.q["prompt"])):
        queues.setdefault(c.q["type"], []).append(c)  # best last, popped first
    kept: list[Candidate] = []
    facts: set[str] = set()
    per_sentence: Counter = Counter()
    types: Counter = Counter()
    prompts: set[str] = set()
    by_answer: dict[str, list[Candidate]] = {}
    by_sentence: dict[tuple[str, int], list[Candidate]] = {}
    # Greedy over the heads of per-type queues, with a growing penalty per type
    # already kept, so the set mixes types; linear in the number of candidates.
    while any(queues.values()):
        qtype = max((t for t in queues if queues[t]),
                    key=lambda t: (queues[t][-1].score - 0.04 * types[t], t))
        best = queues[qtype].pop()
        sent = (best.sentence.sentence.doc, best.sentence.sentence.index)
        key = fold(best.q["prompt"])
        # Long sentences hold more facts, so they may give more questions.
        cap = min(_PER_SENTENCE, 2 + len(best.sentence.sentence.text.split()) // 20)
        if best.fact in facts or per_sentence[sent] >= cap or key in prompts:
            continue
        akey = fold(str(best.q["answer"]))
        if any(_near_duplicate(best, k) for k in by_answer.get(akey, ())):
            continue
        if any(_reveals(best, k) or _reveals(k, best) for k in by_sentence.get(sent, ())):
            continue
        kept.append(best)
        by_answer.setdefault(akey, []).append(best)
        by_sentence.setdefault(sent, []).append(best)
        facts.add(best.fact)
        per_sentence[sent] += 1
        types[best.q["type"]] += 1
        prompts.add(key)
    kept.sort(key=lambda c: (c.sentence.sentence.doc, c.sentence.sentence.index,
                             c.sentence.sentence.text.find(str(c.q["answer"]))))
    return kept
