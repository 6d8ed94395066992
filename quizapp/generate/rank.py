"""Stage 5: score every candidate, drop near-duplicates, keep the best per fact and a mix of types."""
from __future__ import annotations

import bisect
import re
from collections import Counter

from . import checks, lexicon, spans as sp
from .distractors import fold
from .questions import Candidate, span_fact

# How much a teacher values asking for each kind of answer.
_KIND_VALUE = {sp.PERSON: 1.0, sp.COUNTRY: 0.8, sp.PLACE: 0.8, sp.ORG: 0.7, sp.DATE: 0.9,
               sp.NUMBER: 1.0, sp.QUOTE: 0.5, "definition": 0.8, sp.NAME: 0.2, "term": 0.5}
# Asking beats completing: a wh-question tests recall of the fact, not of the wording.
_TYPE_VALUE = {"short_answer": 0.3, "multiple_choice": 0.35, "numeric": 0.3, "flashcard": 0.3,
               "cloze": 0.1, "true_false": 0.15}
_POSSESSIVES = {"seu", "sua", "seus", "suas", "his", "her", "their", "its"}
# Prompts that name what they ask about: a role, a term, a definition.
_SELF_CONTAINED = ("Quem é", "Quem foi", "Quem era", "Who is", "Who was", "O que é", "O que são", "O que foi",
                   "O que era", "Qual é", "Qual foi", "Como se chama", "What is", "What are", "What was",
                   "What were", "Que outro nome", "What else is", "Por quem", "By whom")
_MAX_WORDS = 32
_PER_SENTENCE = 4
_DUP_OVERLAP = 0.5
_GUESSABLE_SPREAD = 4


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
    # "um ao outro" is reciprocal, not a pointer back into the article.
    low = [w.strip(".,;:“”?!").lower() for w in re.sub(r"\b(?:um|uns|uma|umas) (?:ao|aos|à|às) outr[oa]s?\b",
                                                         "", prompt).split()]
    # Words pointing back into the article make the prompt unanswerable alone;
    # possessives ("seu", "sua") only blur it.
    ctx_hits = sum(w in lex.context_words for w in low if w not in _POSSESSIVES)
    # "os dois países" points back, unless the prompt has just named them.
    if re.search(r"\b(os|as|the) (dois|duas|two) \w+", prompt.lower()) and sum(
            n in prompt for n in lex.countries | lex.cities) < 2:
        ctx_hits += 1
    if q["type"] in ("short_answer", "multiple_choice", "numeric") and not re.search(
            r"\d|“|\s[A-ZÀ-Ý]", prompt) and not prompt.startswith(_SELF_CONTAINED):
        s -= 0.5  # "Quem participou da reunião?": nothing in it says which one
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


# Words that carry no content of their own when comparing what two prompts state.
_FUNCTION = frozenset("""quem quando onde quantos quantas qual quais pela pelo pelos pelas para
    entre sobre desde numa como mais tambem esta este estes estas essa esse que pais organizacao
    verdadeiro falso segundo acordo with from that this when where which what were have""".split())
_BLANK = re.compile(r"\{\{[^}]*\}\}")
_QUOTE = re.compile(r"“([^“”]+)”")


def _content(c: Candidate) -> frozenset[str]:
    return frozenset(w for w in _words(c) if len(w) >= 4 and w not in _FUNCTION)


def _shown_answer(c: Candidate) -> str:
    return str(c.q["answer"]) if c.q["type"] == "true_false" else c.shown or str(c.q["answer"])


def _reveals(a: Candidate, b: Candidate) -> bool:
    """True when a's prompt gives b's answer away: it shows the answer *and* states b's fact.

    Names recur all through a text; "Kim" in one prompt does not answer "Quem é o líder
    norte-coreano?" unless the prompt also says "líder norte-coreano" beside it.
    """
    if isinstance(b.q["answer"], bool):
        return False
    shown = _shown_answer(b)
    if not frozenset(re.findall(r"\w+", fold(shown))) <= _words(a):
        return False  # cheap test first: every word of the answer must be in the prompt
    if not checks.contains(_BLANK.sub(" ", a.q["prompt"]), shown):
        return False
    need = _content(b) - frozenset(fold(shown).split())
    if not need:
        return True
    return len(need & _content(a)) * 2 >= len(need)


