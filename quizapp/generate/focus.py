"""Stage 4c: cloze prompts cut to the clause that states their fact, so one sentence gives several.

A cloze shows the whole sentence, so two clozes on one sentence give each other's answers away and
the ranker may keep only one.  Read off the parse, a focused cloze keeps the clause around its
blank and leaves out what only states *other* facts:
- a coordinated predicate is a fact of its own: "O lago tem cerca de vinte quilómetros de largura e
  encontra-se a uma profundidade de {{1,5}} quilómetros" → "O lago encontra-se a uma profundidade
  de {{1,5}} quilómetros." (the shared subject is kept), and the other way round;
- an optional phrase (an oblique, an adverbial clause, a relative clause, an apposition) that holds
  another question's answer is dropped: "A descoberta foi feita com o radar da sonda {{Mars
  Express}}." without ", que orbita o planeta desde 2003".
Only phrases holding another answer go, so the prompt keeps as much of the sentence as it can;
nothing on the path from the blank to the main verb is ever dropped.
"""
from __future__ import annotations

import re

from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _q

# Dependents a clause reads well without (UD relations; "conj" only between predicates).
_OPTIONAL = {"obl", "nmod", "obl:tmod", "obl:npmod", "nmod:tmod", "npadvmod", "advcl", "advmod",
             "parataxis", "appos", "acl:relcl", "acl", "dislocated", "conj"}
_NEGATION = {"não", "nunca", "jamais", "not", "never", "n't", "no"}
_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
# What may follow a predicate and complete it; a predicate left with none of them reads cut.
_COMPLEMENTS = {"obj", "obl", "iobj", "xcomp", "ccomp", "advcl", "nmod", "acl", "acl:relcl", "obl:agent",
                "amod", "appos"}
_QUOTES = set('“”"«»')
_CLOSING = set(",.;:!?)]”»")
_MIN_WORDS = 5


class _Morph:
    """A token's morphology as spaCy's `MorphAnalysis.get` answers it (a list of values)."""

    __slots__ = ("feats",)

    def __init__(self, feats: dict[str, list[str]]):
        self.feats = feats

    def get(self, name: str) -> list[str]:
        return self.feats.get(name, [])


class _Tok:
    """One token of a parsed sentence as plain Python: spaCy builds a new object on every access,
    and a sentence is walked once per cloze, so it is copied once instead."""

    __slots__ = ("i", "idx", "text", "whitespace_", "dep_", "pos_", "tag_", "lower_", "norm_", "is_punct", "morph",
                 "head", "children", "_subtree", "depth")

    @property
    def ancestors(self):
        t = self
        while t.head is not t:
            t = t.head
            yield t

    @property
    def subtree(self) -> list["_Tok"]:
        if self._subtree is None:
            out = [self]
            for c in self.children:
                out.extend(c.subtree)
            self._subtree = sorted(out, key=lambda t: t.i)
        return self._subtree

    @property
    def left_edge(self) -> "_Tok":
        return self.subtree[0]

    @property
    def right_edge(self) -> "_Tok":
        return self.subtree[-1]


class _Sentence(list):
    """The mirrored tokens, with the token sets of character ranges already asked for."""

    def __init__(self):
        super().__init__()
        self.ranges: dict[tuple[int, int], set[int]] = {}
        self.quoted: set[int] | None = None


def _mirror(doc) -> "_Sentence":
    """The sentence's tokens copied out of the parse, with their tree."""
    toks = _Sentence()
    heads = []
    for t in doc:
        m = _Tok()
        m.i, m.idx, m.text, m.whitespace_ = t.i, t.idx, t.text, t.whitespace_
        m.dep_, m.pos_, m.tag_, m.lower_, m.norm_, m.is_punct = t.dep_, t.pos_, t.tag_, t.lower_, t.norm_, t.is_punct
        morph = t.morph  # a new analysis object on every access: read once
        feats = {}
        for k in ("VerbForm", "PronType"):
            v = morph.get(k)
            if v:
                feats[k] = v
        m.morph = _Morph(feats)
        m.children, m._subtree = [], None
        heads.append(t.head.i)
        toks.append(m)
    for m, h in zip(toks, heads):
        m.head = toks[h]
        if h != m.i:
            toks[h].children.append(m)
    for m in toks:
        m.depth = sum(1 for _ in m.ancestors)
    return toks


def _tokens_in(doc: "_Sentence", a: int, b: int) -> set[int]:
    """The tokens overlapping the characters [a, b), worked out once per sentence and range."""
    got = doc.ranges.get((a, b))
    if got is None:
        got = doc.ranges[(a, b)] = {t.i for t in doc if t.idx < b and a < t.idx + len(t.text)}
    return got


def _is_predicate(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop",) + _SUBJECTS for c in tok.children)


def _ranges(f: SentenceFacts, cands: list[Candidate]) -> list[tuple[int, int]]:
    """Where in the sentence each answer of its candidates and each of its facts' spans sits."""
    text = f.sentence.text
    out = [(s.start, s.end) for s in f.spans]
    for c in cands:
        if isinstance(c.q["answer"], bool):
            continue
        shown = c.shown or str(c.q["answer"])
        for m in re.finditer(re.escape(shown), text):
            out.append((m.start(), m.end()))
    return out


def _locate(c: Candidate, text: str) -> tuple[int, int] | None:
    """The answer's place in the sentence, found from the words before the blank."""
    prompt = c.q["prompt"]
    answer = str(c.q["answer"])
    before = prompt[:prompt.index("{{")]
    tail = before[-12:]
    hits = [m.start() for m in re.finditer(re.escape(answer), text) if text[:m.start()].endswith(tail)]
    if len(hits) != 1:
        return None
    return hits[0], hits[0] + len(answer)


def _clause_of(answer_toks: set[int], doc) -> tuple[set[int], list[int]]:
    """The tokens of the clause to show and the tokens on the path from the blank to its root.

    When the blank sits in a predicate coordinated with the main one, that predicate is the
    clause, with the main clause's subject when it has none of its own.
    """
    root = next(t for t in doc if t.dep_ == "ROOT")
    path: list[int] = []
    for i in sorted(answer_toks):
        for a in doc[i].ancestors:
            path.append(a.i)
    keep = {t.i for t in doc}
    on_path = set(path) | answer_toks
    # The highest predicate on the path that is coordinated with the predicate above it.
    conj = next((doc[i] for i in sorted(on_path, key=lambda i: doc[i].depth)
                 if doc[i].dep_ == "conj" and doc[i].head.i < i and _is_predicate(doc[i])
                 and _is_predicate(doc[i].head)), None)
    if conj is not None and any(c.dep_ in ("ccomp", "xcomp", "advcl") and conj.head.i < c.i < conj.i
                                for c in conj.head.children):
        return keep, path  # "explicou que a tempestade se formou … e foi batizada": whose is the second verb?
    if conj is not None:
        root = conj.head
        own = {t.i for t in conj.subtree}
        lead = [t for t in conj.subtree if t.i < conj.i and t.dep_ in ("cc", "punct") and t.head.i == conj.i]
        own -= {t.i for t in lead}
        if not any(c.dep_ in _SUBJECTS for c in conj.children):
            subj = next((c for c in root.children if c.dep_ in _SUBJECTS and c.i < root.i), None)
            if subj is None:
                return keep, path
            own |= {t.i for t in subj.subtree if not (t.is_punct and t.head.i == subj.i)}
            if conj.morph.get("VerbForm") in (["Part"], ["Ger"]) or conj.tag_ in ("VBN", "VBG"):
                own |= {c.i for c in root.children if c.dep_ in ("aux", "aux:pass", "cop")}
        keep = own
    return keep, path


_RANGE_OPEN = {"de", "desde", "entre", "from", "between"}
_RANGE_CLOSE = {"a", "à", "às", "ao", "aos", "até", "e", "to", "until", "till", "and", "through"}


def _half_a_range(doc, sub: set[int], keep: set[int]) -> bool:
    """True when the phrase is one end of "das 9h às 17h" and the other end would stay."""
    first, last = min(sub), max(sub)
    opens = _case_word(doc[first]) in _RANGE_OPEN
    closes = _case_word(doc[first]) in _RANGE_CLOSE
    if closes:
        return any(i in keep and _case_word(doc[i]) in _RANGE_OPEN for i in range(max(0, first - 4), first))
    if opens:
        return any(i in keep and _case_word(doc[i]) in _RANGE_CLOSE for i in range(last + 1, min(len(doc), last + 3)))
    return False


def _case_word(tok) -> str:
    # "das" is "de" + "as": the pipeline keeps the preposition as the norm of its first piece.
    return (tok.norm_ or tok.lower_).lower()


def _in_quotes(doc) -> set[int]:
    """The tokens of quotations, with their quote marks."""
    out, inside = set(), False
    for t in doc:
        if t.text in _QUOTES:
            out.add(t.i)
            inside = t.text not in "”»" and not (t.text == '"' and inside)
        elif inside:
            out.add(t.i)
    return out


def focused_text(doc, lo: int, hi: int, others: list[tuple[int, int]],
                 names: list[tuple[int, int]] = ()) -> tuple[str, int, int] | None:
    """The sentence cut to the clause of the answer at [lo, hi), without the optional phrases that
    hold one of `others` (never cutting into one of `names`); with the answer's new place.  None when
    nothing would change."""
    if not isinstance(doc, _Sentence):
        doc = _mirror(doc)
    answer_toks = {t.i for t in doc if t.idx < hi and lo < t.idx + len(t.text)}
    if not answer_toks:
        return None
    keep, path = _clause_of(answer_toks, doc)
    protected = set(path) | answer_toks
    # Without a subject the parse may have taken the subject for a phrase before the verb.
    clause_root = min((doc[i] for i in keep), key=lambda t: t.depth)
    subjectless = not any(c.dep_ in _SUBJECTS for c in clause_root.children) and clause_root.dep_ != "conj"
    other_toks = set().union(*(_tokens_in(doc, a, b) for a, b in others if not (a < hi and lo < b))) - answer_toks
    if doc.quoted is None:
        doc.quoted = _in_quotes(doc)
    quoted = doc.quoted
    frame = min(answer_toks) - 1  # the word before the blank frames it ("pelo biólogo {{…}}")
    for tok in doc:
        if tok.i not in keep or tok.i in protected or tok.dep_ not in _OPTIONAL:
            continue
        if tok.lower_ in _NEGATION or (tok.dep_ == "conj" and not _is_predicate(tok)):
            continue
        if tok.dep_ == "nmod" and not (tok.pos_ in ("PROPN", "NUM") and tok.head.pos_ == "NOUN" and any(
                c.dep_ == "case" and c.i < tok.i for c in tok.children)):
            continue  # only a named complement of a common noun can go ("da RAM", "in the city of Mainz")
        sub = {t.i for t in tok.subtree}
        if any(a <= doc[min(sub)].idx < b or a < doc[max(sub)].idx + len(doc[max(sub)].text) <= b
               for a, b in names if not (a >= doc[min(sub)].idx and b <= doc[max(sub)].idx + len(doc[max(sub)].text))):
            continue  # "Sporting de Braga", "Coreia do Norte": never half a name
        if sub & protected or not sub & other_toks or (subjectless and tok.i < clause_root.i):
            continue
        if frame in sub or sub & quoted or max(sub) - min(sub) + 1 != len(sub):
            continue  # someone's words stay whole; a phrase the parse scattered is no phrase
        if tok.pos_ in ("NUM", "ADJ") and not any(c.dep_ == "case" for c in tok.children):
            continue  # "do art. 3.º": a bare number or adjective leaves its noun dangling
        before, after = min(sub) - 1, max(sub) + 1
        if (after < len(doc) and after in keep and doc[after].pos_ == "CCONJ") or (
                before >= 0 and before in keep and doc[before].pos_ in ("ADP", "DET", "CCONJ")):
            continue  # "devem começar e a abertura …": the cut would leave a joint hanging
        if any("Rel" in doc[i].morph.get("PronType") for i in range(after, min(after + 4, len(doc)))):
            continue  # "com a Rússia, com a qual …": the relative clause points back at it
        nxt_kept = next((i for i in range(after, min(after + 2, len(doc))) if i in keep and not doc[i].is_punct), None)
        if nxt_kept is not None and doc[nxt_kept].morph.get("VerbForm") == ["Part"] and doc[nxt_kept].i not in protected:
            continue  # "…, celebrado a 2 de abril": a participle that described what would go
        if tok.morph.get("VerbForm") in (["Ger"], ["Inf"]) or (
                doc[min(sub)].lower_ in ("que", "that") and (tok.head.pos_ in ("VERB", "AUX")
                                                            or doc[min(sub)].pos_ == "SCONJ")):
            continue  # "mostraram Putin cumprimentando …", "suspeita que …": what the verb reports
        if tok.dep_ == "obl" and not any(c.dep_ == "case" for c in tok.children):
            continue  # "demoram cerca de seis anos": a bare measure is what the verb asks for
        if any(doc[i].morph.get("VerbForm") == ["Fin"] for i in sub) and tok.dep_ not in (
                "acl:relcl", "advcl", "parataxis", "conj"):
            continue  # a finite verb inside is another clause's, which the cut would leave without it
        if before >= 0 and before in keep and doc[min(sub)].pos_ == "ADP" and doc[before].pos_ == "NOUN" and any(
                c.dep_ == "case" for c in doc[before].children) and not any(c.dep_ == "det" for c in doc[before].children):
            continue  # "de acordo com …", "por ocasião de …": a locution needs its complement
        if _half_a_range(doc, sub, keep):
            continue  # "das 9h às 17h", "from 1914 to 1918": one end alone misstates the rule
        if tok.head.pos_ == "ADJ" or any(c.dep_ == "fixed" for c in tok.head.children):
            continue  # "rico em motivos marítimos", "de acordo com …": the word needs what follows it
        if tok.i > tok.head.i and _is_predicate(tok.head) and not any(c.i > tok.head.i and c.i in keep and c.i not in sub and c.dep_ in _COMPLEMENTS
                                          for c in tok.head.children):
            continue  # "fica entre o processador e a RAM": the verb needs what follows it
        keep -= sub
        # The comma that opened the phrase goes with it.
        prev, nxt = tok.left_edge.i - 1, tok.right_edge.i + 1
        if prev >= 0 and doc[prev].text in (",", "—", "–") and doc[prev].i not in protected:
            keep.discard(prev)
        # And so does the comma that closed it, when it was opened by one or it led the clause:
        # "Many artists, among them …, signed", "No Porto, a queda …".
        opened = (prev >= 0 and doc[prev].text in (",", "—", "–")) or doc[min(sub)].text in (",", "—", "–")
        fronted = not any(i in keep for i in range(min(sub)))
        if nxt < len(doc) and doc[nxt].text in (",", "—", "–") and nxt not in protected and (opened or fronted):
            keep.discard(nxt)
    # A clause cut out of a coordination starts without its "e"/"and".
    for t in doc:
        if t.i in keep and (t.is_punct or t.pos_ == "CCONJ") and t.i not in protected and t.text not in _QUOTES:
            keep.discard(t.i)
        elif t.i in keep:
            break
    if len(keep) == len(doc):
        return None
    out, new_lo, new_hi = [], None, None
    pos, last = 0, None
    for t in doc:
        if t.i not in keep:
            continue
        if last is not None and t.i != last + 1 and out and not out[-1][-1:].isspace() and t.text not in _CLOSING:
            out.append(" ")  # the cut took the space that stood between these two
            pos += 1
        last = t.i
        if t.idx <= lo < t.idx + len(t.text) or (new_lo is None and t.i in answer_toks):
            new_lo = pos + max(0, lo - t.idx)
        piece = t.text + t.whitespace_
        out.append(piece)
        if t.idx < hi <= t.idx + len(t.text):
            new_hi = pos + (hi - t.idx)
        pos += len(piece)
    text = "".join(out)
    if new_lo is None or new_hi is None:
        return None
    return _tidy(text, new_lo, new_hi)


def _tidy(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """Punctuation and case mended after the cut, the answer's place carried along."""
    marked = text[:lo] + "\x01" + text[lo:hi] + "\x02" + text[hi:]
    marked = re.sub(r"\s+([,;:.!?])", r"\1", marked)
    marked = re.sub(r"[,;:]+(\s*[.!?;:,])", r"\1", marked)
    marked = re.sub(r"^[\s,;:—–-]+", "", marked)
    marked = re.sub(r"[\s,;:—–-]+$", "", marked)
    marked = re.sub(r"\s{2,}", " ", marked)
    if not marked.endswith((".", "!", "?")):
        marked += "."
    first = 1 if marked.startswith("\x01") else 0
    marked = marked[:first] + marked[first:first + 1].upper() + marked[first + 1:]
    lo, hi = marked.index("\x01"), marked.index("\x02") - 1
    text = marked.replace("\x01", "").replace("\x02", "")
    if len(text.split()) < _MIN_WORDS:
        return None
    return text, lo, hi


def add_focused(cands: list[Candidate], f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """The sentence's clozes again, each cut to its clause without the other answers' phrases."""
    if f.doc is None or not any(c.q["type"] == "cloze" for c in cands):
        return []
    doc = _mirror(f.doc)
    if sum(t.dep_ == "ROOT" for t in doc) != 1:
        return []  # pieces of several trees: nothing to cut by
    text = f.sentence.text
    others = _ranges(f, cands)
    names = [(s.start, s.end) for s in f.spans]
    out = []
    seen = {fold(c.q["prompt"]) for c in cands}
    for c in cands:
        if c.q["type"] != "cloze" or c.q["prompt"].count("{{") != 1:
            continue
        where = _locate(c, text)
        if where is None:
            continue
        got = focused_text(doc, *where, others, names)
        if got is None:
            continue
        new, lo, hi = got
        answer = str(c.q["answer"])
        if new[lo:hi] != answer and fold(new[lo:hi]) != fold(answer):
            continue
        prompt = new[:lo] + "{{" + answer + "}}" + new[hi:]
        if fold(prompt) in seen:
            continue
        seen.add(fold(prompt))
        out.append(Candidate(_q(f, ctx, "cloze", prompt, c.q["answer"]), c.fact, c.answer_kind, f,
                             bonus=c.bonus + 0.03, shown=c.shown))
    return out