def _mention_order(cands: list[Candidate]) -> dict[int, int]:
    # A fact told in several sentences (a person's title) is best asked where it is first told.
    seen: dict[str, list[tuple[str, int]]] = {}
    for c in cands:
        if c.fact.count(":") < 2 or not c.fact.split(":")[1].isdigit():
            where = (c.sentence.sentence.doc, c.sentence.sentence.index)
            places = seen.setdefault(c.fact, [])
            if where not in places:
                places.append(where)
    return {id(c): seen[c.fact].index((c.sentence.sentence.doc, c.sentence.sentence.index))
            for c in cands if c.fact in seen}


def _answer_words(c: Candidate) -> list[str]:
    """The words of the answer a prompt would have to show to give `c` away (none for true/false)."""
    return [] if isinstance(c.q["answer"], bool) else re.findall(r"\w+", fold(_shown_answer(c)))


def _key_word(words: list[str]) -> str:
    # The longest word is the rarest in practice: "a", "de", "the" would put every question in one list.
    return max(words, key=lambda w: (len(w), w))


class _Kept:
    """The questions kept so far, indexed so a new one is checked only against those it may touch.

    a gives b away only when every word of b's answer is in a's prompt (:func:`_reveals`), so a
    kept question is filed under one word of its answer and under each word of its prompt; a new
    question is then compared with the few that share those words, never with every kept one (that
    was quadratic in the text's length: a list per first word of the answer held every "a …").
    """

    def __init__(self):
        self.all: list[Candidate] = []
        self.by_answer_word: dict[str, list[Candidate]] = {}
        self.by_prompt_word: dict[str, list[Candidate]] = {}
        self.by_answer: dict[str, list[Candidate]] = {}
        self.in_sentence: dict[tuple[str, int], list[Candidate]] = {}

    def add(self, c: Candidate) -> None:
        self.all.append(c)
        s = c.sentence.sentence
        self.in_sentence.setdefault((s.doc, s.index), []).append(c)
        words = _answer_words(c)
        if words:
            self.by_answer_word.setdefault(_key_word(words), []).append(c)
        for w in _words(c):
            self.by_prompt_word.setdefault(w, []).append(c)
        self.by_answer.setdefault(fold(str(c.q["answer"])), []).append(c)

    def conflicts(self, c: Candidate) -> bool:
        if any(_near_duplicate(c, k) for k in self.by_answer.get(fold(str(c.q["answer"])), ())):
            return True
        prompt_words = _words(c)
        # Kept questions c's prompt may give away: their answer's key word is in it.
        if any(_reveals(c, k) for w in prompt_words for k in self.by_answer_word.get(w, ())):
            return True
        # Kept questions that may give c away: their prompt holds every word of c's answer.
        words = set(_answer_words(c))
        if words:
            lists = [self.by_prompt_word.get(w, ()) for w in words]
            if any(_reveals(k, c) for k in min(lists, key=len)):
                return True
        return self._same_quote_other_answer(c)

    def _same_quote_other_answer(self, c: Candidate) -> bool:
        # "Quem elogiou a “proximidade espiritual” …?" asked twice with two answers: each is
        # ambiguous beside the other, since the quotation is what the reader remembers.
        if c.q["type"] in ("cloze", "true_false"):
            return False
        for quote in _QUOTE.findall(c.q["prompt"]):
            words = re.findall(r"\w+", fold(quote))
            for k in self.by_prompt_word.get(words[0], ()) if words else ():
                if k.q["type"] not in ("cloze", "true_false") and fold(str(k.q["answer"])) != fold(
                        str(c.q["answer"])) and f"“{quote}”" in k.q["prompt"]:
                    return True
        return False


_REPEAT_PENALTY = 0.3


def _answer_key(c: Candidate) -> str:
    if isinstance(c.q["answer"], bool) or c.answer_kind != sp.PERSON:
        return ""
    return fold(c.fact.rsplit(":", 1)[-1])


def select(cands: list[Candidate], lang: str) -> list[Candidate]:
    """The questions to keep, best first within an order that follows the documents."""
    lex = lexicon.get(lang)
    # An answer found in many sentences ("Rússia" in an article on Russia) is
    # guessable in a cloze: the reader fills the blank with the topic.
    spread = Counter(fold(str(c.q["answer"])) for c in {
        (c.sentence.sentence.doc, c.sentence.sentence.index, str(c.q["answer"])): c
        for c in cands if c.q["type"] == "cloze"}.values())
    order = _mention_order(cands)
    ok = []
    for c in cands:
        if checks.problems(c.q, lang):
            continue
        c.score = score(c, lex)
        if c.q["type"] == "cloze" and spread[fold(str(c.q["answer"]))] >= _GUESSABLE_SPREAD:
            c.score -= 0.3
        c.score = round(c.score - 0.01 * min(order.get(id(c), 0), 5), 4)
        if c.score > 0.6:
            ok.append(c)
    kept = _Kept()
    facts: set[str] = set()
    per_sentence: Counter = Counter()
    types: Counter = Counter()
    prompts: set[str] = set()
    answered: set[str] = set()
    # True/false restates a whole sentence, so it shows every answer in it: it only
    # takes sentences whose facts no sharper question asks about.
    for phase in ([c for c in ok if c.q["type"] != "true_false"],
                  [c for c in ok if c.q["type"] == "true_false"]):
        queues: dict[str, list[Candidate]] = {}
        for c in sorted(phase, key=lambda c: (c.score, c.q["prompt"])):
            queues.setdefault(c.q["type"], []).append(c)  # best last, popped first
        # Greedy over the heads of per-type queues, with a growing penalty per type
        # already kept, so the set mixes types.
        while any(queues.values()):
            qtype = max((t for t in queues if queues[t]),
                        key=lambda t: (queues[t][-1].score - 0.04 * types[t], t))
            best = queues[qtype].pop()
            sent = (best.sentence.sentence.doc, best.sentence.sentence.index)
            key = fold(best.q["prompt"])
            # Long sentences hold more facts, so they may give more questions.
            cap = min(_PER_SENTENCE, 2 + len(best.sentence.sentence.text.split()) // 15)
            # The card from a name to its title asks about the person, not the sentence.
            card = best.fact.startswith("person-desc:") or ":name:" in best.fact
            if best.fact in facts or (per_sentence[sent] >= cap and not card) or key in prompts:
                continue
            if qtype == "true_false" and best.shown and any(
                    checks.contains(best.shown, _shown_answer(k)) for k in kept.in_sentence.get(sent, ())):
                continue  # a false statement on a fact the sentence already asks asks it twice
            if qtype == "true_false" and any(
                    (f := span_fact(best.sentence, x)).startswith("count:") and f in facts
                    for x in best.sentence.spans):
                continue  # "600 soldados" asked from another article: the statement repeats it
            if kept.conflicts(best):
                continue
            akey = _answer_key(best)
            if akey in answered and not best.requeued:
                # One more question whose answer is a person already asked about is worth less
                # than a first question on another fact of the sentence.
                best.requeued = True
                best.score = round(best.score - _REPEAT_PENALTY, 4)
                if best.score > 0.6:
                    bisect.insort(queues[qtype], best, key=lambda c: (c.score, c.q["prompt"]))
                continue
            if akey:
                answered.add(akey)
            kept.add(best)
            facts.add(best.fact)
            per_sentence[sent] += 0 if card else 1
            types[best.q["type"]] += 1
            prompts.add(key)
    out = kept.all
    out.sort(key=lambda c: (c.sentence.sentence.doc, c.sentence.sentence.index,
                            c.sentence.sentence.text.find(str(c.q["answer"]))))
    return out
